package org.hotline.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The center's choices the REST API enforces.
 *
 * @param pauseReasons     reasons a browser login may give for a pause ({@code center.pauseReasons});
 *                         the API token may give any
 * @param dispositionCodes codes a disposition may carry ({@code center.dispositionCodes})
 * @param normalisePhone   turns a typed number into the stored form (e.g. E.164 in the center's
 *                         default region); throws {@link IllegalArgumentException} for a non-number
 * @param clock            stamps dispositions and interactions
 * @param monitorTimeout   how long a monitor request waits for Asterisk; default
 *                         {@link #DEFAULT_MONITOR_TIMEOUT}
 */
public record ApiSettings(List<String> pauseReasons, List<String> dispositionCodes,
                          UnaryOperator<String> normalisePhone, Clock clock, Duration monitorTimeout) {

    public static final Duration DEFAULT_MONITOR_TIMEOUT = Duration.ofSeconds(5);

    public ApiSettings {
        pauseReasons = List.copyOf(pauseReasons);
        dispositionCodes = List.copyOf(dispositionCodes);
        Objects.requireNonNull(normalisePhone, "normalisePhone");
        Objects.requireNonNull(clock, "clock");
        if (monitorTimeout == null || monitorTimeout.isNegative() || monitorTimeout.isZero()) {
            throw new IllegalArgumentException("monitorTimeout must be positive, not " + monitorTimeout);
        }
    }

    public ApiSettings(List<String> pauseReasons, List<String> dispositionCodes,
                       UnaryOperator<String> normalisePhone, Clock clock) {
        this(pauseReasons, dispositionCodes, normalisePhone, clock, DEFAULT_MONITOR_TIMEOUT);
    }
}

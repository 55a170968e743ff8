package org.hotline.metrics;

import java.util.Locale;

/** The period a KPI report covers. */
public enum KpiWindow {
    /** Since midnight in the center's time zone. */
    TODAY,
    /** The 15-minute interval in progress. */
    INTERVAL_15M;

    /** Parses the REST API's {@code window} parameter: {@code today} or {@code 15m}. */
    public static KpiWindow parse(String text) {
        return switch (text == null ? "today" : text.toLowerCase(Locale.ROOT)) {
            case "today" -> TODAY;
            case "15m" -> INTERVAL_15M;
            default -> throw new IllegalArgumentException("window must be 'today' or '15m', not '" + text + "'");
        };
    }
}

package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the dialplan tells Hotline about a new call: when it arrived, and from which number. */
final class CallArrival {

    private static final Logger log = LoggerFactory.getLogger(CallArrival.class);
    /** Arrival times passed by the dialplan further from now than this are not believed. */
    private static final Duration ARRIVAL_SANITY = Duration.ofMinutes(10);

    private CallArrival() {
    }

    /** The dialplan passes the arrival time (epoch seconds with millis) as the first argument. */
    static Instant arrivedAt(List<String> arguments, Instant now) {
        if (!arguments.isEmpty()) {
            try {
                double epochSeconds = Double.parseDouble(arguments.get(0).trim());
                Instant arrived = Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
                if (Duration.between(arrived, now).abs().compareTo(ARRIVAL_SANITY) < 0 && !arrived.isAfter(now)) {
                    return arrived;
                }
            } catch (NumberFormatException e) {
                log.debug("arrival argument '{}' is not a time; using now", arguments.get(0));
            }
        }
        return now;
    }

    /** The caller's number, or {@code unknown} when Asterisk has none (withheld, blank). */
    static String callerOf(String s) {
        return s == null || s.isBlank() || "unknown".equalsIgnoreCase(s) ? "unknown" : s;
    }
}

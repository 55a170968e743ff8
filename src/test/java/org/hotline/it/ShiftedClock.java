package org.hotline.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real clock shifted to a moment the test chooses: time passes as it does (waits, rings,
 * polls and deadlines behave as always), but the date and the hour are the test's, e.g. a Sunday
 * noon in the center's time zone.
 *
 * <p>It moves forward only, and a test moves it between calls, when nothing is live: a clock that
 * jumped back would hold agents in wrap-up and waits in the ACD for as long as it jumped.
 */
final class ShiftedClock extends Clock {

    private final Clock real = Clock.systemUTC();
    private volatile Duration shift;

    /** Reads {@code now} now, and runs on from there. */
    ShiftedClock(Instant now) {
        shift = Duration.between(real.instant(), now);
    }

    /** From now on the clock reads {@code now}, and runs on from there. */
    void moveTo(Instant now) {
        Duration next = Duration.between(real.instant(), now);
        if (next.compareTo(shift) < 0) {
            throw new IllegalArgumentException("the clock moves forward only: " + now + " is before " + instant());
        }
        shift = next;
    }

    @Override
    public Instant instant() {
        return real.instant().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock (later moves included) seen in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        ShiftedClock shifted = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return shifted.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return shifted.withZone(other);
            }
        };
    }
}

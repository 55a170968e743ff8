package org.hotline.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * First-contact resolution over the calls that arrived in a report's window, split by what is
 * known so far. A call is decided once a repeat arrived or its FCR window has passed; until then
 * it is pending, and counts in neither part of the rate.
 *
 * @param decided  eligible calls whose outcome is known: repeated ones, and those whose window passed
 * @param resolved of those, the ones whose window passed without a repeat
 * @param pending  eligible calls neither repeated nor past their window yet
 */
public record FcrTally(long decided, long resolved, long pending) {

    public static final FcrTally NONE = new FcrTally(0, 0, 0);

    /** FCR in percent, null while nothing is decided. */
    public Double rate() {
        return decided <= 0 ? null : Math.round(1000.0 * resolved / decided) / 10.0;
    }

    public FcrTally plus(FcrTally o) {
        return new FcrTally(decided + o.decided, resolved + o.resolved, pending + o.pending);
    }

    /**
     * The tally of one 15-minute interval's counters at {@code now}. The interval's windows have
     * all passed once its end plus {@code window} is not after {@code now}; until then its
     * unrepeated calls are pending, even those that arrived at its start (a call is never called
     * resolved early: at worst the figure lags by one interval).
     */
    public static FcrTally ofInterval(Instant start, KpiCounters c, Instant now, Duration window) {
        boolean windowsPassed = !start.plus(KpiService.INTERVAL).plus(window).isAfter(now);
        long unrepeated = Math.max(0, c.fcrCalls() - c.fcrRepeated());
        return windowsPassed
                ? new FcrTally(c.fcrCalls(), unrepeated, 0)
                : new FcrTally(c.fcrRepeated(), 0, unrepeated);
    }

    /** The tally over intervals by start, at {@code now}. */
    public static FcrTally of(Map<Instant, KpiCounters> intervals, Instant now, Duration window) {
        FcrTally sum = NONE;
        for (Map.Entry<Instant, KpiCounters> e : intervals.entrySet()) {
            sum = sum.plus(ofInterval(e.getKey(), e.getValue(), now, window));
        }
        return sum;
    }

    /** As if no window had passed yet: only the repeats are decided. */
    public static FcrTally undecided(KpiCounters c) {
        return new FcrTally(c.fcrRepeated(), 0, Math.max(0, c.fcrCalls() - c.fcrRepeated()));
    }
}

package org.hotline.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.metrics.KpiCounters;

/**
 * Where finished calls and their KPI counters are kept (Redis in production). Implementations
 * must not lose a record that {@link #append} accepted, also when the store is briefly away:
 * they queue and retry.
 */
public interface CallHistory {

    /**
     * Stores the record and adds {@code contribution} to the record's queue's counters for the
     * 15-minute interval in which the call arrived. Record and counters are written together.
     */
    void append(CallRecord record, KpiCounters contribution);

    /**
     * Replaces the stored record with {@code record} (a later version of the same call, e.g. with
     * the agent's disposition or wrap-up) and adds {@code extra} to its counters once per
     * {@code part}: however often the same part is amended, it is counted once.
     */
    default void amend(CallRecord record, KpiCounters extra, String part) {
        throw new UnsupportedOperationException("this call history cannot amend records");
    }

    /** Calls that arrived at or after {@code from}, oldest first, at most {@code max}. */
    default List<CallRecord> since(Instant from, int max) {
        return List.of();
    }

    /** Newest first, at most {@code limit}. */
    List<CallRecord> recent(int limit);

    Optional<CallRecord> find(String id);

    /** The queue's counters summed over the 15-minute intervals that start in [from, to). */
    KpiCounters counters(String queue, Instant from, Instant to);

    /**
     * The queue's counters of each 15-minute interval that starts in [from, to), by interval
     * start, in time order; intervals without calls are left out.
     */
    default java.util.SortedMap<Instant, KpiCounters> intervals(String queue, Instant from, Instant to) {
        java.util.SortedMap<Instant, KpiCounters> out = new java.util.TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plusSeconds(15 * 60)) {
            KpiCounters c = counters(queue, start, start.plusSeconds(15 * 60));
            if (c.offered() > 0 || !c.equals(KpiCounters.ZERO)) {
                out.put(start, c);
            }
        }
        return out;
    }
}

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

    /** Newest first, at most {@code limit}. */
    List<CallRecord> recent(int limit);

    Optional<CallRecord> find(String id);

    /** The queue's counters summed over the 15-minute intervals that start in [from, to). */
    KpiCounters counters(String queue, Instant from, Instant to);
}

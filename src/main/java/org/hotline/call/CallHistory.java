package org.hotline.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.metrics.KpiCounters;

/**
 * Where finished calls and their KPI counters are kept (Redis in production). Implementations
 * must not lose a record that {@link #append} accepted, also when the store is briefly away:
 * they queue and retry. The production one journals every record to local disk first, so that a
 * crash loses nothing accepted either.
 *
 * <p>The writing methods are called on event loops: they return at once. Their future completes
 * when the entry is durable (journaled); callers may ignore it, and must not block on it on an
 * event loop. It completes exceptionally when the entry could not be journaled (it is then still
 * written to the store, from memory).
 */
public interface CallHistory {

    /**
     * Stores the record and adds {@code contribution} to the record's queue's counters for the
     * 15-minute interval in which the call arrived. Record and counters are written together.
     */
    CompletableFuture<Void> append(CallRecord record, KpiCounters contribution);

    /**
     * Replaces the stored record with {@code record} (a later version of the same call, e.g. with
     * the agent's disposition or wrap-up) and adds {@code extra} to its counters once per
     * {@code part}: however often the same part is amended, it is counted once.
     */
    default CompletableFuture<Void> amend(CallRecord record, KpiCounters extra, String part) {
        throw new UnsupportedOperationException("this call history cannot amend records");
    }

    /**
     * Notes the latest state of a call still in progress ({@code liveSnapshot}, outcome
     * {@code live}): it is journaled, not stored. If Hotline stops before the call's
     * {@link #append}, the next start stores it from its latest snapshot, as {@code interrupted}
     * or, when an agent had answered, {@code answered}. Called when a call arrives, at each agent
     * ring, and when an agent answers. A history without a journal ignores it.
     */
    default CompletableFuture<Void> progress(CallRecord liveSnapshot) {
        return CompletableFuture.completedFuture(null);
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

package org.hotline.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.hotline.call.LiveCall;
import org.hotline.metrics.AgentDayFigures;
import org.hotline.metrics.KpiCounters;

/**
 * What follows a call once the caller is gone: the agent's wrap-up (its length lands on the call
 * record and in the AHT counters) and their disposition (on the call record and in the customer's
 * history; it ends the wrap-up early). The record was stored when the call ended; each of these
 * stores a later version of it.
 *
 * <p>Recent calls are kept in memory so that a disposition or a wrap-up right after the call does
 * not depend on the store having written the first version yet. Methods are synchronized: each
 * composes the next version and hands it to the store's ordered queue in one step, so versions
 * reach the store in the order they were made.
 */
public final class CallAftercare {

    private static final int RECENT_CALLS = 5_000;
    static final String WRAP_UP_PART = "wrap-up";

    private final CallHistory history;
    private final CallerIdentification identification;
    private final AgentRoster roster;
    private final AgentDayFigures figures;
    private final Map<String, CallRecord> recent = bounded();
    /** Each agent's last answered call: the one whose customer they may still read in wrap-up. */
    private final Map<String, String> lastCallOfAgent = new LinkedHashMap<>();
    /**
     * What the agent gave or finished while their caller was still answering the survey (the
     * record did not exist yet): applied when the call ends. Bounded like {@link #recent}, as
     * {@link #bounded} makes every map here.
     */
    private final Map<String, Disposition> dispositionsDue = bounded();
    private final Map<String, Double> wrapUpsDue = bounded();

    public CallAftercare(CallHistory history, CallerIdentification identification, AgentRoster roster,
                         AgentDayFigures figures) {
        this.history = history;
        this.identification = identification;
        this.roster = roster;
        this.figures = figures;
    }

    /** The call ended and its record went to the store. */
    public void callEnded(CallRecord record) {
        Disposition disposition;
        Double wrapUpSeconds;
        synchronized (this) {
            figures.callEnded(record);
            identification.recordCall(record);
            if (record.agent() != null) {
                recent.put(record.id(), record);
                lastCallOfAgent.put(record.agent(), record.id());
            }
            disposition = dispositionsDue.remove(record.id());
            wrapUpSeconds = wrapUpsDue.remove(record.id());
        }
        if (wrapUpSeconds != null) {
            amendWrapUp(record.id(), wrapUpSeconds);
        }
        if (disposition != null && record.agent() != null) {
            storeDisposition(record.id(), disposition);
        }
    }

    /**
     * A disposition for a call whose agent hung up while the caller answers the survey: it ends
     * the agent's wrap-up now and lands on the record when the call ends.
     *
     * @return the call as it stands, with the disposition
     */
    public CallRecord disposeWhenEnded(LiveCall call, Disposition disposition) {
        CallRecord now = call.toRecord(roster.clock().instant());
        if (now.agent() == null) {
            throw new IllegalStateException("no agent took call " + call.id() + "; there is nothing to dispose");
        }
        synchronized (this) {
            dispositionsDue.put(call.id(), disposition);
        }
        roster.endWrapUp(now.agent(), call.id());
        return now.withDisposition(disposition);
    }

    /**
     * Records the disposition on the call and in the customer's history, and ends the agent's
     * wrap-up after it.
     *
     * @throws NoSuchElementException when the call is not known
     * @throws IllegalStateException  when no agent took the call
     */
    public CallRecord dispose(String callId, Disposition disposition) {
        remember(callId);
        synchronized (this) {
            CallRecord record = recent.get(callId);
            if (record == null) {
                throw new NoSuchElementException("no call with id '" + callId + "'");
            }
            if (record.agent() == null) {
                throw new IllegalStateException("no agent took call " + callId + "; there is nothing to dispose");
            }
        }
        CallRecord updated = storeDisposition(callId, disposition);
        roster.endWrapUp(updated.agent(), callId);
        return updated;
    }

    private CallRecord storeDisposition(String callId, Disposition disposition) {
        CallRecord updated;
        synchronized (this) {
            updated = recent.get(callId).withDisposition(disposition);
            history.append(updated, KpiCounters.ZERO);
            recent.put(callId, updated);
        }
        identification.recordCall(updated);
        return updated;
    }

    /** The agent's wrap-up after {@code callId} ended: its length goes on the record and into AHT, once. */
    public void wrapUpEnded(AgentRoster.WrapUpEnded ended) {
        double seconds = ended.duration().toMillis() / 1000.0;
        figures.wrapUpEnded(ended.agentId(), seconds);
        remember(ended.callId());
        synchronized (this) {
            if (!recent.containsKey(ended.callId())) {
                // the caller is still in the survey: the length lands on the record when the call ends
                wrapUpsDue.put(ended.callId(), seconds);
                return;
            }
        }
        amendWrapUp(ended.callId(), seconds);
    }

    private synchronized void amendWrapUp(String callId, double seconds) {
        CallRecord record = recent.get(callId);
        if (record != null) {
            CallRecord updated = record.withWrapUpSeconds(seconds);
            history.amend(updated, KpiCounters.wrapUp(seconds), WRAP_UP_PART);
            recent.put(record.id(), updated);
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > RECENT_CALLS;
            }
        };
    }

    /** The call as last known here or in the store. */
    public Optional<CallRecord> find(String callId) {
        remember(callId);
        synchronized (this) {
            return Optional.ofNullable(recent.get(callId));
        }
    }

    /**
     * Makes sure a call known to the store is known here, reading the store outside the lock so
     * that a slow store never holds up the calls ending meanwhile.
     */
    private void remember(String callId) {
        synchronized (this) {
            if (recent.containsKey(callId)) {
                return;
            }
        }
        Optional<CallRecord> stored = history.find(callId);
        synchronized (this) {
            stored.ifPresent(r -> recent.putIfAbsent(callId, r));
        }
    }

    /** The last call {@code agentId} answered, if known here. */
    public synchronized Optional<CallRecord> lastCallOf(String agentId) {
        String callId = lastCallOfAgent.get(agentId);
        return callId == null ? Optional.empty() : Optional.ofNullable(recent.get(callId));
    }
}

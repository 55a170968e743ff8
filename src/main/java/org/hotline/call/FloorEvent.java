package org.hotline.call;

import java.time.Instant;

/**
 * What happens on the contact-center floor that agents' and supervisors' screens show, in domain
 * words. The web adapter turns these into WebSocket messages; metrics count them.
 */
public sealed interface FloorEvent {

    /** An agent's state changed. */
    record AgentChanged(AgentView agent) implements FloorEvent {
    }

    /** A live call appeared or changed (waiting, ringing an agent, talking). */
    record CallChanged(LiveCall.View call) implements FloorEvent {
    }

    /** Hotline began ringing {@code pop.agentId()}'s phone: pop their screen. */
    record PopReady(ScreenPop pop) implements FloorEvent {
    }

    /** Ringing {@code agentId} for the call ended without them taking it (they missed, or the caller left). */
    record RingEnded(String agentId, String callId, AgentAttempt.Result result) implements FloorEvent {
    }

    /** The call is over; its record is on its way to the store. */
    record CallEnded(CallRecord record) implements FloorEvent {
    }

    /** A standard was breached. */
    record AlertRaised(Alert alert) implements FloorEvent {
    }

    /**
     * A supervisor-level alert.
     *
     * @param kind {@code caller-waiting-past-3-rings}, {@code missed-rings} or {@code service-level}
     */
    record Alert(Instant at, String kind, String message, String agent, String callId, String queue) {
    }
}

package org.hotline.call;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a call to the hotline ended. Serialised in lower case with dashes ({@code answered}). */
public enum CallOutcome {
    /** Still in progress. */
    LIVE,
    /** An agent answered. */
    ANSWERED,
    /** The caller hung up before any agent answered. */
    ABANDONED,
    /** The caller hung up before the IVR answered. */
    ABANDONED_RINGING,
    /** Hotline handed the call back to the dialplan's fallback queue. */
    FALLBACK,
    /** The caller's wait for a person reached the queue's maximum: they heard a message and the call ended. */
    MAX_WAIT,
    /** The caller got what they called for in the IVR (e.g. an order's status) and no agent took the call. */
    SELF_SERVED,
    /** The IVR flow ended the call without an agent and without self-service (e.g. a closed-hours message). */
    ENDED_BY_IVR,
    /**
     * The caller took a callback and hung up: their place stays in the queue and Hotline calls
     * them back (a record of its own, with {@code callbackOf}). Offered, but neither answered nor
     * abandoned nor a service-level miss in the KPIs.
     */
    CALLBACK_REQUESTED,
    /** A callback whose every try failed (the agent or the customer never answered). */
    CALLBACK_FAILED,
    /**
     * Hotline lost the call without knowing how it ended, before any agent answered: the FastAGI
     * session was cut from the other side (Asterisk restarted, the network broke), or Hotline
     * itself stopped (crash, {@code kill -9}, power loss) and completed the record at its next
     * start from the call's last journaled progress. Used only when nothing better is known. It
     * is offered but neither answered nor abandoned in the KPIs.
     */
    INTERRUPTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

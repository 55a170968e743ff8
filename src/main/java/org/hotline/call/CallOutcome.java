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
    /**
     * Hotline stopped (crash, {@code kill -9}, power loss) while the call was live and no agent
     * had answered it; the record was completed at the next start from the call's last journaled
     * progress, and its end is the last event known then. It is offered but neither answered nor
     * abandoned in the KPIs.
     */
    INTERRUPTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

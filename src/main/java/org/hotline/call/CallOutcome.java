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
    FALLBACK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

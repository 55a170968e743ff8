package org.hotline.web.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a browser login may do: an agent works their own calls, a supervisor watches and steers all. */
public enum Role {
    AGENT, SUPERVISOR;

    /** {@code agent} or {@code supervisor}, as in the login answer and {@code GET /api/session}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

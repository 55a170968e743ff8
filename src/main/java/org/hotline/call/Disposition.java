package org.hotline.call;

import java.time.Instant;
import java.util.Objects;

/**
 * What the agent recorded about a finished call on the desktop's disposition form.
 *
 * @param code     one of {@code center.dispositionCodes}
 * @param resolved whether the caller's matter was resolved on this call (first-contact resolution)
 * @param notes    free text, may be empty
 * @param by       who gave it: the agent's id, or a supervisor's login
 * @param at       when it was given
 */
public record Disposition(String code, boolean resolved, String notes, String by, Instant at) {

    public Disposition {
        Objects.requireNonNull(code, "code");
        notes = notes == null ? "" : notes;
    }
}

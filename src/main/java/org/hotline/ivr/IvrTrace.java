package org.hotline.ivr;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the caller chose and entered in the IVR, in order: the call record's {@code ivr} field
 * ({@code {path: [{node, input, at}], language, entered: {...}}}) and the screen-pop's "what the
 * caller told the IVR".
 *
 * @param path     every node the call went through, in order; a menu or collect once per try
 * @param language the language the call ended in
 * @param entered  what the caller keyed, by the collect's {@code into} name, and what look-ups
 *                 found, by the lookup's {@code into} name (plus {@code callback} when one was offered,
 *                 and {@code surveyOptIn: yes} when the caller opted in to the survey), in the order
 *                 they were kept
 */
public record IvrTrace(List<PathEntry> path, String language, Map<String, String> entered) {

    /** The {@code entered} key set to {@code yes} once the caller passed a node marked {@code surveyOptIn}. */
    public static final String SURVEY_OPT_IN = "surveyOptIn";

    public IvrTrace {
        path = List.copyOf(path);
        entered = Collections.unmodifiableMap(new LinkedHashMap<>(entered));
    }

    /** True when the caller opted in to the post-call survey in the IVR. */
    public boolean surveyOptedIn() {
        return "yes".equals(entered.get(SURVEY_OPT_IN));
    }

    /**
     * One node passed.
     *
     * @param input for a play, say, menu or collect: the keys the caller pressed there (null: none,
     *              e.g. a menu that timed out); for the nodes that decide without the caller, what
     *              they decided: a lookup {@code found} or {@code not-found}, hours {@code open},
     *              {@code closed} or {@code holiday}, a language its code, a callback offer
     *              {@code accepted} or {@code declined}; {@code vip} on the menu a VIP caller skipped
     * @param at    when the node was done with
     */
    public record PathEntry(String node, String input, Instant at) {
    }
}

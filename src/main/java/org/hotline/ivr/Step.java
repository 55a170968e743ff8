package org.hotline.ivr;

import java.time.Duration;
import java.util.Map;

/**
 * What an {@link IvrRun} asks the call script to do next. Each step is answered with one
 * {@link Event} (named on each type), except {@link Route} and {@link Hangup}, which end the run.
 * Prompts are Asterisk sound names already in the caller's language ({@link PromptSet}).
 */
public sealed interface Step {

    /** True for the steps that end the IVR: nothing is answered to them. */
    default boolean ends() {
        return false;
    }

    /**
     * Play {@code prompt}. With {@code bargeIn}, a key pressed during it stops it at once (AGI
     * {@code STREAM FILE} with the escape digits {@code 0123456789*#}). Answer {@link Event.Played}
     * with the key, or null when it played through.
     */
    record Play(String prompt, boolean bargeIn) implements Step {
    }

    /**
     * Play {@code prompt} (barge-in), or nothing when it is null, then collect up to
     * {@code maxDigits} keys; {@code terminator} (when not null) ends the entry early, and
     * {@code timeout} without a key ends it (AGI {@code GET DATA prompt timeout maxDigits}; a menu's
     * wait after its prompt is {@code WAIT FOR DIGIT}). Answer {@link Event.Digits} with the keys
     * pressed (the terminator may be left on), or null when none was pressed in time.
     */
    record Collect(String prompt, int minDigits, int maxDigits, String terminator, Duration timeout) implements Step {
    }

    /**
     * Say {@code value} in {@code language}: digits one by one ({@code SAY DIGITS}), a number
     * ({@code SAY NUMBER}), an ISO date {@code yyyy-MM-dd} ({@code SAY DATE}), or for
     * {@link IvrNode.SayKind#PROMPT} play the sound named by {@code value}. With {@code bargeIn}
     * keys stop it as in {@link Play}. Answer {@link Event.Played}.
     */
    record Say(IvrNode.SayKind kind, String value, String language, boolean bargeIn) implements Step {
    }

    /**
     * Look {@code key} up (for {@link IvrNode.LookupKind#ORDER}: the status of the calling
     * customer's order whose id's digits are {@code key}; {@link CallerContext#answer} does it from
     * the customer's data). Answer {@link Event.LookupResult}, with null when nothing was found or
     * the look-up failed.
     */
    record Lookup(IvrNode.LookupKind kind, String key) implements Step {
    }

    /**
     * Hand the caller to {@code queue} at {@code priority} (higher is served first), for an agent
     * with each of {@code skills} at least at the given level. Ends the IVR.
     */
    record Route(String queue, Map<String, Integer> skills, int priority) implements Step {
        public Route {
            skills = Map.copyOf(skills);
        }

        @Override
        public boolean ends() {
            return true;
        }
    }

    /** Offer a callback with {@code prompt}. Answer {@link Event.CallbackAnswer} (declined, until callbacks exist). */
    record CallbackOffer(String prompt) implements Step {
    }

    /** Play {@code prompt} unless it is null, then hang up. Ends the IVR. */
    record Hangup(String prompt) implements Step {
        @Override
        public boolean ends() {
            return true;
        }
    }
}

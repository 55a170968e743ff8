package org.hotline.ivr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of an IVR flow, named by its key under {@code ivr.nodes}. Each type is a record; the
 * reader ({@link IvrFlowReader}) builds them from the YAML and the checker ({@link IvrFlowChecker})
 * verifies the graph they form.
 *
 * <p>Prompts are prompt names (e.g. {@code main-menu}), turned into Asterisk sound names for the
 * caller's current language by {@link PromptSet}. Targets ({@code next}, menu options, branches)
 * are node names.
 *
 * <p>{@code selfServed}: reaching this node means the caller got what they called for from the
 * IVR itself (e.g. the read-back of an order status). A call whose caller leaves, or that the flow
 * hangs up, after such a node without reaching an agent ends {@code self-served}.
 */
public sealed interface IvrNode {

    String name();

    /** Reaching (and completing) this node means the caller was served by the IVR. */
    boolean selfServed();

    /** Where the node may go, with the YAML key naming each exit. */
    List<Exit> exits();

    /** The prompt names the node plays, with the YAML key naming each. */
    List<PromptUse> prompts();

    /** True for the types that wait for the caller's keys ({@code menu}, {@code collect}). */
    default boolean waitsForInput() {
        return false;
    }

    /**
     * An edge of the flow graph.
     *
     * @param key        the YAML key under the node that names the target ({@code next}, {@code options.1})
     * @param target     the node it leads to
     * @param needsInput true when only a key the caller pressed takes this exit (a menu option, an
     *                   invalid entry); false when a caller who presses nothing may take it
     */
    record Exit(String key, String target, boolean needsInput) {
    }

    /** A prompt a node plays, and the YAML key it is named under. */
    record PromptUse(String key, String prompt) {
    }

    /**
     * Plays a prompt, then goes on. With {@code bargeIn} a key pressed during the prompt stops it
     * at once and is carried as type-ahead into the next node if that is a menu or a collect.
     */
    record Play(String name, String prompt, boolean bargeIn, String next, boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            return List.of(new Exit("next", next, false));
        }

        public List<PromptUse> prompts() {
            return List.of(new PromptUse("prompt", prompt));
        }
    }

    /**
     * Plays the menu prompt (barge-in) and waits {@code timeout} for one key. A key that is an
     * option goes there. Silence or a key that is not an option uses a try: the caller hears
     * {@code invalidPrompt} (after a wrong key, if set) and the menu again, {@code retries} more
     * times. When the tries are used up, the last silence goes to {@code noInput} and the last
     * wrong key to {@code invalid} (or {@code noInput} when {@code invalid} is not set).
     */
    record Menu(String name, String prompt, Map<String, String> options, Duration timeout, int retries,
                String invalidPrompt, String noInput, String invalid, boolean selfServed) implements IvrNode {
        public Menu {
            options = Map.copyOf(options);
        }

        public int tries() {
            return retries + 1;
        }

        public List<Exit> exits() {
            List<Exit> exits = new ArrayList<>();
            options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(o -> exits.add(new Exit("options." + o.getKey(), o.getValue(), true)));
            exits.add(new Exit("noInput", noInput, false));
            if (invalid != null) {
                exits.add(new Exit("invalid", invalid, true));
            }
            return exits;
        }

        public List<PromptUse> prompts() {
            List<PromptUse> prompts = new ArrayList<>(List.of(new PromptUse("prompt", prompt)));
            if (invalidPrompt != null) {
                prompts.add(new PromptUse("invalidPrompt", invalidPrompt));
            }
            return prompts;
        }

        @Override
        public boolean waitsForInput() {
            return true;
        }
    }

    /**
     * Collects {@code minDigits}..{@code maxDigits} keys (0-9 and {@code *}) ended by {@code #} or
     * by {@code timeout}, and keeps them under {@code into} in what the caller entered. Silence and
     * entries of the wrong length use tries as in a {@link Menu}.
     */
    record Collect(String name, String prompt, String into, int minDigits, int maxDigits, Duration timeout,
                   int retries, String invalidPrompt, String next, String noInput, String invalid,
                   boolean selfServed) implements IvrNode {
        /** The key that ends an entry early. Asterisk's GET DATA ends on it too. */
        public static final String TERMINATOR = "#";

        public int tries() {
            return retries + 1;
        }

        public List<Exit> exits() {
            List<Exit> exits = new ArrayList<>(List.of(new Exit("next", next, true), new Exit("noInput", noInput, false)));
            if (invalid != null) {
                exits.add(new Exit("invalid", invalid, true));
            }
            return exits;
        }

        public List<PromptUse> prompts() {
            List<PromptUse> prompts = new ArrayList<>(List.of(new PromptUse("prompt", prompt)));
            if (invalidPrompt != null) {
                prompts.add(new PromptUse("invalidPrompt", invalidPrompt));
            }
            return prompts;
        }

        @Override
        public boolean waitsForInput() {
            return true;
        }
    }

    /** What a {@link Lookup} looks up. */
    enum LookupKind {
        /** An order of the calling customer, by the digits of its id; the result is its status. */
        ORDER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Looks up the entered value {@code key} (self-service data dip through the customer
     * directory, done by the call script) and keeps the result under {@code into}.
     */
    record Lookup(String name, LookupKind kind, String key, String into, String found, String notFound,
                  boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            return List.of(new Exit("found", found, false), new Exit("notFound", notFound, false));
        }

        public List<PromptUse> prompts() {
            return List.of();
        }
    }

    /** How a {@link Say} speaks its value. */
    enum SayKind {
        DIGITS, NUMBER, DATE, PROMPT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Speaks the entered value {@code value}: as digits, a number, a date (ISO {@code yyyy-MM-dd}),
     * or as the prompt {@code prompt} with {@code {value}} replaced by the value normalised to a
     * prompt name (lower case, other characters runs to {@code -}: "Out for delivery" becomes
     * {@code out-for-delivery}), when the normalised value is one of {@code values}; any other value,
     * or none, plays {@code otherwisePrompt}. A digits/number/date say with no value is skipped.
     */
    record Say(String name, SayKind kind, String value, String prompt, List<String> values, String otherwisePrompt,
               boolean bargeIn, String next, boolean selfServed) implements IvrNode {
        public Say {
            values = values == null ? List.of() : List.copyOf(values);
        }

        public List<Exit> exits() {
            return List.of(new Exit("next", next, false));
        }

        public List<PromptUse> prompts() {
            if (kind != SayKind.PROMPT) {
                return List.of();
            }
            List<PromptUse> prompts = new ArrayList<>();
            for (String v : values) {
                prompts.add(new PromptUse("values", promptFor(v)));
            }
            prompts.add(new PromptUse("otherwisePrompt", otherwisePrompt));
            return prompts;
        }

        /** The prompt name for a value already normalised. */
        public String promptFor(String normalisedValue) {
            return prompt.replace("{value}", normalisedValue);
        }

        /** "Out for delivery" → {@code out-for-delivery}: how a value becomes part of a prompt name. */
        public static String normalise(String value) {
            return value.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-+|-+$", "");
        }
    }

    /**
     * Hands the caller to {@code queue}, needing agents with each of {@code skills} at the given
     * minimum level, at {@code priority} (higher is served first). Ends the IVR.
     */
    record Route(String name, String queue, Map<String, Integer> skills, int priority) implements IvrNode {
        public Route {
            skills = Map.copyOf(skills);
        }

        public boolean selfServed() {
            return false;
        }

        public List<Exit> exits() {
            return List.of();
        }

        public List<PromptUse> prompts() {
            return List.of();
        }
    }

    /** Goes to {@code open}, {@code closed}, or on a holiday to {@code holiday} (else {@code closed}). */
    record Hours(String name, OpeningHours hours, String open, String closed, String holiday,
                 boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            List<Exit> exits = new ArrayList<>(List.of(new Exit("open", open, false), new Exit("closed", closed, false)));
            if (holiday != null) {
                exits.add(new Exit("holiday", holiday, false));
            }
            return exits;
        }

        public List<PromptUse> prompts() {
            return List.of();
        }
    }

    /** Switches the prompt set (and the language numbers and dates are said in) to {@code language}. */
    record Language(String name, String language, String next, boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            return List.of(new Exit("next", next, false));
        }

        public List<PromptUse> prompts() {
            return List.of();
        }
    }

    /** Offers a callback ({@code prompt}); the call script answers accepted or declined. */
    record CallbackOffer(String name, String prompt, String accepted, String declined,
                         boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            // Accepting takes a key; a caller who says nothing has declined.
            return List.of(new Exit("accepted", accepted, true), new Exit("declined", declined, false));
        }

        public List<PromptUse> prompts() {
            return List.of(new PromptUse("prompt", prompt));
        }
    }

    /** Plays {@code prompt} if set, then ends the call. */
    record Hangup(String name, String prompt, boolean selfServed) implements IvrNode {
        public List<Exit> exits() {
            return List.of();
        }

        public List<PromptUse> prompts() {
            return prompt == null ? List.of() : List.of(new PromptUse("prompt", prompt));
        }
    }

    /** The YAML {@code type} of each record, in the order the messages list them. */
    static String typeOf(IvrNode node) {
        Objects.requireNonNull(node);
        return switch (node) {
            case Play p -> "play";
            case Menu m -> "menu";
            case Collect c -> "collect";
            case Lookup l -> "lookup";
            case Say s -> "say";
            case Route r -> "route";
            case Hours h -> "hours";
            case Language l -> "language";
            case CallbackOffer c -> "callback-offer";
            case Hangup h -> "hangup";
        };
    }
}

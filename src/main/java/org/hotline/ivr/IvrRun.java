package org.hotline.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call's way through an {@link IvrFlow}: a state machine with no I/O. The call script asks
 * for the first {@link Step} with {@link #start()}, performs it, and reports what happened with
 * {@link #on(Event)}, which returns the next step, until a step {@link Step#ends() ends} the IVR
 * (a route or a hang-up). If the caller hangs up meanwhile it calls {@link #callerLeft()}.
 * Not thread-safe: drive one run from one thread (the call's event loop).
 *
 * <p>Behaviour an admin may rely on (as in the common contact-center flow designers):
 * <ul>
 *   <li>Barge-in: a key pressed during a prompt stops it at once. On a menu prompt it is the
 *       choice; on a play or say it is carried as type-ahead into the next menu (as its choice) or
 *       collect (as its first key). It shows in the path on the node where it was pressed and
 *       again on the node that used it.</li>
 *   <li>Tries: a menu or collect gets {@code retries} more tries after silence or a wrong entry.
 *       Each try is one path entry. The last silence takes {@code noInput}; the last wrong entry
 *       takes {@code invalid}, or {@code noInput} when that is not set.</li>
 *   <li>VIP: with {@code vipSkipsMenu}, a caller known as a VIP does not hear the first menu the
 *       call reaches; the call goes to {@code vipRoute} at {@code vipPriority} (path: the menu with
 *       input {@code vip}). The customer look-up may finish while the welcome plays:
 *       {@link #identified} hands it over then.</li>
 *   <li>Self-service: a call that passed a node marked {@code selfServed} and then hangs up, or
 *       whose caller leaves, without being routed, ends {@link IvrOutcome.SelfServed}.</li>
 * </ul>
 */
public final class IvrRun {

    /** Nodes passed without asking the call script anything before the run gives up (the checker forbids such loops). */
    private static final int MAX_HOPS = 1_000;

    private enum Phase { PROMPT, WAIT, INVALID_PROMPT, COLLECT, OTHER }

    private final IvrFlow flow;
    private final Clock clock;
    private CallerContext caller;
    private String language;
    private final List<IvrTrace.PathEntry> path = new ArrayList<>();
    private final Map<String, String> entered = new LinkedHashMap<>();
    private IvrNode current;
    private Phase phase = Phase.OTHER;
    /** 1-based try of the current menu or collect. */
    private int tryNumber;
    /** A key pressed during a barge-in prompt, not yet used by a menu or collect. */
    private String typeAhead;
    /** The first keys of the current collect, typed ahead before its step was asked. */
    private String collectPrefix;
    private Step pending;
    private Instant startedAt;
    private Instant endedAt;
    private IvrOutcome outcome;
    private boolean served;
    private boolean vipSkipped;

    /** Where the run goes next: ask the call script a step, or pass on to a node. */
    private sealed interface Move {
    }

    private record Ask(Step step) implements Move {
    }

    private record GoTo(String node) implements Move {
    }

    public IvrRun(IvrFlow flow, Clock clock, CallerContext caller) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caller = caller == null ? CallerContext.unknown() : caller;
        this.language = flow.languages().defaultLanguage();
    }

    /** The first step of the call. */
    public Step start() {
        if (startedAt != null) {
            throw new IllegalStateException("the IVR run has already started");
        }
        startedAt = clock.instant();
        return resolve(new GoTo(flow.start()));
    }

    /** The caller's customer data arrived (or changed); it counts from the next node on. */
    public void identified(CallerContext context) {
        this.caller = context == null ? CallerContext.unknown() : context;
    }

    /**
     * What came of the last step; returns the next one.
     *
     * @throws IllegalStateException    when the run has not started or has ended
     * @throws IllegalArgumentException when {@code event} does not answer the pending step
     */
    public Step on(Event event) {
        Objects.requireNonNull(event, "event");
        if (startedAt == null) {
            throw new IllegalStateException("start() the IVR run first");
        }
        if (outcome != null) {
            throw new IllegalStateException("the IVR run has ended (" + outcome + ")");
        }
        return resolve(answer(event));
    }

    /** The caller hung up: the run ends where it is; the trace keeps what happened so far. No-op once ended. */
    public void callerLeft() {
        if (outcome != null) {
            return;
        }
        String node = current == null ? flow.start() : current.name();
        end(served ? new IvrOutcome.SelfServed(node) : new IvrOutcome.CallerLeft(node));
    }

    public boolean finished() {
        return outcome != null;
    }

    /** How the call left the IVR; empty while it is in it. */
    public Optional<IvrOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The step waiting for its event, or null before the start and after the end. */
    public Step pending() {
        return pending;
    }

    public String language() {
        return language;
    }

    public IvrTrace trace() {
        return new IvrTrace(path, language, entered);
    }

    /** Time in the IVR: from the start to the end, or to now while it runs; 0 before the start. */
    public double ivrSeconds() {
        if (startedAt == null) {
            return 0;
        }
        Instant end = endedAt != null ? endedAt : clock.instant();
        return Duration.between(startedAt, end).toMillis() / 1000.0;
    }

    private Step resolve(Move move) {
        for (int hops = 0; move instanceof GoTo(String node); hops++) {
            if (hops > MAX_HOPS) {
                throw new IllegalStateException("the IVR flow passed " + MAX_HOPS + " nodes without the caller at '"
                        + node + "'");
            }
            current = flow.node(node);
            tryNumber = 1;
            phase = Phase.OTHER;
            move = begin(current);
        }
        Step step = ((Ask) move).step();
        pending = step.ends() ? null : step;
        return step;
    }

    private Move begin(IvrNode node) {
        return switch (node) {
            case IvrNode.Play p -> new Ask(new Step.Play(sound(p.prompt()), p.bargeIn()));
            case IvrNode.Menu m -> {
                if (caller.vip() && flow.vip() != null && !vipSkipped) {
                    vipSkipped = true;
                    record(m, "vip");
                    yield new GoTo(flow.vip().route());
                }
                yield menuPrompt(m);
            }
            case IvrNode.Collect c -> collectPrompt(c);
            case IvrNode.Lookup l -> {
                String key = entered.get(l.key());
                if (key == null) {
                    record(l, "not-found");
                    yield new GoTo(l.notFound());
                }
                yield new Ask(new Step.Lookup(l.kind(), key));
            }
            case IvrNode.Say s -> say(s);
            case IvrNode.Route r -> {
                record(r, null);
                int priority = vipSkipped ? Math.max(r.priority(), flow.vip().priority()) : r.priority();
                end(new IvrOutcome.Routed(r.name(), r.queue(), r.skills(), priority, vipSkipped));
                yield new Ask(new Step.Route(r.queue(), r.skills(), priority));
            }
            case IvrNode.Hours h -> {
                OpeningHours.State state = h.hours().stateAt(clock.instant());
                record(h, state.wireName());
                yield new GoTo(switch (state) {
                    case OPEN -> h.open();
                    case CLOSED -> h.closed();
                    case HOLIDAY -> h.holiday() != null ? h.holiday() : h.closed();
                });
            }
            case IvrNode.Language l -> {
                language = l.language();
                record(l, l.language());
                yield new GoTo(l.next());
            }
            case IvrNode.CallbackOffer c -> new Ask(new Step.CallbackOffer(sound(c.prompt())));
            case IvrNode.Hangup h -> {
                record(h, null);
                end(served ? new IvrOutcome.SelfServed(h.name()) : new IvrOutcome.HungUpByFlow(h.name()));
                yield new Ask(new Step.Hangup(h.prompt() == null ? null : sound(h.prompt())));
            }
        };
    }

    private Move answer(Event event) {
        return switch (current) {
            case IvrNode.Play p when event instanceof Event.Played(String digit) -> played(p, p.bargeIn(), digit, p.next());
            case IvrNode.Say s when event instanceof Event.Played(String digit) -> played(s, s.bargeIn(), digit, s.next());
            case IvrNode.Menu m when phase == Phase.PROMPT && event instanceof Event.Played(String digit) -> {
                if (digit != null) {
                    yield menuChoice(m, digit);
                }
                phase = Phase.WAIT;
                yield new Ask(new Step.Collect(null, 1, 1, null, m.timeout()));
            }
            case IvrNode.Menu m when phase == Phase.WAIT && event instanceof Event.Digits(String text) ->
                    menuChoice(m, blankToNull(text));
            case IvrNode.Menu m when phase == Phase.INVALID_PROMPT && event instanceof Event.Played(String digit) ->
                    digit != null ? menuChoice(m, digit) : replayMenu(m);
            case IvrNode.Collect c when phase == Phase.COLLECT && event instanceof Event.Digits(String text) ->
                    collected(c, text);
            case IvrNode.Collect c when phase == Phase.INVALID_PROMPT && event instanceof Event.Played(String digit) -> {
                typeAhead = digit;
                yield collectPrompt(c);
            }
            case IvrNode.Lookup l when event instanceof Event.LookupResult(String value) -> {
                if (value == null || value.isBlank()) {
                    record(l, "not-found");
                    yield new GoTo(l.notFound());
                }
                entered.put(l.into(), value.strip());
                record(l, "found");
                yield new GoTo(l.found());
            }
            case IvrNode.CallbackOffer c when event instanceof Event.CallbackAnswer(boolean accepted, String number) -> {
                entered.put("callback", accepted ? "accepted" : "declined");
                if (accepted && number != null && !number.isBlank()) {
                    entered.put("callback-number", number.strip());
                }
                record(c, accepted ? "accepted" : "declined");
                yield new GoTo(accepted ? c.accepted() : c.declined());
            }
            default -> throw new IllegalArgumentException(event + " does not answer the pending step " + pending
                    + " (node '" + current.name() + "')");
        };
    }

    private Move played(IvrNode node, boolean bargeIn, String digit, String next) {
        String key = bargeIn ? blankToNull(digit) : null;
        record(node, key);
        typeAhead = key;
        return new GoTo(next);
    }

    private Move menuPrompt(IvrNode.Menu m) {
        if (typeAhead != null) {
            String digit = typeAhead;
            typeAhead = null;
            return menuChoice(m, digit);
        }
        return replayMenu(m);
    }

    private Move replayMenu(IvrNode.Menu m) {
        phase = Phase.PROMPT;
        return new Ask(new Step.Play(sound(m.prompt()), true));
    }

    /** One try of a menu ended with {@code digit}, or with silence when it is null. */
    private Move menuChoice(IvrNode.Menu m, String digit) {
        record(m, digit);
        if (digit != null && m.options().containsKey(digit)) {
            return new GoTo(m.options().get(digit));
        }
        if (tryNumber < m.tries()) {
            tryNumber++;
            if (digit != null && m.invalidPrompt() != null) {
                phase = Phase.INVALID_PROMPT;
                return new Ask(new Step.Play(sound(m.invalidPrompt()), true));
            }
            return replayMenu(m);
        }
        return new GoTo(digit == null || m.invalid() == null ? m.noInput() : m.invalid());
    }

    private Move collectPrompt(IvrNode.Collect c) {
        collectPrefix = typeAhead;
        typeAhead = null;
        phase = Phase.COLLECT;
        if (collectPrefix != null && (collectPrefix.length() >= c.maxDigits()
                || collectPrefix.endsWith(IvrNode.Collect.TERMINATOR))) {
            return collected(c, "");
        }
        int already = collectPrefix == null ? 0 : collectPrefix.length();
        return new Ask(new Step.Collect(sound(c.prompt()), Math.max(1, c.minDigits() - already),
                c.maxDigits() - already, IvrNode.Collect.TERMINATOR, c.timeout()));
    }

    /** One try of a collect ended with {@code text} (null: nothing in time), after any typed-ahead keys. */
    private Move collected(IvrNode.Collect c, String text) {
        String entry = (collectPrefix == null ? "" : collectPrefix) + (text == null ? "" : text.strip());
        collectPrefix = null;
        if (entry.endsWith(IvrNode.Collect.TERMINATOR)) {
            entry = entry.substring(0, entry.length() - 1);
        }
        boolean silent = entry.isEmpty();
        record(c, silent ? null : entry);
        if (!silent && entry.matches("[0-9*]+") && entry.length() >= c.minDigits() && entry.length() <= c.maxDigits()) {
            entered.put(c.into(), entry);
            return new GoTo(c.next());
        }
        if (tryNumber < c.tries()) {
            tryNumber++;
            if (!silent && c.invalidPrompt() != null) {
                phase = Phase.INVALID_PROMPT;
                return new Ask(new Step.Play(sound(c.invalidPrompt()), true));
            }
            return collectPrompt(c);
        }
        return new GoTo(silent || c.invalid() == null ? c.noInput() : c.invalid());
    }

    private Move say(IvrNode.Say s) {
        String value = entered.get(s.value());
        if (s.kind() == IvrNode.SayKind.PROMPT) {
            String normalised = value == null ? null : IvrNode.Say.normalise(value);
            String prompt = normalised != null && s.values().contains(normalised)
                    ? s.promptFor(normalised) : s.otherwisePrompt();
            return new Ask(new Step.Say(s.kind(), sound(prompt), language, s.bargeIn()));
        }
        if (value == null) {
            record(s, null);
            return new GoTo(s.next());
        }
        return new Ask(new Step.Say(s.kind(), value, language, s.bargeIn()));
    }

    private void record(IvrNode node, String input) {
        path.add(new IvrTrace.PathEntry(node.name(), input, clock.instant()));
        if (node.selfServed()) {
            served = true;
        }
        if (flow.surveyOptIn().contains(node.name())) {
            entered.put(IvrTrace.SURVEY_OPT_IN, "yes");
        }
    }

    private void end(IvrOutcome how) {
        outcome = how;
        endedAt = clock.instant();
        pending = null;
        typeAhead = null;
    }

    private String sound(String prompt) {
        return flow.languages().soundName(language, prompt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

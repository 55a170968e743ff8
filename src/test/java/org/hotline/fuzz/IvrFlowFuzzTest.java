package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import org.hotline.ivr.CallerContext;
import org.hotline.ivr.Event;
import org.hotline.ivr.IvrDefinition;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrFlowChecker;
import org.hotline.ivr.IvrFlowReader;
import org.hotline.ivr.IvrNode;
import org.hotline.ivr.IvrProblems;
import org.hotline.ivr.IvrRun;
import org.hotline.ivr.PromptCatalog;
import org.hotline.ivr.Step;

/**
 * The IVR flow's reading and checking ({@link IvrFlowReader}, then {@link IvrFlowChecker}) on
 * node graphs the fuzzer builds, and on raw flow files through {@link ConfigLoader}.
 *
 * <p>Contract: any input either yields a valid flow or problems that each name the key at fault
 * ({@code ivr.<key>} or {@code ivr.nodes.<node>[.<key>]}) and the flow's file; never another
 * exception type, never a hang (cyclic graphs included). A valid flow holds together: its start
 * and every exit lead to a node of the flow, and a call driven through it with any keys gets a
 * step for every event it reports, without the run ever passing node after node on its own (the
 * silent loop the checker refuses).
 *
 * <p>The committed inputs of {@code structuredFlow} are fuzzer choices, named for what they built
 * when they were picked from a run's corpus (a valid flow of n nodes and its types, or the first
 * problem found); a change to how a flow is built from the choices changes what they build.
 */
class IvrFlowFuzzTest {

    private static final String FILE = "fuzzed-flow.yaml";
    private static final Set<String> QUEUES = Set.of("support", "billing", "chinese");
    private static final Set<String> SKILLS = Set.of("support", "billing", "zh");
    /** Keys a problem may name outside the nodes. */
    private static final List<String> FLOW_KEYS = List.of("start", "defaultLanguage", "languages", "soundPrefix",
            "vipRoute", "vipPriority", "nodes", "promptsDirectory");
    private static final String[] NAMES = {"welcome", "menu", "pin", "order", "say", "person", "hours", "zh", "bye",
            "offer"};
    private static final String[] TARGET_KEYS = {"next", "noInput", "invalid", "found", "notFound", "open", "closed",
            "holiday", "accepted", "declined"};
    /** The keys each type reads (IvrFlowReader), so that most generated nodes are nearly right. */
    private static final Map<String, String[]> KEYS = Map.of(
            "play", new String[] {"prompt", "bargeIn", "next"},
            "menu", new String[] {"prompt", "options", "timeoutSeconds", "retries", "invalidPrompt", "noInput", "invalid"},
            "collect", new String[] {"prompt", "into", "minDigits", "maxDigits", "timeoutSeconds", "retries",
                    "invalidPrompt", "next", "noInput", "invalid"},
            "lookup", new String[] {"kind", "key", "into", "found", "notFound"},
            "say", new String[] {"kind", "value", "prompt", "values", "otherwisePrompt", "bargeIn", "next"},
            "route", new String[] {"queue", "skills", "priority"},
            "hours", new String[] {"timeZone", "weekly", "holidays", "open", "closed", "holiday"},
            "language", new String[] {"language", "next"},
            "callback-offer", new String[] {"prompt", "accepted", "declined"},
            "hangup", new String[] {"prompt"});

    /** The center the raw flow files are checked against: the same queues and skills. */
    private static final Path DIR = temporaryDirectory();
    private static final Path FLOW_FILE = DIR.resolve(FILE);
    private static final Path CONFIG_FILE = writeBaseConfig();
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

    /** A flow built node by node from the fuzzer's choices: types, keys, edges, digits, skills, hours. */
    @FuzzTest
    void structuredFlow(FuzzedDataProvider data) {
        IvrDefinition definition = definition(data);
        PromptCatalog catalog = catalog(data);
        IvrProblems problems = new IvrProblems("ivr.", FILE);
        IvrFlow flow = new IvrFlowReader(problems).read(definition);
        if (flow != null && problems.isEmpty()) {
            new IvrFlowChecker(problems).check(flow, QUEUES, SKILLS, catalog);
        }
        if (!problems.isEmpty()) {
            checkProblems(problems.messages(), definition.nodes().keySet());
            return;
        }
        if (definition.isEmpty()) {
            assertNull(flow, "a flow without nodes");
            return;
        }
        assertNotNull(flow, "no flow and no problem");
        checkFlow(flow);
        run(flow, Caller.of(data));
    }

    /** A flow file as an admin writes it ({@code ivr.file}), read with a valid center around it. */
    @FuzzTest
    void flowFile(byte[] content) throws IOException {
        Files.write(FLOW_FILE, content);
        HotlineConfig config;
        try {
            config = LOADER.loadFiles(List.of(CONFIG_FILE));
        } catch (ConfigException expected) {
            String message = expected.getMessage();
            assertTrue(message.contains(FILE), () -> "does not name the flow file: " + message);
            assertFalse(expected.problems().isEmpty(), "no problem listed");
            // The center around the flow is valid: what is wrong is in the flow file, under ivr.
            boolean fileAlone = message.startsWith("invalid configuration in " + FLOW_FILE + ":");
            for (String problem : expected.problems()) {
                assertTrue(problem != null && !problem.isBlank(), "a blank problem");
                assertTrue(fileAlone || problem.startsWith("ivr") || problem.contains("'ivr."),
                        () -> "a problem outside ivr: " + problem);
                // The flow's own checks name the file a key is in (binding errors name it in the source).
                assertTrue(!problem.startsWith("ivr.") || problem.contains(" (in ") && problem.contains(FILE),
                        () -> "does not name the flow file: " + problem);
            }
            return;
        }
        Optional<IvrFlow> flow = config.ivr().flow();
        if (flow.isPresent()) {
            checkFlow(flow.get());
            run(flow.get(), Caller.SILENT);
        }
    }

    // --- The contract's checks ----------------------------------------------------------------------------

    /** Every problem names the flow's file and a key of the flow, or a node of it (by name) and its key. */
    private static void checkProblems(List<String> messages, Set<String> nodes) {
        for (String m : messages) {
            assertTrue(m != null && m.startsWith("ivr."), () -> "not an ivr key: " + m);
            assertTrue(m.contains(" (in " + FILE + "): "), () -> "does not name the file: " + m);
            boolean flowKey = FLOW_KEYS.stream().anyMatch(k -> m.startsWith("ivr." + k + " (in ")
                    || m.startsWith("ivr." + k + "["));
            boolean nodeKey = nodes.stream().anyMatch(n -> m.startsWith("ivr.nodes." + n + ".")
                    || m.startsWith("ivr.nodes." + n + " (in "));
            assertTrue(flowKey || nodeKey, () -> "names neither a flow key nor a node: " + m);
            assertFalse(m.substring(m.indexOf(": ") + 2).isBlank(), () -> "says nothing: " + m);
        }
    }

    /** A valid flow holds together. */
    private static void checkFlow(IvrFlow flow) {
        assertTrue(flow.nodes().containsKey(flow.start()), "start is no node");
        for (IvrNode node : flow.nodes().values()) {
            for (IvrNode.Exit exit : node.exits()) {
                assertTrue(exit.target() == null || flow.nodes().containsKey(exit.target()),
                        () -> node.name() + "." + exit.key() + " leads nowhere");
            }
        }
        if (flow.vip() != null) {
            assertTrue(flow.nodes().get(flow.vip().route()) instanceof IvrNode.Route, "vipRoute is no route");
        }
    }

    /** What the caller does at each step: the fuzzer's choices, or nothing at all. */
    private interface Caller {
        /** Presses nothing, finds nothing, declines, calls in at the first instant of the range. */
        Caller SILENT = new Caller() {
            @Override
            public boolean yes() {
                return false;
            }

            @Override
            public int upTo(int min, int max) {
                return min;
            }

            @Override
            public String keys() {
                return null;
            }

            @Override
            public boolean done() {
                return false;
            }
        };

        boolean yes();

        int upTo(int min, int max);

        /** The keys of a collect, or null for none in time. */
        String keys();

        /** True when the caller has nothing more to do (and hangs up). */
        boolean done();

        static Caller of(FuzzedDataProvider data) {
            return new Caller() {
                @Override
                public boolean yes() {
                    return data.consumeBoolean();
                }

                @Override
                public int upTo(int min, int max) {
                    return data.consumeInt(min, max);
                }

                @Override
                public String keys() {
                    return data.consumeBoolean() ? null : data.consumeString(20);
                }

                @Override
                public boolean done() {
                    return data.remainingBytes() == 0;
                }
            };
        }
    }

    /** Drives a call through the flow for at most 64 steps, then the caller hangs up. */
    private static void run(IvrFlow flow, Caller caller) {
        Instant now = Instant.parse("2026-11-23T00:00:00Z").plusSeconds(caller.upTo(0, 14 * 24 * 3600));
        CallerContext context = new CallerContext(caller.yes(), Map.of("O-500123", "shipped"));
        IvrRun run = new IvrRun(flow, Clock.fixed(now, ZoneOffset.UTC), context);
        Step step = run.start();
        for (int i = 0; i < 64 && !step.ends() && !(i > 0 && caller.done()); i++) {
            Event event = switch (step) {
                case Step.Play p -> new Event.Played(key(caller));
                case Step.Say s -> new Event.Played(key(caller));
                case Step.Collect c -> new Event.Digits(caller.keys());
                case Step.Lookup l -> caller.yes() ? context.answer(l) : new Event.LookupResult(null);
                case Step.CallbackOffer o -> new Event.CallbackAnswer(caller.yes(), null);
                case Step.Route r -> throw new AssertionError("a route ends the run");
                case Step.Hangup h -> throw new AssertionError("a hang-up ends the run");
            };
            step = run.on(event);
            assertNotNull(step, "no step after " + event);
        }
        if (step.ends()) {
            assertTrue(run.finished() && run.outcome().isPresent(), "a step that ends but the run goes on");
        } else {
            run.callerLeft();
            assertTrue(run.finished(), "still running after the caller left");
        }
    }

    private static String key(Caller caller) {
        int k = caller.upTo(0, 12);
        return k >= 12 ? null : String.valueOf("0123456789*#".charAt(k));
    }

    // --- Building a flow from the fuzzer's choices ---------------------------------------------------------
    //
    // FuzzedDataProvider answers the smallest choice once the input is used up, so each choice's
    // smallest value is the ordinary one and the rare branches (a wrong kind of value, a bad value, an
    // edge to no node) sit at the top of the range. Edges lead forward by default (node i to i + 1,
    // the last node a route), so short inputs build flows that hold together and get to the checks
    // across nodes and to the run; edges back (cycles, silent or through a key) are common choices.

    private static IvrDefinition definition(FuzzedDataProvider data) {
        List<String> languages = rarely(data, 8)
                ? List.<List<String>>of(List.of(), List.of("en", "en"), List.of(pick(data, "EN", "", "english", "zh-")))
                        .get(data.consumeInt(0, 2))
                : List.of(List.of("en"), List.of("en", "zh"), List.of("zh", "en", "pt-BR")).get(data.consumeInt(0, 2));
        String defaultLanguage = rarely(data, 8) ? pick(data, "de", "", "zh") : languages.isEmpty() ? null
                : languages.get(0);
        String soundPrefix = rarely(data, 12) ? pick(data, "", "/abs", "a b", "hotline/", "x/../y") : "hotline";
        int count = data.consumeInt(1, 13) % 13; // 13: no node at all
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(rarely(data, 20) ? data.consumeString(16) : i < NAMES.length ? NAMES[i] : "node-" + i);
        }
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            nodes.put(names.get(i), rarely(data, 40) ? null : node(data, names, i));
        }
        boolean vip = data.consumeBoolean();
        String vipRoute = vip ? target(data, names, -1) : null;
        int vipPriority = data.consumeInt(0, 120) - (rarely(data, 10) ? 10 : 0);
        String start = rarely(data, 15) ? pick(data, "", " ", "nowhere") : names.isEmpty() ? "welcome"
                : names.get(data.consumeInt(0, names.size() - 1));
        return new IvrDefinition(start, defaultLanguage, languages, soundPrefix, vip, vipRoute, vipPriority, nodes);
    }

    /** Node {@code index} of {@code names}: the last one ends the flow, unless the fuzzer says otherwise. */
    private static Map<String, Object> node(FuzzedDataProvider data, List<String> names, int index) {
        Map<String, Object> raw = new LinkedHashMap<>();
        String type;
        if (rarely(data, 20)) {
            type = pick(data, "playback", "", "Menu");
        } else if (index == names.size() - 1) {
            type = pick(data, "route", "hangup", "play", "menu");
        } else {
            type = IvrFlowReader.TYPES.get(data.consumeInt(0, IvrFlowReader.TYPES.size() - 1));
        }
        if (!rarely(data, 30)) {
            raw.put("type", type);
        }
        for (String key : KEYS.getOrDefault(type, new String[0])) {
            if (!rarely(data, 8)) {
                raw.put(key, value(type, key, data, names, index));
            }
        }
        if (rarely(data, 6)) {
            raw.put(pick(data, "selfServed", "surveyOptIn", "timeout", "nxt"),
                    data.consumeBoolean() ? data.consumeBoolean() : anyValue(data));
        }
        return raw;
    }

    /** A value for {@code key} of a {@code type} node: mostly a good one, rarely a bad one or another kind. */
    private static Object value(String type, String key, FuzzedDataProvider data, List<String> names, int index) {
        if (rarely(data, 20)) {
            return anyValue(data);
        }
        for (String target : TARGET_KEYS) {
            if (target.equals(key)) {
                return target(data, names, index);
            }
        }
        return switch (key) {
            case "prompt" -> type.equals("say") ? choose(data, new String[] {"status-{value}"}, "status", "{value}x")
                    : choose(data, new String[] {"welcome", "main-menu", "goodbye"}, "x".repeat(70), "bad prompt");
            case "invalidPrompt", "otherwisePrompt" -> choose(data, new String[] {"invalid", "unknown"}, "no good");
            case "options" -> {
                Map<Object, Object> options = new LinkedHashMap<>();
                int n = data.consumeInt(1, 6) % 6; // 6: none
                for (int i = 0; i < n; i++) {
                    Object digit = rarely(data, 10) ? pick(data, "10", "a", "") : data.consumeInt(0, 9);
                    options.put(data.consumeBoolean() ? digit : String.valueOf(digit),
                            rarely(data, 15) ? anyValue(data) : target(data, names, index));
                }
                if (data.consumeBoolean()) {
                    options.put(pick(data, "*", "#"), target(data, names, index));
                }
                yield options;
            }
            case "timeoutSeconds" -> rarely(data, 10) ? data.consumeInt(-1, 100) : data.consumeInt(1, 60);
            case "minDigits", "maxDigits" -> rarely(data, 10) ? data.consumeInt(-1, 40) : data.consumeInt(1, 12);
            case "retries" -> rarely(data, 10) ? data.consumeInt(-1, 10) : data.consumeInt(0, 5);
            case "priority" -> rarely(data, 10) ? data.consumeInt(-1, 200) : data.consumeInt(0, 20);
            case "bargeIn" -> data.consumeBoolean();
            case "into", "key", "value" -> choose(data, new String[] {"pin", "status", "order"}, "a b", "");
            case "kind" -> type.equals("say")
                    ? choose(data, new String[] {"digits", "number", "date", "prompt", "PROMPT"}, "colour")
                    : choose(data, new String[] {"order", "ORDER"}, "colour");
            case "values" -> List.of(choose(data, new String[] {"shipped", "on-hold"}, "!!"),
                    choose(data, new String[] {"delivered"}, ""));
            case "queue" -> choose(data, new String[] {"support", "billing", "chinese"}, "sales");
            case "skills" -> {
                String skill = choose(data, new String[] {"support", "zh", "billing"}, "sales");
                if (data.consumeBoolean()) {
                    yield List.of(skill);
                }
                yield Map.of(skill, rarely(data, 8) ? pick(data, "high", "", "-1", "101") : data.consumeInt(0, 10));
            }
            case "timeZone" -> choose(data, new String[] {"UTC", "America/New_York", "Asia/Shanghai"}, "Mars/Olympus",
                    "+25:00");
            case "weekly" -> {
                Map<String, Object> weekly = new LinkedHashMap<>();
                int n = data.consumeInt(1, 4) % 4; // 4: none
                for (int i = 0; i < n; i++) {
                    weekly.put(choose(data, new String[] {"mon-fri", "sat", "sun", "mon-sun", "tue"}, "fri-mon",
                                    "monday", "mon-"),
                            choose(data, new String[] {"08:00-18:00", "09:00-12:00, 13:00-17:00", "00:00-24:00"},
                                    "18:00-08:00", "25:00-26:00", "8-6", "", "09:00-09:00"));
                }
                yield weekly;
            }
            case "holidays" -> List.of(choose(data, new String[] {"2026-12-25", "2026-11-23"}, "2026-02-30",
                    "tomorrow"));
            case "language" -> choose(data, new String[] {"en", "zh"}, "fr", "");
            default -> anyValue(data);
        };
    }

    /**
     * Where an exit of node {@code index} leads: by default the next node; often any later one or
     * any node at all (an edge back makes a cycle); rarely no node of the flow.
     */
    private static String target(FuzzedDataProvider data, List<String> names, int index) {
        if (names.isEmpty() || rarely(data, 20)) {
            return data.consumeBoolean() ? "nowhere" : data.consumeString(16);
        }
        boolean forward = index + 1 < names.size();
        int mode = data.consumeInt(0, 3);
        if (forward && mode == 0) {
            return names.get(index + 1);
        }
        if (forward && mode == 1) {
            return names.get(data.consumeInt(index + 1, names.size() - 1));
        }
        return names.get(data.consumeInt(0, names.size() - 1));
    }

    /** Mostly one of {@code common}, one time in 8 one of {@code rare}. */
    private static String choose(FuzzedDataProvider data, String[] common, String... rare) {
        return rarely(data, 8) ? pick(data, rare) : pick(data, common);
    }

    /** True one time in {@code n}, and never once the input is used up. */
    private static boolean rarely(FuzzedDataProvider data, int n) {
        return data.consumeInt(1, n) == n;
    }

    /** Any YAML value: text, a number, a flag, nothing, a list or a mapping. */
    private static Object anyValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> data.consumeString(12);
            case 1 -> data.consumeInt();
            case 2 -> data.consumeBoolean();
            case 3 -> null;
            case 4 -> List.of(data.consumeString(6));
            case 5 -> Map.of(data.consumeString(6), data.consumeString(6));
            default -> data.consumeDouble();
        };
    }

    private static String pick(FuzzedDataProvider data, String... choices) {
        return choices[data.consumeInt(0, choices.length - 1)];
    }

    /** Every prompt exists; or, rarely, only those of up to 5 characters in English (others are missing). */
    private static PromptCatalog catalog(FuzzedDataProvider data) {
        if (!rarely(data, 6)) {
            return PromptCatalog.UNCHECKED;
        }
        return new PromptCatalog() {
            @Override
            public boolean has(String language, String prompt) {
                return language.equals("en") && prompt.length() <= 5;
            }

            @Override
            public String whereIs(String language, String prompt) {
                return language + "/" + prompt + ".txt";
            }
        };
    }

    // --- The raw target's files ----------------------------------------------------------------------------

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("hotline-ivr-fuzz-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeBaseConfig() {
        try {
            Path config = DIR.resolve("hotline.yaml");
            Files.writeString(config, """
                    http: { apiToken: fuzz-token-0123456789 }
                    queues:
                      - { name: support, skill: support }
                      - { name: billing, skill: billing }
                      - { name: chinese, skill: zh }
                    agents:
                      - { id: "1001", name: Alice, extension: "1001", skills: [support, billing, zh] }
                    ivr: { file: %s }
                    """.formatted(FILE));
            config.toFile().deleteOnExit();
            FLOW_FILE.toFile().deleteOnExit();
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

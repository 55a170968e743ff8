package org.hotline.ivr;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link IvrDefinition} (the YAML as written) into an {@link IvrFlow}, reporting each
 * unknown type, missing or unknown key and malformed value with the node and key it belongs to.
 * What spans nodes (targets, reachability, loops, prompts, queues) is {@link IvrFlowChecker}'s.
 *
 * <p>Defaults an admin may rely on: menus and collects wait 5 s and give 2 retries; plays and
 * says take barge-in; a collect keeps its digits under the node's own name unless {@code into}
 * says otherwise, and takes 1 to 16 keys; a route's priority is 0.
 *
 * <p>Any node may carry {@code surveyOptIn: true}: a caller who passes it opted in to the
 * post-call survey, as an Amazon Connect flow sets a contact attribute or a Genesys flow sets
 * participant data that the survey later reads. Typically a menu option leads to a play node
 * ("you will get a short survey after the call") that carries it.
 */
public final class IvrFlowReader {

    /** Every node type, as written in {@code type:}. */
    public static final List<String> TYPES = List.of("play", "menu", "collect", "lookup", "say", "route", "hours",
            "language", "callback-offer", "hangup");
    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_RETRIES = 2;
    static final int MAX_RETRIES = 5;
    static final int MAX_TIMEOUT_SECONDS = 60;
    static final int MAX_DIGITS = 32;
    static final int MAX_PRIORITY = 100;
    /**
     * Nodes in one flow at most. A real flow has tens; the cap bounds what checking costs (a
     * flow's silent loops are reported one message each, with their nodes).
     */
    public static final int MAX_NODES = 1000;
    private static final String NAME = "[A-Za-z0-9_-]{1,64}";

    private final IvrProblems problems;
    private final Set<String> surveyOptIn = new HashSet<>();

    public IvrFlowReader(IvrProblems problems) {
        this.problems = problems;
    }

    /** The flow, or null when the definition is empty or too broken to build (see the problems). */
    public IvrFlow read(IvrDefinition definition) {
        if (definition.isEmpty()) {
            if (definition.start() != null && !definition.start().isBlank()) {
                problems.add("start", "names '" + definition.start() + "' but the flow has no nodes");
            }
            return null;
        }
        if (definition.nodes().size() > MAX_NODES) {
            problems.add("nodes", definition.nodes().size() + " nodes; a flow has at most " + MAX_NODES);
            return null;
        }
        PromptSet languages = languages(definition);
        Map<String, IvrNode> nodes = new LinkedHashMap<>();
        definition.nodes().forEach((name, raw) -> {
            if (!name.matches(NAME)) {
                problems.node(name, null, "a node name is 1-64 letters, digits, '-' or '_'");
            } else if (raw == null) {
                problems.node(name, "type", "required (one of " + String.join(", ", TYPES) + ")");
            } else {
                IvrNode node = node(name, raw);
                if (node != null) {
                    nodes.put(name, node);
                }
            }
        });
        String start = definition.start();
        if (start == null || start.isBlank()) {
            problems.add("start", "required: the node every call enters first");
            return null;
        }
        if (!definition.nodes().containsKey(start)) {
            problems.add("start", "no node '" + start + "'");
            return null;
        }
        IvrFlow.VipSkip vip = null;
        if (definition.vipSkipsMenu()) {
            if (definition.vipRoute() == null || definition.vipRoute().isBlank()) {
                problems.add("vipRoute", "required while vipSkipsMenu is true: the route node VIP callers go to");
            } else if (definition.vipPriority() < 1 || definition.vipPriority() > MAX_PRIORITY) {
                problems.add("vipPriority", definition.vipPriority() + " is outside 1.." + MAX_PRIORITY);
            } else {
                vip = new IvrFlow.VipSkip(definition.vipRoute(), definition.vipPriority());
            }
        }
        surveyOptIn.retainAll(nodes.keySet());
        return languages == null ? null : new IvrFlow(start, languages, nodes, vip, surveyOptIn);
    }

    private PromptSet languages(IvrDefinition d) {
        boolean ok = true;
        if (d.languages().isEmpty()) {
            problems.add("languages", "give at least one (e.g. [en])");
            ok = false;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.languages().size(); i++) {
            String language = d.languages().get(i);
            if (language == null || !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                problems.add("languages[" + i + "]", "'" + language + "' is not a language code (e.g. en, zh, pt-BR)");
                ok = false;
            } else if (!seen.add(language)) {
                problems.add("languages[" + i + "]", "'" + language + "' is listed twice");
            }
        }
        if (d.defaultLanguage() == null || !seen.contains(d.defaultLanguage())) {
            problems.add("defaultLanguage", "'" + d.defaultLanguage() + "' is not one of languages " + d.languages());
            ok = false;
        }
        if (d.soundPrefix() == null || !d.soundPrefix().matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
            problems.add("soundPrefix", "'" + d.soundPrefix() + "' must be a folder under Asterisk's sounds"
                    + " (letters, digits, '-', '_', '/' between parts), e.g. hotline");
            ok = false;
        }
        return ok ? new PromptSet(d.defaultLanguage(), d.languages(), d.soundPrefix()) : null;
    }

    private IvrNode node(String name, Map<String, Object> raw) {
        NodeFields f = new NodeFields(name, raw, problems);
        String type = f.text("type", false);
        if (type == null) {
            f.problem("type", "required (one of " + String.join(", ", TYPES) + ")");
            return null;
        }
        if (!TYPES.contains(type)) {
            f.problem("type", "unknown node type '" + type + "' (known types: " + String.join(", ", TYPES) + ")");
            return null;
        }
        int before = problems.messages().size();
        IvrNode node = switch (type) {
            case "play" -> new IvrNode.Play(name, f.text("prompt", true), f.flag("bargeIn", true),
                    f.text("next", true), selfServed(f));
            case "menu" -> menu(name, f);
            case "collect" -> collect(name, f);
            case "lookup" -> lookup(name, f);
            case "say" -> say(name, f);
            case "route" -> route(name, f);
            case "hours" -> hours(name, f);
            case "language" -> new IvrNode.Language(name, f.text("language", true), f.text("next", true),
                    selfServed(f));
            case "callback-offer" -> new IvrNode.CallbackOffer(name, f.text("prompt", true), f.text("accepted", true),
                    f.text("declined", true), selfServed(f));
            case "hangup" -> new IvrNode.Hangup(name, f.text("prompt", false), selfServed(f));
            default -> throw new IllegalStateException(type);
        };
        if (f.flag("surveyOptIn", false)) {
            surveyOptIn.add(name);
        }
        f.rejectUnknownKeys(type);
        return problems.messages().size() == before ? node : null;
    }

    private static boolean selfServed(NodeFields f) {
        return f.flag("selfServed", false);
    }

    private static Duration timeout(NodeFields f) {
        return Duration.ofSeconds(f.integer("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS));
    }

    private static int retries(NodeFields f) {
        return f.integer("retries", DEFAULT_RETRIES, 0, MAX_RETRIES);
    }

    private IvrNode menu(String name, NodeFields f) {
        String prompt = f.text("prompt", true);
        Map<String, String> options = f.textMap("options", true);
        for (String key : options.keySet()) {
            if (!key.matches("[0-9*#]")) {
                f.problem("options." + key, "'" + key + "' is not one key (0-9, * or #; quote * and # in YAML)");
            }
        }
        return new IvrNode.Menu(name, prompt, options, timeout(f), retries(f), f.text("invalidPrompt", false),
                f.text("noInput", true), f.text("invalid", false), selfServed(f));
    }

    private IvrNode collect(String name, NodeFields f) {
        String prompt = f.text("prompt", true);
        String into = f.text("into", false);
        if (into != null && !into.matches(NAME)) {
            f.problem("into", "'" + into + "' must be 1-64 letters, digits, '-' or '_'");
        }
        int min = f.integer("minDigits", 1, 1, MAX_DIGITS);
        int max = f.integer("maxDigits", 16, 1, MAX_DIGITS);
        if (min > max) {
            f.problem("minDigits", min + " is more than maxDigits " + max);
        }
        return new IvrNode.Collect(name, prompt, into == null ? name : into, min, max, timeout(f), retries(f),
                f.text("invalidPrompt", false), f.text("next", true), f.text("noInput", true),
                f.text("invalid", false), selfServed(f));
    }

    private IvrNode lookup(String name, NodeFields f) {
        String kindText = f.text("kind", true);
        IvrNode.LookupKind kind = null;
        if (kindText != null) {
            try {
                kind = IvrNode.LookupKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.problem("kind", "unknown lookup '" + kindText + "' (known: order)");
            }
        }
        String into = f.text("into", false);
        return new IvrNode.Lookup(name, kind, f.text("key", true), into == null ? name : into,
                f.text("found", true), f.text("notFound", true), selfServed(f));
    }

    private IvrNode say(String name, NodeFields f) {
        String kindText = f.text("kind", true);
        IvrNode.SayKind kind = null;
        if (kindText != null) {
            try {
                kind = IvrNode.SayKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.problem("kind", "unknown say '" + kindText + "' (known: digits, number, date, prompt)");
            }
        }
        String value = f.text("value", true);
        String prompt = null;
        List<String> values = List.of();
        String otherwise = null;
        if (kind == IvrNode.SayKind.PROMPT) {
            prompt = f.text("prompt", true);
            if (prompt != null && !prompt.contains("{value}")) {
                f.problem("prompt", "'" + prompt + "' must contain {value}, e.g. order-status-{value}");
            }
            values = new ArrayList<>();
            for (String v : f.textList("values")) {
                String normalised = IvrNode.Say.normalise(v);
                if (normalised.isEmpty()) {
                    f.problem("values", "'" + v + "' has no letters or digits");
                } else {
                    values.add(normalised);
                }
            }
            otherwise = f.text("otherwisePrompt", true);
        }
        return new IvrNode.Say(name, kind, value, prompt, values, otherwise, f.flag("bargeIn", true),
                f.text("next", true), selfServed(f));
    }

    private IvrNode route(String name, NodeFields f) {
        String queue = f.text("queue", true);
        Map<String, Integer> skills = new LinkedHashMap<>();
        if (f.hasList("skills")) {
            f.textList("skills").forEach(skill -> skills.put(skill, 1));
        } else {
            f.textMap("skills", false).forEach((skill, level) -> {
                try {
                    int l = Integer.parseInt(level);
                    if (l < 0 || l > MAX_PRIORITY) {
                        f.problem("skills." + skill, l + " is outside 0.." + MAX_PRIORITY);
                    }
                    skills.put(skill, l);
                } catch (NumberFormatException e) {
                    f.problem("skills." + skill, "'" + level + "' is not a minimum level (a whole number)");
                }
            });
        }
        return new IvrNode.Route(name, queue, skills, f.integer("priority", 0, 0, MAX_PRIORITY));
    }

    private IvrNode hours(String name, NodeFields f) {
        String zoneText = f.text("timeZone", true);
        ZoneId zone = null;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                f.problem("timeZone", "'" + zoneText + "' is not a time zone (e.g. UTC, America/New_York)");
            }
        }
        Map<DayOfWeek, List<OpeningHours.TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        f.textMap("weekly", true).forEach((days, ranges) -> {
            String key = "weekly." + days;
            List<OpeningHours.TimeRange> parsed = OpeningHours.ranges(ranges, m -> f.problem(key, m));
            for (DayOfWeek day : OpeningHours.days(days, m -> f.problem(key, m))) {
                if (weekly.containsKey(day)) {
                    f.problem(key, day.toString().toLowerCase(Locale.ROOT) + " is given twice");
                }
                weekly.put(day, parsed);
            }
        });
        Set<LocalDate> holidays = new HashSet<>();
        List<String> dates = f.textList("holidays");
        for (int i = 0; i < dates.size(); i++) {
            try {
                holidays.add(LocalDate.parse(dates.get(i)));
            } catch (DateTimeParseException e) {
                f.problem("holidays[" + i + "]", "'" + dates.get(i) + "' is not a date yyyy-MM-dd");
            }
        }
        String open = f.text("open", true);
        String closed = f.text("closed", true);
        String holiday = f.text("holiday", false);
        boolean served = selfServed(f);
        return zone == null ? null
                : new IvrNode.Hours(name, new OpeningHours(zone, weekly, holidays), open, closed, holiday, served);
    }
}

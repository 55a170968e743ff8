package org.hotline.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken flow stops start-up with a message naming the file, the node and the key. */
class IvrFlowValidationTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "unit-test-token-0123456789"));

    private static final String CENTER = """
            queues: [ { name: support, skill: support } ]
            agents: [ { id: "1001", name: Alice, extension: "1001", skills: [support] } ]
            """;

    /** A small valid flow; tests change one line of it. */
    private static final String FLOW = """
            ivr:
              start: welcome
              nodes:
                welcome: { type: play, prompt: welcome, next: main-menu }
                main-menu: { type: menu, prompt: main-menu, options: { "1": person, "9": chinese }, noInput: person }
                chinese: { type: language, language: en, next: main-menu }
                person: { type: route, queue: support, skills: { support: 1 } }
            """;

    private HotlineConfig load(String yaml) throws IOException {
        Path file = dir.resolve("hotline.yaml");
        Files.writeString(file, CENTER + yaml);
        return loader.loadFiles(List.of(file));
    }

    /** The problems of a config that must not load; the message names the file. */
    private String problems(String yaml) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("hotline.yaml"), e.getMessage());
        return String.join("\n", e.problems());
    }

    private static void assertHas(String problems, String expected) {
        assertTrue(problems.contains(expected), "expected '" + expected + "' in:\n" + problems);
    }

    @Test
    void theSmallFlowLoads() throws IOException {
        IvrFlow flow = load(FLOW).ivr().flow().orElseThrow();
        assertEquals("welcome", flow.start());
        assertEquals(4, flow.nodes().size());
    }

    @Test
    void withoutNodesTheIvrIsOff() throws IOException {
        assertTrue(load("").ivr().flow().isEmpty());
    }

    @Test
    void anUnknownNodeTypeListsTheKnownOnes() throws IOException {
        assertHas(problems(FLOW.replace("type: play", "type: playback")),
                "ivr.nodes.welcome.type: unknown node type 'playback' (known types: play, menu, collect, lookup, say,"
                        + " route, hours, language, callback-offer, hangup)");
    }

    @Test
    void aMissingRequiredKeyIsNamed() throws IOException {
        assertHas(problems(FLOW.replace("prompt: main-menu, ", "")), "ivr.nodes.main-menu.prompt: required");
    }

    @Test
    void aKeyTheTypeDoesNotKnowIsNamedWithTheKnownOnes() throws IOException {
        assertHas(problems(FLOW.replace("noInput: person }", "noInput: person, timeout: 5 }")),
                "ivr.nodes.main-menu.timeout: unknown key for a menu node (known keys there: invalid, invalidPrompt,"
                        + " noInput, options, prompt, retries, selfServed, surveyOptIn, timeoutSeconds, type)");
    }

    @Test
    void aDanglingOptionIsNamed() throws IOException {
        assertHas(problems(FLOW.replace("\"9\": chinese", "\"9\": chinese2")),
                "ivr.nodes.main-menu.options.9: no node 'chinese2'");
    }

    @Test
    void aDanglingNextAndStartAreNamed() throws IOException {
        assertHas(problems(FLOW.replace("next: main-menu }", "next: main }")), "ivr.nodes.welcome.next: no node 'main'");
        assertHas(problems(FLOW.replace("start: welcome", "start: hello")), "ivr.start: no node 'hello'");
    }

    @Test
    void aDanglingBranchIsNamed() throws IOException {
        assertHas(problems(FLOW.replace("person: { type: route", """
                hours: { type: hours, timeZone: UTC, weekly: { mon-sun: "00:00-24:00" }, open: person, closed: shut }
                    person: { type: route""").replace("\"1\": person", "\"1\": hours")),
                "ivr.nodes.hours.closed: no node 'shut'");
    }

    @Test
    void anUnreachableNodeIsNamed() throws IOException {
        assertHas(problems(FLOW + "    orphan: { type: hangup }\n"),
                "ivr.nodes.orphan: unreachable: no path from start 'welcome' leads to it");
    }

    @Test
    void aLoopWithNoCallerInputIsRefused() throws IOException {
        assertHas(problems(FLOW.replace("noInput: person }", "noInput: welcome }")),
                "ivr.nodes.main-menu.noInput: a loop with no caller input: welcome → main-menu → welcome");
        assertHas(problems(FLOW.replace("next: main-menu }", "next: welcome }")),
                "ivr.nodes.welcome.next: a loop with no caller input: welcome → welcome");
    }

    @Test
    void aLongChainIsCheckedWithoutRecursingPerNode() {
        // 50,000 plays in a row, the last back to the first (past the reader's cap, so built here):
        // one loop, reported once; a walk that recursed per node would overflow the stack.
        Map<String, IvrNode> nodes = new java.util.LinkedHashMap<>();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            nodes.put("n" + i, new IvrNode.Play("n" + i, "p", true, "n" + ((i + 1) % n), false));
        }
        IvrFlow flow = new IvrFlow("n0", new PromptSet("en", List.of("en"), "hotline"), nodes, null);
        IvrProblems problems = new IvrProblems("ivr.", "flow.yaml");
        new IvrFlowChecker(problems).check(flow, java.util.Set.of(), java.util.Set.of(), PromptCatalog.UNCHECKED);
        assertEquals(1, problems.messages().size());
        assertTrue(problems.messages().get(0).startsWith("ivr.nodes.n49999.next (in flow.yaml): a loop with no caller"
                + " input: n0 → n1 → "), problems.messages().get(0).substring(0, 200));
    }

    @Test
    void aFlowOfMoreThanAThousandNodesIsRefused() {
        Map<String, Map<String, Object>> nodes = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= IvrFlowReader.MAX_NODES; i++) {
            nodes.put("n" + i, Map.of("type", "hangup"));
        }
        IvrProblems problems = new IvrProblems("ivr.", null);
        assertEquals(null, new IvrFlowReader(problems).read(
                new IvrDefinition("n0", "en", List.of("en"), "hotline", false, null, 10, nodes)));
        assertEquals(List.of("ivr.nodes: 1001 nodes; a flow has at most 1000"), problems.messages());
    }

    @Test
    void aLoopThroughAMenuOptionIsFine() throws IOException {
        // chinese → main-menu → (9) chinese: the caller's key takes the loop each time
        assertTrue(load(FLOW).ivr().flow().isPresent());
    }

    @Test
    void aPromptMissingInALanguageIsNamedWithTheFileLookedFor() throws IOException {
        Path prompts = Files.createDirectories(dir.resolve("prompts/zh"));
        for (String p : List.of("welcome", "main-menu")) {
            Files.writeString(dir.resolve("prompts/" + p + ".txt"), p);
        }
        Files.writeString(prompts.resolve("welcome.txt"), "欢迎");
        String all = problems(FLOW.replace("start: welcome", "start: welcome\n  promptsDirectory: prompts\n  languages: [en, zh]"));
        assertHas(all, "ivr.nodes.main-menu.prompt: prompt 'main-menu' is missing for language zh (no "
                + dir.resolve("prompts/zh/main-menu.txt").toAbsolutePath().normalize().toString()
                        .replace(Path.of("").toAbsolutePath() + "/", ""));
        assertEquals(1, all.lines().count(), "English has both, Mandarin has the welcome: " + all);
    }

    @Test
    void aPromptsDirectoryThatDoesNotExistIsNamed() throws IOException {
        assertHas(problems(FLOW.replace("start: welcome", "start: welcome\n  promptsDirectory: nowhere")),
                "ivr.promptsDirectory: no directory");
    }

    @Test
    void anUnknownQueueOrSkillIsNamed() throws IOException {
        String all = problems(FLOW.replace("queue: support, skills: { support: 1 }", "queue: billing, skills: { billing: 1 }"));
        assertHas(all, "ivr.nodes.person.queue: no queue 'billing' (queues: support)");
        assertHas(all, "ivr.nodes.person.skills.billing: no queue or agent has skill 'billing' (skills: support)");
    }

    @Test
    void optionKeysAreSingleKeysOfThePhone() throws IOException {
        assertHas(problems(FLOW.replace("\"9\": chinese", "\"10\": chinese")),
                "ivr.nodes.main-menu.options.10: '10' is not one key (0-9, * or #; quote * and # in YAML)");
    }

    @Test
    void timeoutsAndRetriesHaveRanges() throws IOException {
        String all = problems(FLOW.replace("noInput: person }", "noInput: person, timeoutSeconds: 0, retries: 9 }"));
        assertHas(all, "ivr.nodes.main-menu.timeoutSeconds: 0 is outside 1..60");
        assertHas(all, "ivr.nodes.main-menu.retries: 9 is outside 0..5");
    }

    @Test
    void hoursSyntaxIsChecked() throws IOException {
        String all = problems(FLOW.replace("person: { type: route", """
                hours:
                      type: hours
                      timeZone: Mars/Olympus
                      weekly: { mon-fry: "08:00-18:00", sat: "18:00-09:00", sun: "9-5" }
                      holidays: [2026-13-01]
                      open: person
                      closed: person
                    person: { type: route""").replace("\"1\": person", "\"1\": hours"));
        assertHas(all, "ivr.nodes.hours.timeZone: 'Mars/Olympus' is not a time zone");
        assertHas(all, "ivr.nodes.hours.weekly.mon-fry: 'mon-fry' is not a day or a range of days");
        assertHas(all, "ivr.nodes.hours.weekly.sat: '18:00-09:00' ends before it starts");
        assertHas(all, "ivr.nodes.hours.weekly.sun: '9-5' is not a time range HH:mm-HH:mm");
        assertHas(all, "ivr.nodes.hours.holidays[0]: '2026-13-01' is not a date yyyy-MM-dd");
    }

    @Test
    void aLanguageNodeMustSwitchToAListedLanguage() throws IOException {
        assertHas(problems(FLOW.replace("language: en,", "language: fr,")),
                "ivr.nodes.chinese.language: 'fr' is not one of ivr.languages [en]");
    }

    @Test
    void theVipRouteMustBeARouteAboveEveryOtherPriority() throws IOException {
        String vip = FLOW.replace("start: welcome", "start: welcome\n  vipSkipsMenu: true\n  vipRoute: %s\n  vipPriority: %d");
        assertHas(problems(vip.formatted("welcome", 10)), "ivr.vipRoute: 'welcome' is a play node, not a route");
        assertHas(problems(vip.formatted("person", 10).replace("skills: { support: 1 }", "skills: { support: 1 }, priority: 10")),
                "ivr.vipPriority: 10 must be above every route's priority (the highest is 10)");
        assertHas(problems(FLOW.replace("start: welcome", "start: welcome\n  vipSkipsMenu: true")), "ivr.vipRoute: required");
    }

    @Test
    void aLookupMustReadWhatACollectKept() throws IOException {
        assertHas(problems(FLOW.replace("\"1\": person", "\"1\": find").replace("person: { type: route", """
                find: { type: lookup, kind: order, key: order-number, found: person, notFound: person }
                    person: { type: route""")), "ivr.nodes.find.key: no collect keeps digits under 'order-number'");
    }

    /** The main menu's 1 offers a callback, its 2 says goodbye; the offer's {@code accepted} and the play's {@code next} vary. */
    private static String offering(String accepted, String thanksNext) {
        return FLOW.replace("\"1\": person", "\"1\": offer, \"2\": bye").replace("person: { type: route", """
                offer: { type: callback-offer, prompt: welcome, accepted: %s, declined: person }
                    thanks: { type: play, prompt: welcome, next: %s }
                    bye: { type: hangup }
                    person: { type: route""".formatted(accepted, thanksNext));
    }

    @Test
    void aCallbackTakenAtAnOfferMustLeadToARoute() throws IOException {
        assertEquals(7, load(offering("thanks", "person")).ivr().flow().orElseThrow().nodes().size(),
                "a play, then a route: the callback waits in that queue");
        assertHas(problems(offering("thanks", "bye")), "ivr.nodes.offer.accepted: must lead to a route (the callback"
                + " waits in its queue), but hangup node 'bye' ends the call after 'thanks'; the callback the caller took"
                + " would be lost");
        assertHas(problems(offering("bye", "person")),
                "ivr.nodes.offer.accepted: must lead to a route (the callback waits in its queue), but hangup node 'bye'"
                        + " ends the call;");
        assertHas(problems(offering("offer", "person")),
                "ivr.nodes.offer.accepted: must lead to a route (the callback waits in its queue), but callback-offer"
                        + " node 'offer' asks again;");
    }

    @Test
    void aCallbackOfferInAFlowFileIsNamedWithTheFile() throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/offer.yaml"), offering("thanks", "bye").replace("ivr:\n", "")
                .replace("\n  ", "\n").replaceFirst("^  ", ""));
        assertHas(problems("ivr: { file: flows/offer.yaml }\n"), "ivr.nodes.offer.accepted (in ");
        assertHas(problems("ivr: { file: flows/offer.yaml }\n"), "flows/offer.yaml): must lead to a route");
    }

    @Test
    void aFlowInItsOwnFileIsReadRelativeToTheConfigAndNamedInMessages() throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/main.yaml"), FLOW.replace("ivr:\n", "").replace("\n  ", "\n")
                .replaceFirst("^  ", ""));
        assertEquals(4, load("ivr: { file: flows/main.yaml }\n").ivr().flow().orElseThrow().nodes().size());

        Files.writeString(dir.resolve("flows/main.yaml"), Files.readString(dir.resolve("flows/main.yaml"))
                .replace("\"9\": chinese", "\"9\": chinese2"));
        String all = problems("ivr: { file: flows/main.yaml }\n");
        assertHas(all, "ivr.nodes.main-menu.options.9 (in ");
        assertHas(all, "flows/main.yaml): no node 'chinese2'");
    }
}

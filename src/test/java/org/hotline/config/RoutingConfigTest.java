package org.hotline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.call.Agent;
import org.hotline.routing.RelaxationStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys routing reads: agents' skill levels and queues' relaxation steps, and their errors. */
class RoutingConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "unit-test-token-0123456789"));

    @Test
    void skillEntriesAreANameOrANameWithItsLevel() throws IOException {
        HotlineConfig config = load("""
                queues: [ { name: support, skill: support }, { name: billing, skill: billing } ]
                agents: [ { id: a, name: A, extension: "1", skills: [support:3, billing] } ]
                """);
        HotlineConfig.AgentSection section = config.agents().get(0);
        assertEquals(List.of("support:3", "billing"), section.skills(), "the entries as written");
        Agent agent = new Agent(section.id(), section.name(), section.extension(), section.skills());
        assertEquals(List.of("support", "billing"), agent.skills(), "names, for the screens and the API");
        assertEquals(3, agent.level("support"));
        assertEquals(1, agent.level("billing"), "a bare name is level 1");
        assertEquals(0, agent.level("zh"), "a skill the agent lacks");
    }

    @Test
    void theShippedAgentsHaveLevelsAndTheSupportQueueRelaxes() {
        HotlineConfig config = loader.loadFiles(List.of(Path.of("config/hotline.yaml")));
        for (HotlineConfig.AgentSection a : config.agents()) {
            Agent agent = new Agent(a.id(), a.name(), a.extension(), a.skills());
            assertTrue(agent.level("support") >= 1, a.id() + " takes the shipped routes (support)");
        }
        HotlineConfig.QueueSection support = config.queues().get(0);
        assertEquals(List.of(RelaxationStep.toLevel(Duration.ofSeconds(30), 1),
                RelaxationStep.anyAgentOfQueue(Duration.ofSeconds(90))), support.relaxationSteps());
    }

    @Test
    void aQueueWithoutRelaxationNeverRelaxes() throws IOException {
        HotlineConfig config = load("""
                queues: [ { name: support, skill: support } ]
                agents: [ { id: a, name: A, extension: "1", skills: [support] } ]
                """);
        assertEquals(List.of(), config.queues().get(0).relaxationSteps());
    }

    @Test
    void badSkillEntriesAreNamedByTheirKey() throws IOException {
        List<String> problems = problems("""
                queues: [ { name: support, skill: support }, { name: billing, skill: billing } ]
                agents:
                  - { id: a, name: A, extension: "1", skills: [support] }
                  - { id: b, name: B, extension: "2", skills: [support] }
                  - { id: c, name: C, extension: "3", skills: [support:2, "billing:x", "support:11", support, "zh:1", ":3"] }
                """);
        assertContains(problems, "agents[2].skills[1]: 'billing:x' is not name or name:level");
        assertContains(problems, "agents[2].skills[2]: level 11 of 'support' is outside 1..10");
        assertContains(problems, "agents[2].skills[3]: 'support' is listed twice");
        assertContains(problems, "agents[2].skills: no queue uses skill 'zh'");
        assertContains(problems, "agents[2].skills[5]: ':3' is not name or name:level");
    }

    @Test
    void levelZeroIsRefused() throws IOException {
        assertContains(problems("""
                queues: [ { name: support, skill: support } ]
                agents: [ { id: a, name: A, extension: "1", skills: ["support:0"] } ]
                """), "agents[0].skills[0]: level 0 of 'support' is outside 1..10");
    }

    @Test
    void relaxationStepsAreCheckedOneByOne() throws IOException {
        List<String> problems = problems("""
                queues:
                  - name: support
                    skill: support
                    maxWaitSeconds: 600
                    relaxation:
                      - { afterSeconds: 60, minLevel: 2 }
                      - { afterSeconds: 30, minLevel: 1 }
                      - { afterSeconds: 90, minLevel: 1, anyAgentOfQueue: true }
                      - { afterSeconds: 100 }
                      - { afterSeconds: 120, minLevel: 11 }
                      - { minLevel: 1 }
                      - { afterSeconds: 600, anyAgentOfQueue: true }
                      - ~
                agents: [ { id: a, name: A, extension: "1", skills: [support] } ]
                """);
        assertContains(problems, "queues[0].relaxation[1].afterSeconds: 30 must be after the previous step's 60");
        assertContains(problems, "queues[0].relaxation[2]: give either minLevel (1..10) or anyAgentOfQueue: true");
        assertContains(problems, "queues[0].relaxation[3]: give either minLevel (1..10) or anyAgentOfQueue: true");
        assertContains(problems, "queues[0].relaxation[4].minLevel: 11 is outside 1..10");
        assertContains(problems, "queues[0].relaxation[5].afterSeconds: required");
        assertContains(problems, "queues[0].relaxation[6].afterSeconds: 600 is outside 0..599");
        assertContains(problems, "queues[0].relaxation[7]: an empty entry");
        assertEquals(7, problems.size(), String.join("\n", problems));
    }

    @Test
    void queuesAnnounceEveryMinuteUnlessToldOtherwiseAndZeroIsNever() throws IOException {
        HotlineConfig config = load("""
                queues: [ { name: support, skill: support }, { name: billing, skill: billing, announceEverySeconds: 0 },
                          { name: sales, skill: sales, announceEverySeconds: 45 } ]
                agents: [ { id: a, name: A, extension: "1", skills: [support, billing, sales] } ]
                """);
        assertEquals(java.util.Optional.of(Duration.ofSeconds(60)), config.queues().get(0).announceEvery());
        assertEquals(java.util.Optional.empty(), config.queues().get(1).announceEvery());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(45)), config.queues().get(2).announceEvery());
        HotlineConfig shipped = loader.loadFiles(List.of(Path.of("config/hotline.yaml")));
        assertEquals(60, shipped.queues().get(0).announceEverySeconds());
    }

    @Test
    void anAnnouncementIntervalOutOfRangeIsNamed() throws IOException {
        List<String> problems = problems("""
                queues: [ { name: support, skill: support, announceEverySeconds: 3 },
                          { name: billing, skill: billing, announceEverySeconds: 4000 } ]
                agents: [ { id: a, name: A, extension: "1", skills: [support, billing] } ]
                """);
        assertContains(problems, "queues[0].announceEverySeconds: 3 is outside 5..3600 (0 turns the announcements off)");
        assertContains(problems, "queues[1].announceEverySeconds: 4000 is outside 5..3600");
        assertEquals(2, problems.size(), String.join("\n", problems));
    }

    @Test
    void anUnknownRelaxationKeyIsNamed() throws IOException {
        Path bad = write("""
                queues: [ { name: support, skill: support, relaxation: [ { afterSeconds: 30, level: 1 } ] } ]
                agents: [ { id: a, name: A, extension: "1", skills: [support] } ]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(bad)));
        assertTrue(e.getMessage().contains("queues[0].relaxation[0].level"), e.getMessage());
        assertTrue(e.getMessage().contains("minLevel"), "lists the known keys: " + e.getMessage());
    }

    private HotlineConfig load(String yaml) throws IOException {
        return loader.loadFiles(List.of(write(yaml)));
    }

    private List<String> problems(String yaml) throws IOException {
        Path bad = write(yaml);
        return assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(bad))).problems();
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), expected + " in:\n" + String.join("\n", problems));
    }
}

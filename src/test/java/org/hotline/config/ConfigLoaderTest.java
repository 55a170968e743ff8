package org.hotline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    /** The shipped config reads the sandbox's token file; these tests give the token through the environment instead. */
    private final ConfigLoader loader = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "unit-test-token-0123456789"));

    @Test
    void theShippedSandboxConfigLoads() {
        HotlineConfig config = loader.loadFiles(List.of(Path.of("config/hotline.yaml")));
        assertEquals(4573, config.fastagi().port());
        assertEquals(6.0, config.standards().ringCadenceSeconds());
        assertEquals(8, config.agents().size());
        assertEquals("support", config.queues().get(0).name());
        assertEquals("welcome", config.ivr().flow().orElseThrow().start(), "the sample IVR flow, prompts checked");
        assertTrue(config.callbacks().enabled(), "the sandbox offers callbacks");
        assertEquals(60, config.queues().get(0).callbackOfferAfterSeconds());
    }

    @Test
    void laterFilesOverrideKeyByKeyAndListsWhole() throws IOException {
        Path override = write("o.yaml", """
                standards:
                  ringCadenceSeconds: 3
                agents:
                  - { id: a1, name: Ann, extension: "1001", skills: [support] }
                """);
        HotlineConfig config = loader.loadFiles(List.of(Path.of("config/hotline.yaml"), override));
        assertEquals(3.0, config.standards().ringCadenceSeconds());
        assertEquals(3, config.standards().agentRingLimitRings(), "untouched keys keep their values");
        assertEquals(1, config.agents().size());
    }

    @Test
    void aLoaderStartsEachLoadFromTheDefaultsAsShipped() throws IOException {
        Path first = write("first.yaml", base() + "standards: { ringCadenceSeconds: 3 }\nivr: { start: x }\n");
        Path second = write("second.yaml", base());
        assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(first)), "ivr.start names no node");
        HotlineConfig config = loader.loadFiles(List.of(second));
        assertEquals(6.0, config.standards().ringCadenceSeconds(), "the first file's value did not stay");
        assertEquals(loader.loadFiles(List.of(second)), config);
    }

    @Test
    void anUnknownKeyIsNamedWithItsFile() throws IOException {
        Path bad = write("bad.yaml", base() + "standards:\n  ringCadance: 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(bad)));
        assertTrue(e.getMessage().contains("standards.ringCadance"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("ringCadenceSeconds"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        Path bad = write("bad.yaml", base() + "fastagi:\n  port: lots\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(bad)));
        assertTrue(e.getMessage().contains("'fastagi.port'"), e.getMessage());
    }

    @Test
    void meaningIsCheckedAndEveryProblemListed() throws IOException {
        Path bad = write("bad.yaml", """
                http: { apiToken: short }
                standards: { ringCadenceSeconds: 0 }
                center: { timeZone: Mars/Olympus }
                queues: [ { name: support, skill: support } ]
                agents:
                  - { id: "1", name: A, extension: "1001", skills: [billing] }
                  - { id: "1", name: B, extension: "1001", skills: [support] }
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).loadFiles(List.of(bad)));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("http.apiToken"), all);
        assertTrue(all.contains("standards.ringCadenceSeconds"), all);
        assertTrue(all.contains("center.timeZone"), all);
        assertTrue(all.contains("agents[0].skills: no queue uses skill 'billing'"), all);
        assertTrue(all.contains("agents[1].id"), all);
        assertTrue(all.contains("agents[1].extension"), all);
    }

    @Test
    void badCallbackKeysAreNamedWithTheirFile() throws IOException {
        Path bad = write("callbacks.yaml", """
                queues: [ { name: support, skill: support, maxWaitSeconds: 300, callbackOfferAfterSeconds: 300 } ]
                callbacks: { enabled: true, customerDialString: "PJSIP/pstn-out", agiUrl: "http://x", tries: 0 }
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadFiles(List.of(Path.of("config/hotline.yaml"), bad)));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("queues[0].callbackOfferAfterSeconds"), all);
        assertTrue(all.contains("callbacks.customerDialString"), all);
        assertTrue(all.contains("callbacks.agiUrl"), all);
        assertTrue(all.contains("callbacks.tries"), all);
        assertTrue(e.getMessage().contains("callbacks.yaml"), e.getMessage());
    }

    @Test
    void theTokenMayComeFromTheEnvironment() throws IOException {
        Path cfg = write("c.yaml", base().replace("apiToken: token-for-tests", "apiToken: \"\""));
        HotlineConfig config = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "from-the-environment"))
                .loadFiles(List.of(cfg));
        assertEquals("from-the-environment", config.http().apiToken());
    }

    @Test
    void aMissingFileAndBrokenYamlAreClear() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> loader.loadFiles(List.of(dir.resolve("nope.yaml"))));
        assertTrue(missing.getMessage().contains("nope.yaml") && missing.getMessage().contains("not found"));
        Path broken = write("broken.yaml", "standards: [unclosed\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(broken)));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void aPasswordHashMustBeBcryptWithACostBcryptAccepts() throws IOException {
        String tail = "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
        Path bad = write("h.yaml", """
                http: { apiToken: token-for-tests }
                queues: [ { name: support, skill: support } ]
                agents:
                  - { id: "1001", name: A, extension: "1001", skills: [support], passwordHash: agent-1001 }
                  - { id: "1002", name: B, extension: "1002", skills: [support], passwordHash: "$2a$03$%s" }
                supervisors:
                  - { id: sup, name: S, passwordHash: "$2b$32$%s" }
                  - { id: sup2, name: T, passwordHash: "$2y$04$%s" }
                """.formatted(tail, tail, tail));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(bad)));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("agents[0].passwordHash: must be a bcrypt hash"), all);
        assertFalse(all.contains("agent-1001"), "a plain password is never echoed");
        assertTrue(all.contains("agents[1].passwordHash: the bcrypt cost 03 is outside bcrypt's 4..31"), all);
        assertTrue(all.contains("supervisors[0].passwordHash: the bcrypt cost 32 is outside bcrypt's 4..31"), all);
        assertFalse(all.contains("supervisors[1]"), all);
    }

    private static String base() {
        return """
                http: { apiToken: token-for-tests }
                queues: [ { name: support, skill: support } ]
                agents: [ { id: "1001", name: Alice, extension: "1001", skills: [support] } ]
                """;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theTokenIsReadFromTheNamedFileWhenNotGivenOtherwise() throws IOException {
        Path token = write("token", "  s3cr3t-from-a-file-0123456789abcdef \n");
        Path cfg = write("t.yaml", "http: { apiTokenFile: \"" + token + "\" }\nqueues: [{name: q, skill: s}]\n"
                + "agents: [{id: a, name: A, extension: \"1\", skills: [s]}]\n");
        assertEquals("s3cr3t-from-a-file-0123456789abcdef", new ConfigLoader(Map.of()).loadFiles(List.of(cfg)).http().apiToken());
        Path missing = write("m.yaml", "http: { apiTokenFile: /nonexistent/token }\nqueues: [{name: q, skill: s}]\n"
                + "agents: [{id: a, name: A, extension: \"1\", skills: [s]}]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).loadFiles(List.of(missing)));
        assertTrue(e.getMessage().contains("http.apiTokenFile: cannot read /nonexistent/token"), e.getMessage());
    }

    @Test
    void aPublishedOrShortTokenIsRefusedOnceOtherMachinesCanReachThePort() throws IOException {
        String rest = "queues: [{name: q, skill: s}]\nagents: [{id: a, name: A, extension: \"1\", skills: [s]}]\n";
        Path known = write("k.yaml", "http: { host: 0.0.0.0, apiToken: sandbox-token-change-me }\n" + rest);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).loadFiles(List.of(known)));
        assertTrue(e.getMessage().contains("http.apiToken: the token is a published default"), e.getMessage());
        assertFalse(e.getMessage().contains("sandbox-token-change-me"), "the message never echoes the token");
        Path shortToken = write("s.yaml", "http: { host: 10.1.2.3, apiToken: abcdefghij123 }\n" + rest);
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).loadFiles(List.of(shortToken)))
                .getMessage().contains("at least 32 random characters"));
        Path loopback = write("l.yaml", "http: { host: 127.0.0.1, apiToken: sandbox-token-change-me }\n" + rest);
        assertEquals("127.0.0.1", new ConfigLoader(Map.of()).loadFiles(List.of(loopback)).http().host(),
                "any token will do while only this machine reaches the port");
    }
}

package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hotline.Hotline;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import redis.clients.jedis.Jedis;

/**
 * Hotline started in-process on the sandbox's plan (FastAGI 4573, HTTP 8080) with the shipped
 * config plus a test overlay: a 2-second ring cadence so that rings pass quickly, a short welcome,
 * the agents the test runs, and a key prefix of its own so that its KPIs start from zero.
 */
final class HotlineUnderTest implements AutoCloseable {

    static final String TOKEN = "it-token-" + UUID.randomUUID();
    static final double CADENCE_SECONDS = 2.0;
    /** Long enough to see on screen, short enough that the next test's calls find agents free. */
    static final int WRAP_UP_SECONDS = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** In-process, or null when Hotline runs as its own process. */
    private final Hotline hotline;
    /** The config overlay of a Hotline in its own process, kept so that it can start again. */
    private final Path processOverlay;
    private Process process;
    private Path processLog;
    private final String keyPrefix;

    private HotlineUnderTest(Hotline hotline, Path processOverlay, String keyPrefix) {
        this.hotline = hotline;
        this.processOverlay = processOverlay;
        this.keyPrefix = keyPrefix;
    }

    /** {@code agents} are extensions 1001..1008 in the order the ACD should prefer them. */
    static HotlineUnderTest start(List<String> agents) throws Exception {
        return start(agents, false);
    }

    /** As {@link #start(List)}; with {@code ivr} the shipped IVR flow answers the callers (else a plain welcome). */
    static HotlineUnderTest start(List<String> agents, boolean ivr) throws Exception {
        return start(agents, ivr, false);
    }

    /**
     * As {@link #start(List, boolean)}; with {@code survey} the post-call survey is on (the caller
     * stays on the line when the agent hangs up first). Off for every other test.
     */
    static HotlineUnderTest start(List<String> agents, boolean ivr, boolean survey) throws Exception {
        return startWith(agents, ivr, survey, "");
    }

    /**
     * As {@link #start(List, boolean, boolean)} with {@code moreYaml} added to the test's overlay
     * (top-level sections the overlay does not set itself; {@code callbacks:} replaces the default,
     * which turns callbacks off, and a top-level {@code survey:} replaces {@code survey: {enabled: <survey>}}).
     */
    static HotlineUnderTest startWith(List<String> agents, boolean ivr, boolean survey, String moreYaml) throws Exception {
        return startWith(agents, ivr, survey, moreYaml, Clock.systemUTC());
    }

    /**
     * As {@link #startWith(List, boolean, boolean, String)} on {@code clock}: Hotline's every
     * reading of the time (opening hours, records, KPI days) comes from it. A clock that ticks
     * (e.g. {@link ShiftedClock}) keeps the waits, rings and polls working; a fixed one would not.
     */
    static HotlineUnderTest startWith(List<String> agents, boolean ivr, boolean survey, String moreYaml, Clock clock)
            throws Exception {
        String keyPrefix = newKeyPrefix();
        Path file = overlay(agents, keyPrefix, ivr, survey, moreYaml);
        HotlineConfig config = new ConfigLoader(java.util.Map.of())
                .loadFiles(List.of(Sandbox.PROJECT.resolve("config/hotline.yaml"), file));
        Files.delete(file);
        return new HotlineUnderTest(Hotline.start(config, clock), null, keyPrefix);
    }

    /**
     * Hotline as operators run it, in its own JVM from the built jar ({@code target/hotline.jar},
     * made by Maven's package phase before the integration tests), so that a test can kill it
     * with SIGKILL and start it again on the same journal and Redis keys.
     */
    static HotlineUnderTest startProcess(List<String> agents) throws Exception {
        String keyPrefix = newKeyPrefix();
        HotlineUnderTest h = new HotlineUnderTest(null, overlay(agents, keyPrefix, false, false, ""), keyPrefix);
        h.startAgain();
        return h;
    }

    /** Starts the process (again) and waits until its HTTP API answers. */
    void startAgain() throws IOException {
        Path jar = Sandbox.PROJECT.resolve("target/hotline.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the integration tests through Maven's verify");
        }
        processLog = Files.createTempFile("hotline-process", ".log");
        process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp",
                jar.toString(), "org.hotline.Main", "--config", Sandbox.PROJECT.resolve("config/hotline.yaml").toString(),
                "--config", processOverlay.toString())
                .redirectErrorStream(true).redirectOutput(processLog.toFile()).start();
        Poll.until("Hotline's process to answer on 8080", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Hotline's process exited: " + tail(processLog));
            }
            try {
                return http.send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() > 0 ? true : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    /** SIGKILL: no shutdown hook, no drain, as a crash or the OOM killer would leave it. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("Hotline's process outlived SIGKILL");
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String newKeyPrefix() {
        return "hotline-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /**
     * The test's config on top of the shipped one: fast rings, its own keys and journal, the agents
     * it runs, the IVR and the survey only when asked for.
     */
    private static Path overlay(List<String> agents, String keyPrefix, boolean ivr, boolean survey, String moreYaml)
            throws IOException {
        StringBuilder overlay = new StringBuilder("""
                http: { apiToken: %s }
                redis: { keyPrefix: "%s" }
                standards: { ringCadenceSeconds: %s }
                prompts: { welcome: beep }
                center: { waitPollMillis: 250, busyAgentRetrySeconds: 2, wrapUpSeconds: %d }
                journal: { directory: "%s" }
                """.formatted(TOKEN, keyPrefix, CADENCE_SECONDS, WRAP_UP_SECONDS,
                Files.createTempDirectory("hotline-it-journal")));
        if (!ivr) {
            // most tests are about the queue: callers go straight there (no nodes, so no start node either)
            overlay.append("ivr: { nodes: ~, start: ~ }\n");
        }
        if (!java.util.regex.Pattern.compile("(?m)^survey:").matcher(moreYaml).find()) {
            // the shipped config asks callers the survey; the tests that do not test it keep calls ending with the agent
            overlay.append("survey: { enabled: ").append(survey).append(" }\n");
        }
        if (!moreYaml.contains("callbacks:")) {
            // the shipped config offers callbacks; the tests that do not test them keep callers waiting
            overlay.append("callbacks: { enabled: false }\n");
        }
        overlay.append(moreYaml.endsWith("\n") || moreYaml.isEmpty() ? moreYaml : moreYaml + "\n");
        Path file = Files.createTempFile("hotline-it", ".yaml");
        Files.writeString(file, overlay + agentsOf(agents));
        return file;
    }

    /** The customer directory the running Hotline reads (the real Redis, this test's key prefix). */
    org.hotline.customer.CustomerDirectory customers() {
        if (hotline == null) {
            throw new IllegalStateException("Hotline runs in its own process here");
        }
        return hotline.customers();
    }

    /** {@code GET /metrics} as Prometheus text. */
    String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("GET /metrics failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value of one Prometheus sample line, e.g. {@code hotline_agi_sessions}; NaN when absent. */
    double metric(String sample) {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return Double.NaN;
    }

    /** True when a call from {@code caller} is waiting for a person right now (in-process Hotline only). */
    boolean liveCallWaiting(String caller) {
        return hotline.liveCalls().all().stream().anyMatch(c -> caller.equals(c.caller())
                && c.phase() == org.hotline.call.LiveCall.Phase.WAITING);
    }

    /** True when a call from {@code caller} is in its post-call survey right now (in-process Hotline only). */
    boolean liveCallInSurvey(String caller) {
        return hotline.liveCalls().all().stream().anyMatch(c -> caller.equals(c.caller()) && c.conversationOver());
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200);
    }

    /**
     * The shipped config's agents (names, demo password hashes) limited to {@code extensions}, in
     * that order: the order in which the ACD prefers them at start.
     */
    private static String agentsOf(List<String> extensions) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode shipped = yaml.readTree(Sandbox.PROJECT.resolve("config/hotline.yaml").toFile()).path("agents");
        ArrayNode chosen = yaml.createArrayNode();
        for (String ext : extensions) {
            for (JsonNode agent : shipped) {
                if (ext.equals(agent.path("extension").asText())) {
                    chosen.add(agent);
                }
            }
        }
        ObjectNode section = yaml.createObjectNode();
        section.set("agents", chosen);
        return yaml.writeValueAsString(section).replaceFirst("^---\\s*\n", "");
    }

    /** The finished call of caller {@code number}, once it is stored (records are written at the end). */
    JsonNode finishedCall(String number, Duration timeout) {
        return Poll.until("the call record of caller " + number, timeout, () -> {
            for (JsonNode call : get("/api/calls?limit=100")) {
                if (number.equals(call.path("caller").asText()) && !call.path("endedAt").isNull()
                        && !call.path("endedAt").isMissingNode()) {
                    return call;
                }
            }
            return null;
        });
    }

    JsonNode agent(String id) {
        for (JsonNode agent : get("/api/agents")) {
            if (id.equals(agent.path("id").asText())) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + id + " in /api/agents");
    }

    JsonNode kpisToday() {
        return get("/api/kpis?queue=support&window=today");
    }

    /** The call record as stored in Redis, read directly. */
    JsonNode storedInRedis(String callId) throws IOException {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            String text = jedis.get(keyPrefix + "call:" + callId);
            return text == null ? null : json.readTree(text);
        }
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expectedStatus, response.statusCode(), () -> "HTTP " + response.request().uri() + ": "
                    + response.body());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + request.build().uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:8080" + path);
    }

    @Override
    public void close() {
        if (hotline != null) {
            hotline.close();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

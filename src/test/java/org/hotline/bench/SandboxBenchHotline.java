package org.hotline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real Hotline for the sandbox benchmark, started as an operator starts it: {@code scripts/hotline
 * --config config/hotline.yaml --config OVERLAY}, with the script's JVM options (the heap, the
 * start-up cache), on the bench's own jar ({@code HOTLINE_JAR}) and JDK ({@code JAVA_HOME}). It serves FastAGI on 127.0.0.1:4573, where the sandbox's
 * dialplan sends every call, and talks to the sandbox's real AMI and Redis. The overlay keeps the run
 * apart from anything else on the machine: a free HTTP port, a Redis key prefix and a journal
 * directory of its own, and its own random API token (through {@code HOTLINE_API_TOKEN}, so it is
 * on no command line). It also sets the call flow's pace for the run: a short welcome prompt and
 * the wrap-up after each call.
 */
final class SandboxBenchHotline implements AutoCloseable {

    static final int FASTAGI_PORT = 4573;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final String token;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private double startSeconds = Double.NaN;
    private double startCpuSeconds = Double.NaN;

    private SandboxBenchHotline(Process process, int httpPort, String token, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.token = token;
        this.log = log;
    }

    /** True when something already listens on (or holds) 127.0.0.1:{@code port}. */
    static boolean tcpTaken(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    static SandboxBenchHotline start(Path script, Path baseConfig, String jar, String heap, int httpPort,
                                     String keyPrefix, Path journalDir, String welcomePrompt, int wrapUpSeconds,
                                     List<String> extraJvmOptions, Path workDir)
            throws IOException, InterruptedException {
        int port = httpPort > 0 ? httpPort : freePort();
        String token = randomToken();
        Path overlay = workDir.resolve("sandbox-overlay.yaml");
        Files.writeString(overlay, String.join("\n",
                "http: { host: 127.0.0.1, port: " + port + " }",
                "redis: { keyPrefix: \"" + keyPrefix + "\" }",
                "journal: { directory: \"" + journalDir + "\" }",
                "center: { wrapUpSeconds: " + wrapUpSeconds + " }",
                "prompts: { welcome: \"" + welcomePrompt + "\" }",
                "ivr: { nodes: ~, start: ~ }",   // callers press no keys here: they go straight to the queue
                "survey: { enabled: false }",
                ""), StandardCharsets.UTF_8);
        Path log = workDir.resolve("hotline.log");
        // the heap scripts/hotline gives it by default; the GC log costs nothing measurable and shows
        // the pauses (one file per JVM: a run that makes the AOT cache starts a second one as it ends)
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap,
                "-Xlog:gc:file=" + workDir.resolve("hotline-gc-%p.log") + ":timemillis"));
        jvm.addAll(extraJvmOptions);
        if (jvm.stream().anyMatch(o -> o.isEmpty() || o.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("Hotline's JVM options go through HOTLINE_JAVA_OPTS, split at spaces;"
                    + " the log directory and --hotline-jvm must have none inside an option: " + jvm);
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString(),
                "--config", baseConfig.toString(), "--config", overlay.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOTLINE_JAR", jar);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HOTLINE_JAVA_OPTS", String.join(" ", jvm));
        builder.environment().put("HOTLINE_API_TOKEN", token);
        // the server logs as shipped (INFO, text), into a file
        builder.environment().remove("HOTLINE_LOG_LEVEL");
        builder.environment().remove("HOTLINE_LOG_FORMAT");
        long started = System.nanoTime();
        SandboxBenchHotline hotline = new SandboxBenchHotline(builder.start(), port, token, log);
        hotline.awaitHealthy(Duration.ofSeconds(60));
        hotline.startSeconds = (System.nanoTime() - started) / 1e9;
        hotline.startCpuSeconds = SandboxBenchProc.cpuSeconds(hotline.pid());
        return hotline;
    }

    /** Seconds from the start of scripts/hotline to the first 200 of /healthz (polled every 200 ms). */
    double startSeconds() {
        return startSeconds;
    }

    /** Hotline's CPU seconds (all its threads, the JIT's too) from its start to healthy. */
    double startCpuSeconds() {
        return startCpuSeconds;
    }

    /**
     * Waits for {@code /healthz} to answer 200: FastAGI bound, AMI logged in to the real Asterisk,
     * Redis reachable. A call placed before that would meet a Hotline that cannot see its agents.
     */
    private void awaitHealthy(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hotline exited with " + process.exitValue() + " during start-up; see "
                        + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/healthz"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(200); // waiting for start-up, not a measurement
        }
        throw new IllegalStateException("Hotline was not healthy within " + limit + " (last: " + last + "); see " + log);
    }

    /** {@code GET path} with the run's bearer token, as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    int httpPort() {
        return httpPort;
    }

    /** Lines of the server's log at {@code level} (the log line's level field), e.g. WARN or ERROR. */
    long logLines(String level) {
        try (var lines = Files.lines(log)) {
            // text lines: "<date> <level> [<thread>] ...": the second field, not a word in a message
            String wanted = level.toUpperCase(Locale.ROOT);
            return lines.map(l -> l.split(" ", 3)).filter(f -> f.length > 1 && f[1].equals(wanted)).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * What {@code scripts/hotline} said of its start-up cache (its line in the log), e.g.
     * {@code aot, used} or {@code aot, made when this run ends}; {@code off} when it said nothing.
     */
    String startupCache() {
        try (var lines = Files.lines(log)) {
            String said = lines.filter(l -> l.startsWith("hotline: start-up cache ")).findFirst().orElse(null);
            if (said == null) {
                return "off";
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^hotline: start-up cache \\((\\w+)\\) \\S+( is made when this run ends)?").matcher(said);
            if (!m.find()) {
                return said;
            }
            if (m.group(1).equals("cds")) {
                return "cds (the JVM makes the archive as a run ends if none fits)";
            }
            return m.group(2) != null ? "aot, made as this run ends" : "aot, made by an earlier run";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Stops the server as an operator would (SIGTERM runs its orderly shutdown, and writes the
     * start-up cache when this run makes it), forcibly after 60 s; returns how long it took.
     */
    Duration stop() throws InterruptedException {
        long start = System.nanoTime();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The overlay's journal directory is the run's own; made private, as the journal holds call data. */
    static Path makeJournalDir(Path workDir) throws IOException {
        return Files.createDirectory(workDir.resolve("journal"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
}

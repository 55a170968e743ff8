package org.hotline.bench;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real Hotline, started as users start it ({@code org.hotline.Main} with the shipped
 * configuration) in its own JVM, overlaid with the benchmark's own file: free ports, Asterisk's
 * AMI pointed at a closed port (the client retries in the background, no call depends on it), a
 * key prefix of its own in Redis, no wrap-up (an agent is free again as soon as a call ends), a
 * 100 ms wait poll, and {@code agents} agents ({@code b0001}..) who all share one low-cost
 * bcrypt hash so that hundreds of logins stay cheap.
 *
 * <p>Also reads the server process's own figures from {@code /proc}: CPU time (utime + stime),
 * resident memory high-water mark, threads.
 */
final class PopServer implements AutoCloseable {

    static final String SKILL = "support";

    private final Process process;
    private final int httpPort;
    private final int fastAgiPort;
    private final Path log;
    private final Path gcLog;

    private PopServer(Process process, int httpPort, int fastAgiPort, Path log, Path gcLog) {
        this.process = process;
        this.httpPort = httpPort;
        this.fastAgiPort = fastAgiPort;
        this.log = log;
        this.gcLog = gcLog;
    }

    /** The id of agent {@code i} (0-based): {@code b0001}, {@code b0002}, ... */
    static String agentId(int i) {
        return String.format(Locale.ROOT, "b%04d", i + 1);
    }

    /**
     * Writes the overlay, starts the server JVM and waits until its HTTP port answers.
     *
     * @param baseConfig   the shipped {@code config/hotline.yaml}
     * @param passwordHash the bcrypt hash every agent logs in with
     */
    static PopServer start(Path baseConfig, String jar, String heap, List<String> extraJvmOptions, String keyPrefix,
                           int agents, String passwordHash, Path workDir) throws IOException, InterruptedException {
        return start(baseConfig, jar, heap, extraJvmOptions, keyPrefix, agents, passwordHash, workDir,
                "{ wrapUpSeconds: 0, waitPollMillis: 100 }");
    }

    /** As above, with the overlay's {@code center:} section given (e.g. another wait poll). */
    static PopServer start(Path baseConfig, String jar, String heap, List<String> extraJvmOptions, String keyPrefix,
                           int agents, String passwordHash, Path workDir, String center)
            throws IOException, InterruptedException {
        int httpPort = freePort();
        int fastAgiPort = freePort();
        Path overlay = workDir.resolve("pop-overlay.yaml");
        Files.writeString(overlay, overlay(httpPort, fastAgiPort, keyPrefix, agents, passwordHash, center),
                StandardCharsets.UTF_8);
        Path log = workDir.resolve("pop-server.log");
        Path gcLog = workDir.resolve("pop-server-gc.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // The GC log costs nothing measurable and tells whether a slow pop met a pause.
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-Xlog:gc:file=" + gcLog + ":timemillis"));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", jar, "org.hotline.Main",
                "--config", baseConfig.toString(), "--config", overlay.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The server logs as shipped (INFO), into a file rather than a pipe nobody drains.
        builder.environment().remove("HOTLINE_LOG_LEVEL");
        PopServer server = new PopServer(builder.start(), httpPort, fastAgiPort, log, gcLog);
        server.awaitHttp(Duration.ofSeconds(60));
        return server;
    }

    private static String overlay(int httpPort, int fastAgiPort, String keyPrefix, int agents, String hash,
                                  String center) {
        StringBuilder y = new StringBuilder();
        y.append("fastagi: { host: 127.0.0.1, port: ").append(fastAgiPort).append(" }\n");
        y.append("http: { host: 127.0.0.1, port: ").append(httpPort).append(" }\n");
        y.append("ami: { host: 127.0.0.1, port: 1 }\n");
        y.append("redis: { keyPrefix: \"").append(keyPrefix).append("\" }\n");
        y.append("center: ").append(center).append("\n");
        // The bench measures the queue and the pop: callers go straight to the queue, and the run has
        // a journal of its own (the default directory belongs to the operator's Hotline).
        y.append("ivr: { nodes: ~, start: ~ }\n");
        y.append("survey: { enabled: false }\n");
        try {
            y.append("journal: { directory: \"").append(java.nio.file.Files.createTempDirectory("hotline-bench-journal"))
                    .append("\" }\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make the run's journal directory", e);
        }
        y.append("agents:\n");
        for (int i = 0; i < agents; i++) {
            y.append(String.format(Locale.ROOT,
                    "  - { id: \"%s\", name: \"Agent %04d\", extension: \"7%04d\", skills: [%s], passwordHash: \"%s\" }%n",
                    agentId(i), i + 1, i + 1, SKILL, hash));
        }
        return y.toString();
    }

    /** Polls {@code /healthz} until the server answers anything (it reports AMI down, which is expected). */
    private void awaitHttp(Duration limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200); // waiting for start-up, not a measurement
            }
        }
        throw new IllegalStateException("the server's HTTP port " + httpPort + " did not answer within " + limit
                + "; see " + log);
    }

    int httpPort() {
        return httpPort;
    }

    int fastAgiPort() {
        return fastAgiPort;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** {@code GET /metrics}: the Prometheus text, which the server serves to loopback clients. */
    String scrape() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The lines of a scrape that start with {@code name}. */
    static List<String> lines(String scrape, String name) {
        List<String> lines = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The server JVM's GC log (unified logging, {@code gc} tag): one line per pause. */
    Path gcLog() {
        return gcLog;
    }

    /** The server's CPU time so far (user + system), in seconds, from {@code /proc/<pid>/stat}. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks / (double) clockTicksPerSecond();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time the whole host spent busy so far (all but idle and iowait), in seconds, from {@code /proc/stat}. */
    static double hostBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / (double) clockTicksPerSecond();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A {@code /proc/<pid>/status} field in kB (VmHWM, VmRSS) or count (Threads); -1 when unknown. */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long clockTicksPerSecond() {
        return 100; // USER_HZ on Linux
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server as an operator would (SIGTERM runs its shutdown hook), forcibly after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

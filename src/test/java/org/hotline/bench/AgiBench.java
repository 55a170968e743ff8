package org.hotline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The FastAGI benchmark's orchestrator (run by {@code scripts/bench agi}). For each
 * target in turn it starts the server JVM ({@link BenchServerMain}, {@code -Xmx<heap>})
 * and the load client JVM ({@link AgiLoadClient}), asks the server for a full GC once
 * the ramp is done (live heap at peak), collects both sides' figures, and prints them
 * side by side. Targets run one after the other so they never share the 2 cores.
 */
public final class AgiBench {

    private static final String[] ROWS = {
        "sessions requested", "requested",
        "sessions held concurrently (peak)", "peakHeld",
        "sessions completed", "completed",
        "refused (closed before a command)", "refused",
        "failed (mid-session/connect/stuck)", "failedAll",
        "commands/s", "cmdPerSec",
        "p50 command round trip (ms)", "p50Ms",
        "p99 command round trip (ms)", "p99Ms",
        "max command round trip (ms)", "maxMs",
        "p50 / p99 first command (ms)", "first",
        "client loop lag p99 (ms)", "clientLagP99Ms",
        "peak heap used, sampled (MB)", "heapPeakMb",
        "live heap at peak, after GC (MB)", "heapLiveMb",
        "resident memory VmHWM (MB)", "vmHwmMb",
        "threads (peak)", "threadsPeak",
        "server CPU time (s)", "cpuS",
    };

    private AgiBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("sessions", "5000", "duration-s", "10",
                "ramp-s", "5", "steps", "10", "heap", "256m", "targets", "hotline,anchor",
                "log-dir", System.getProperty("java.io.tmpdir") + "/hotline-bench"));
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            if (!opt.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (options: " + opt.keySet() + ")");
            }
            opt.put(key, args[++i]);
        }
        Path logDir = Path.of(opt.get("log-dir"));
        Files.createDirectories(logDir);
        List<String> targets = List.of(opt.get("targets").split(","));
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String target : targets) {
            System.out.printf("== %s: %s sessions, %s steps over ~%s s each, opened over %s s%n", target,
                    opt.get("sessions"), opt.get("steps"), opt.get("duration-s"), opt.get("ramp-s"));
            results.put(target, run(target, opt, logDir));
        }
        System.out.println();
        System.out.printf("FastAGI benchmark: %s sessions x %s commands, ~%s s per session, opened over %s s;"
                        + " server JVMs -Xmx%s; logs in %s%n", opt.get("sessions"), opt.get("steps"),
                opt.get("duration-s"), opt.get("ramp-s"), opt.get("heap"), logDir);
        StringBuilder header = new StringBuilder(String.format("%-36s", ""));
        for (String target : targets) {
            header.append(String.format("%20s", label(target)));
        }
        System.out.println(header);
        for (int i = 0; i < ROWS.length; i += 2) {
            StringBuilder row = new StringBuilder(String.format("%-36s", ROWS[i]));
            for (String target : targets) {
                row.append(String.format("%20s", results.get(target).getOrDefault(ROWS[i + 1], "?")));
            }
            System.out.println(row);
        }
    }

    private static String label(String target) {
        return switch (target) {
            case "hotline" -> "Hotline (Netty)";
            case "anchor" -> "DefaultAgiServer";
            default -> target;
        };
    }

    private static Map<String, String> run(String target, Map<String, String> opt, Path logDir)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        Map<String, String> figures = new ConcurrentHashMap<>();

        ProcessBuilder serverBuilder = new ProcessBuilder(java, "-Xmx" + opt.get("heap"), "-cp", classpath,
                BenchServerMain.class.getName(), target, opt.get("steps"))
                .redirectError(logDir.resolve(target + "-server.err").toFile());
        serverBuilder.environment().put("HOTLINE_LOG_LEVEL", "WARN");
        Process server = serverBuilder.start();
        Writer serverIn = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<Void> stats = new CompletableFuture<>();
        CompletableFuture<Void> gcDone = new CompletableFuture<>();
        pump(server, logDir.resolve(target + "-server.out"), line -> {
            if (line.startsWith("BENCH READY ")) {
                ready.complete(parse(line).get("port"));
            } else if (line.startsWith("BENCH GC ")) {
                figures.putAll(parse(line));
                gcDone.complete(null);
            } else if (line.startsWith("BENCH STATS ")) {
                figures.putAll(parse(line));
                stats.complete(null);
            }
        });
        String port = ready.get(60, TimeUnit.SECONDS);

        List<String> clientCmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
                AgiLoadClient.class.getName(), "127.0.0.1", port, opt.get("sessions"),
                opt.get("duration-s"), opt.get("ramp-s"), opt.get("steps")));
        Process client = new ProcessBuilder(clientCmd)
                .redirectError(logDir.resolve(target + "-client.err").toFile()).start();
        CompletableFuture<Void> result = new CompletableFuture<>();
        pump(client, logDir.resolve(target + "-client.out"), line -> {
            if (line.equals("BENCH RAMPED")) {
                command(serverIn, "GC");
            } else if (line.startsWith("BENCH RESULT ")) {
                figures.putAll(parse(line));
                result.complete(null);
            }
        });
        if (!client.waitFor(600, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
        result.get(10, TimeUnit.SECONDS);
        gcDone.get(10, TimeUnit.SECONDS);
        command(serverIn, "REPORT");
        stats.get(30, TimeUnit.SECONDS);
        command(serverIn, "EXIT");
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        long failedAll = Long.parseLong(figures.get("failed")) + Long.parseLong(figures.get("connectFailed"))
                + Long.parseLong(figures.get("stuck"));
        figures.put("failedAll", Long.toString(failedAll));
        figures.put("first", figures.get("firstP50Ms") + " / " + figures.get("firstP99Ms"));
        System.out.println("   client: " + figures);
        return figures;
    }

    private static void command(Writer serverIn, String command) {
        try {
            serverIn.write(command + "\n");
            serverIn.flush();
        } catch (IOException e) {
            throw new IllegalStateException("server side channel: " + e.getMessage(), e);
        }
    }

    /** Copies a process's stdout to {@code log}, handing each line to {@code onLine}. */
    private static void pump(Process process, Path log, Consumer<String> onLine) throws IOException {
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    onLine.accept(line);
                }
            } catch (IOException e) {
                out.println("pump: " + e);
            } finally {
                out.close();
            }
        }, "bench-pump-" + log.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code BENCH KIND k=v k=v} to a map. */
    private static Map<String, String> parse(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                map.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return map;
    }
}

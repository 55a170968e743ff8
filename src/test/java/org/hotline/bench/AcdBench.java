package org.hotline.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ACD benchmark ({@code scripts/bench acd}): the real Hotline in its own JVM
 * ({@link PopServer}, {@code -Xms/-Xmx<heap>}, a 1 s wait poll as shipped, no wrap-up) with
 * {@code agents} agents, and a simulated Asterisk in this JVM ({@link WaitingCallers}) that offers
 * {@code agents + callers} calls to the real {@code hotline} script. The first {@code agents}
 * calls are rung and keep their agent for the whole run, so every agent is busy and
 * {@code callers} callers wait on music, each session polling the ACD every second.
 *
 * <p>Once every caller polls, it measures for {@code measure-s}: the poll round trip (a
 * {@code WAIT FOR DIGIT} reply → the next command), the server's CPU (cores, from {@code /proc}),
 * its heap (GC log; a full GC at the end of the window gives the live heap with every caller
 * held) and its resident memory. Bounds (a benchmark, not a test): poll p99 ≤ 10 ms and ≤ 0.5
 * core at 5,000 callers and 500 agents; callers held within the heap.
 */
public final class AcdBench {

    static final double BOUND_P99_MILLIS = 10;
    static final double BOUND_CORES = 0.5;

    private AcdBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int callers = Integer.parseInt(opt.get("callers"));
        int agents = Integer.parseInt(opt.get("agents"));
        double rampS = Double.parseDouble(opt.get("ramp-s"));
        double measureS = Double.parseDouble(opt.get("measure-s"));
        String runTag = ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        String keyPrefix = "hotline-acdbench-" + runTag + ":";
        Path workDir = Path.of(opt.get("log-dir"), "acd-" + runTag);
        Files.createDirectories(workDir);
        Map<String, String> rows = new LinkedHashMap<>();
        System.out.printf("== acd: %d waiting callers, %d agents all busy; logs in %s%n", callers, agents, workDir);
        try (PopRunData data = new PopRunData(opt.get("redis-host"), Integer.parseInt(opt.get("redis-port")), keyPrefix)) {
            try {
                String hash = BCrypt.withDefaults().hashToString(4, "acdbench-unused".toCharArray());
                try (PopServer server = PopServer.start(PopBench.baseConfig(opt.get("config")), PopBench.jarOnClasspath(),
                        opt.get("heap"), List.of(), keyPrefix, agents, hash, workDir,
                        "{ wrapUpSeconds: 0, waitPollMillis: 1000 }");
                     WaitingCallers asterisk = new WaitingCallers(server.fastAgiPort(), callers + agents,
                             (int) (callers * (measureS + 2)))) {
                    run(server, asterisk, callers, agents, rampS, measureS, rows);
                    asterisk.hangUpAll();
                }
            } finally {
                try {
                    System.out.printf("   deleted %d Redis keys under %s%n", data.deleteKeys(), keyPrefix);
                } catch (RuntimeException e) {
                    System.out.printf("   could not delete the keys under %s (%s); delete them by hand%n", keyPrefix, e);
                }
            }
        }
        System.out.println();
        System.out.printf("ACD benchmark: %d waiting callers polling every 1 s, %d agents all busy; server -Xmx%s%n",
                callers, agents, opt.get("heap"));
        rows.forEach((k, v) -> System.out.printf("%-58s %s%n", k, v));
    }

    private static void run(PopServer server, WaitingCallers asterisk, int callers, int agents, double rampS,
                            double measureS, Map<String, String> rows) throws Exception {
        long runStartMillis = System.currentTimeMillis();
        // The agents' calls first, so that every later caller waits.
        asterisk.offer(agents + callers, rampS);
        long deadline = System.nanoTime() + (long) ((rampS + 60) * 1e9);
        while (asterisk.onLoop(asterisk::polling) < callers || asterisk.onLoop(asterisk::dials) < agents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every caller reached the wait: " + asterisk.onLoop(asterisk::polling)
                        + " polling, " + asterisk.onLoop(asterisk::dials) + " rung, " + asterisk.onLoop(asterisk::failed)
                        + " failed to connect; see " + server.log());
            }
            Thread.sleep(200); // waiting for the ramp, not a measurement
        }
        double rampWallS = (System.currentTimeMillis() - runStartMillis) / 1000.0;
        Thread.sleep(2000); // let the last joiners' first polls settle
        asterisk.startMeasuring((int) (callers * (measureS + 2)));
        long windowStartMillis = System.currentTimeMillis();
        double cpuBefore = server.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep((long) (measureS * 1000));
        double wallS = (System.nanoTime() - t0) / 1e9;
        double cpuS = server.cpuSeconds() - cpuBefore;
        long windowEndMillis = System.currentTimeMillis();
        LatencyRecorder rtt = asterisk.stopMeasuring();
        LatencyRecorder lateness = asterisk.onLoop(asterisk::replyLateness);
        long polls = asterisk.onLoop(asterisk::polls);
        GcLogSummary window = GcLogSummary.read(server.gcLog(), windowStartMillis, windowEndMillis);
        // After the window, so that its pause is not in the figures: the live heap with every caller held.
        fullGc(server);
        Thread.sleep(300);
        GcLogSummary whole = GcLogSummary.read(server.gcLog(), runStartMillis, System.currentTimeMillis());
        boolean outOfMemory = Files.readString(server.log()).contains("OutOfMemoryError");

        rows.put("callers waiting (polling) / agents rung and busy, at the end", asterisk.onLoop(asterisk::polling) + " / "
                + asterisk.onLoop(asterisk::dials));
        rows.put("calls connected / failed / ended by the server", asterisk.onLoop(asterisk::connected) + " / "
                + asterisk.onLoop(asterisk::failed) + " / " + asterisk.onLoop(asterisk::closedByServer));
        rows.put(String.format(Locale.ROOT, "ramp: %d calls in (s)", callers + agents), fmt(rampWallS));
        rows.put("ramp: connect -> ANSWER p50 / p99 / max (ms)", triple(asterisk.onLoop(asterisk::answerDelays)));
        rows.put(String.format(Locale.ROOT, "window (s); polls answered; polls/s"), fmt(wallS) + "; " + polls + "; "
                + fmt(polls / wallS));
        rows.put("poll round trip p50 / p99 / max (ms)", triple(rtt));
        rows.put("  this bench's lateness in replying p50 / p99 (ms)", fmt(lateness.percentileMillis(0.5)) + " / "
                + fmt(lateness.percentileMillis(0.99)));
        rows.put("Hotline CPU (cores during the window)", String.format(Locale.ROOT, "%.3f (%.1f s CPU)", cpuS / wallS, cpuS));
        rows.put("Hotline GC in the window: pauses / total / max (ms)", window.pauses() + " / " + fmt(window.totalMillis())
                + " / " + fmt(window.longestMillis()));
        rows.put("Hotline heap: peak used / live after full GC / committed (MB)", whole.peakUsedMb() + " / "
                + whole.lastAfterMb() + " / " + whole.committedMb() + (outOfMemory ? " OutOfMemoryError!" : ""));
        rows.put("Hotline RSS now / peak VmHWM (MB)", fmt(server.status("VmRSS") / 1024.0) + " / "
                + fmt(server.status("VmHWM") / 1024.0));
        rows.put("Hotline threads", Long.toString(server.status("Threads")));
        double p99 = rtt.percentileMillis(0.99);
        double cores = cpuS / wallS;
        rows.put("bound: poll p99 <= 10 ms, <= 0.5 core, heap held",
                (p99 <= BOUND_P99_MILLIS && cores <= BOUND_CORES && !outOfMemory ? "PASS" : "FAIL")
                        + String.format(Locale.ROOT, " (p99 %.2f ms, %.3f cores)", p99, cores));
    }

    /** Asks the server JVM for a full GC ({@code jcmd GC.run}), so that the GC log shows its live heap. */
    private static void fullGc(PopServer server) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static String triple(LatencyRecorder r) {
        return fmt(r.percentileMillis(0.50)) + " / " + fmt(r.percentileMillis(0.99)) + " / " + fmt(r.maxMillis());
    }

    private static String fmt(double v) {
        return BenchArgs.fmt(v);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("callers", "5000");
        opt.put("agents", "500");
        opt.put("ramp-s", "10");
        opt.put("measure-s", "20");
        opt.put("heap", "256m");
        opt.put("config", "");
        opt.put("redis-host", "127.0.0.1");
        opt.put("redis-port", "6379");
        opt.put("log-dir", System.getProperty("java.io.tmpdir") + "/hotline-bench");
        return BenchArgs.parse(opt, args);
    }
}

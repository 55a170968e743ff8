package org.hotline.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screen-pop benchmark ({@code scripts/bench pop}): the real Hotline in its own JVM
 * ({@link PopServer}), {@code agents} agents' desktops logged in and connected to
 * {@code /ws/agent} ({@link AgentScreens}), and a stream of calls from sample customers offered
 * over FastAGI by a simulated Asterisk ({@link SimulatedAsterisk}) to the real call script, ACD
 * and roster. Measures, on one clock in this JVM, ring start (Asterisk receives {@code EXEC Dial})
 * to the pop frame arriving on the rung agent's socket, and to the ack being written back; reads
 * the server's own view ({@code hotline_pop_latency_seconds}) from {@code /metrics}; and the
 * server process's CPU, memory, threads and GC pauses over the run.
 *
 * <p>The bound: p99 ring-to-frame ≤ {@value #BOUND_P99_MILLIS} ms on the project's 2-core machine.
 */
public final class PopBench {

    static final double BOUND_P99_MILLIS = 20;
    private static final String PASSWORD = "popbench-password";
    private static final Pattern BUCKET = Pattern.compile(
            "^hotline_pop_latency_seconds_bucket\\{(?=.*le=\"([^\"]+)\")(?=.*stage=\"(\\w+)\").*\\} ([\\d.eE+-]+)$");
    private static final Pattern STAGE_FIGURE = Pattern.compile(
            "^hotline_pop_latency_seconds_(count|max)\\{.*?stage=\"(\\w+)\".*?\\} ([\\d.eE+-]+|NaN)$");

    private PopBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int agents = Integer.parseInt(opt.get("agents"));
        int calls = Integer.parseInt(opt.get("calls"));
        double rate = Double.parseDouble(opt.get("rate"));
        int customers = Math.min(Integer.parseInt(opt.get("customers")), calls);
        long talkMillis = Long.parseLong(opt.get("talk-ms"));
        String runTag = ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        String keyPrefix = "hotline-popbench-" + runTag + ":";
        Path workDir = Path.of(opt.get("log-dir"), "pop-" + runTag);
        Files.createDirectories(workDir);
        Path baseConfig = baseConfig(opt.get("config"));
        String jar = jarOnClasspath();
        Map<String, String> rows = new LinkedHashMap<>();

        System.out.printf("== pop: %d agents, %d calls at %.0f/s (talk %d ms), %d sample customers; logs in %s%n",
                agents, calls, rate, talkMillis, customers, workDir);
        try (PopRunData data = new PopRunData(opt.get("redis-host"), Integer.parseInt(opt.get("redis-port")), keyPrefix)) {
            try {
                data.importCustomers(customers);
                // One low-cost hash for every agent: 500 logins then cost ms, not 500 × 50 ms.
                String hash = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
                try (PopServer server = PopServer.start(baseConfig, jar, opt.get("heap"),
                        opt.get("server-jvm").isBlank() ? List.of() : List.of(opt.get("server-jvm").split(" ")),
                        keyPrefix, agents, hash, workDir);
                     AgentScreens screens = new AgentScreens()) {
                    run(opt, server, screens, agents, calls, rate, customers, talkMillis, rows);
                }
            } finally {
                System.out.printf("   deleted %d Redis keys under %s%n", data.deleteKeys(), keyPrefix);
            }
        }
        print(opt, agents, calls, rate, talkMillis, rows);
    }

    private static void run(Map<String, String> opt, PopServer server, AgentScreens screens, int agents, int calls,
                            double rate, int customers, long talkMillis, Map<String, String> rows) throws Exception {
        long t0 = System.nanoTime();
        List<String> cookies = AgentScreens.logIn(server, agents, PASSWORD, 8);
        long t1 = System.nanoTime();
        int withSnapshot = screens.open(server, cookies, java.time.Duration.ofSeconds(60));
        long t2 = System.nanoTime();
        System.out.printf("   %d logins in %.1f s; %d sockets with their snapshot in %.1f s%n", cookies.size(),
                (t1 - t0) / 1e9, withSnapshot, (t2 - t1) / 1e9);

        ProcessSampler sampler = new ProcessSampler(server);
        long startMillis = System.currentTimeMillis();
        double cpuBefore = server.cpuSeconds();
        double hostBefore = PopServer.hostBusySeconds();
        double benchBefore = ownCpuSeconds();
        long runStart = System.nanoTime();
        boolean allEnded;
        Map<String, Integer> counts;
        SimulatedAsterisk asterisk = new SimulatedAsterisk(server.fastAgiPort(), calls, customers, talkMillis, agents);
        try {
            asterisk.offer(calls, rate);
            allEnded = asterisk.awaitAll((long) (calls / rate) + 120);
            counts = asterisk.counts();
        } finally {
            asterisk.close();
        }
        double wallS = (System.nanoTime() - runStart) / 1e9;
        double cpuS = server.cpuSeconds() - cpuBefore;
        double benchCpuS = ownCpuSeconds() - benchBefore;
        double otherCpuS = PopServer.hostBusySeconds() - hostBefore - cpuS - benchCpuS;
        long endMillis = System.currentTimeMillis();
        sampler.stop();
        // The last acks are on their way to the server; give them a moment before asking it.
        Thread.sleep(500);
        String scrape = server.scrape();
        List<String> serverPop = PopServer.lines(scrape, "hotline_pop_latency_seconds");
        List<String> serverCalls = PopServer.lines(scrape, "hotline_calls_total");
        long vmHwmKb = server.status("VmHWM");
        GcLogSummary gc = GcLogSummary.read(server.gcLog(), startMillis, endMillis);
        Files.writeString(server.log().resolveSibling("pop-server-metrics.txt"), scrape);

        // Calls rung in the first warm-up seconds meet a cold server (JIT, first connections):
        // reported on their own line, and kept out of the bound, which is about a server at work.
        // A short run (the smoke check) keeps at least half its calls for the measurement.
        double warmupS = Math.min(Double.parseDouble(opt.get("warmup-s")), calls / rate / 2);
        LatencyRecorder coldRingToFrame = new LatencyRecorder(calls);
        int popBeforeDial = 0;
        LatencyRecorder ringToFrame = new LatencyRecorder(calls);
        LatencyRecorder ringToAck = new LatencyRecorder(calls);
        // The split, on the host's wall clock (read by both processes): ring -> the server's
        // ringingAt, ringingAt -> sentAt (queued behind the floor and the customer look-up),
        // sentAt -> frame decoded here (encode, write, loopback, this client's loop).
        LatencyRecorder serverRingingToSent = new LatencyRecorder(calls);
        LatencyRecorder sentToReceived = new LatencyRecorder(calls);
        int popped = 0;
        int wrongAgent = 0;
        int withCustomer = 0;
        Map<String, SimulatedAsterisk.Ring> rings = asterisk.rings();
        Map<String, AgentScreens.PopSeen> pops = screens.pops();
        // One line per call, to see when in the run the slow pops came.
        List<String> timeline = new ArrayList<>(List.of("ring_s,ring_to_frame_ms,server_ringing_to_sent_ms,sent_to_frame_ms"));
        for (Map.Entry<String, SimulatedAsterisk.Ring> ring : rings.entrySet()) {
            AgentScreens.PopSeen pop = pops.get(ring.getKey());
            if (pop == null) {
                continue;
            }
            timeline.add(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", (ring.getValue().startedNanos() - runStart) / 1e9,
                    (pop.receivedNanos() - ring.getValue().startedNanos()) / 1e6,
                    (pop.serverSentMicros() - pop.serverRingingMicros()) / 1e3,
                    (pop.receivedWallMicros() - pop.serverSentMicros()) / 1e3));
            popped++;
            long frameNanos = pop.receivedNanos() - ring.getValue().startedNanos();
            if (frameNanos < 0) {
                popBeforeDial++;
            }
            if (!pop.agentId().substring(1).equals(ring.getValue().extension().substring(1))) {
                wrongAgent++;
            }
            if (pop.hasCustomer()) {
                withCustomer++;
            }
            if ((ring.getValue().startedNanos() - runStart) / 1e9 < warmupS) {
                coldRingToFrame.record(frameNanos);
                continue;
            }
            ringToFrame.record(frameNanos);
            ringToAck.record(pop.ackWrittenNanos() - ring.getValue().startedNanos());
            if (pop.serverSentMicros() > 0) {
                serverRingingToSent.record((pop.serverSentMicros() - pop.serverRingingMicros()) * 1000);
                sentToReceived.record((pop.receivedWallMicros() - pop.serverSentMicros()) * 1000);
            }
        }

        timeline.subList(1, timeline.size()).sort(java.util.Comparator.comparingDouble(l -> Double.parseDouble(l.split(",")[0])));
        Files.write(server.log().resolveSibling("pop-latency.csv"), timeline);
        rows.put("agents / sockets with snapshot", agents + " / " + withSnapshot);
        rows.put("calls offered / rung / popped / acked", counts.get("offered") + " / " + rings.size() + " / "
                + popped + " / " + pops.size());
        rows.put("calls ended by HANGUP / otherwise", counts.get("hungUp") + " / " + counts.get("endedWithoutHangup")
                + (allEnded ? "" : " (some never ended)"));
        rows.put("pops with customer view / to wrong agent", withCustomer + " / " + wrongAgent
                + (screens.duplicatePops() > 0 ? " (" + screens.duplicatePops() + " repeated)" : ""));
        rows.put("calls in flight (peak); offers held for a free agent", counts.get("peakInFlight") + "; "
                + counts.get("heldForAgent"));
        rows.put(String.format(Locale.ROOT, "first %.1f s (cold server): calls; p50 / p99 / max (ms)", warmupS),
                coldRingToFrame.count() + "; " + fmt(coldRingToFrame.percentileMillis(0.5)) + " / "
                        + fmt(coldRingToFrame.percentileMillis(0.99)) + " / " + fmt(coldRingToFrame.maxMillis()));
        rows.put("measured calls (rung after the warm-up)", Integer.toString(ringToFrame.count()));
        rows.put("ring -> frame p50 / p95 / p99 (ms)", triple(ringToFrame));
        rows.put("ring -> frame max (ms); over 20 ms; pop before Dial", fmt(ringToFrame.maxMillis()) + "; "
                + ringToFrame.countAbove(BOUND_P99_MILLIS) + "; " + popBeforeDial);
        rows.put("ring -> ack written p50 / p95 / p99 (ms)", triple(ringToAck));
        rows.put("  split: server ringingAt -> sentAt p50 / p95 / p99", triple(serverRingingToSent));
        rows.put("  split: server sentAt -> frame here p50 / p95 / p99", triple(sentToReceived));
        rows.put("server, all calls: ring -> sent p50/p95/p99 (ms)", serverTriple(serverPop, "sent"));
        rows.put("server, all calls: ring -> acked p50/p95/p99 (ms)", serverTriple(serverPop, "acked"));
        rows.put("server, all calls: sent / acked count; max (ms)", serverFigure(serverPop, "count", "sent") + " / "
                + serverFigure(serverPop, "count", "acked") + "; " + serverFigure(serverPop, "max", "sent") + " / "
                + serverFigure(serverPop, "max", "acked"));
        rows.put("client loop lag p99 / max (ms)", fmt(screens.loopLag().percentileMillis(0.99)) + " / "
                + fmt(screens.loopLag().maxMillis()));
        rows.put("messages to the desktops", screens.messagesByType().toString());
        rows.put("server calls_total", serverCalls.stream().map(l -> l.replaceAll("^.*outcome=\"(\\w[\\w-]*)\".*\\} ",
                "$1=")).toList().toString());
        rows.put("run wall time (s)", fmt(wallS));
        rows.put("server CPU (cores used during run)", String.format(Locale.ROOT, "%.2f (%.1f s CPU)", cpuS / wallS, cpuS));
        rows.put("cores used by this bench / by other processes", String.format(Locale.ROOT, "%.2f / %.2f",
                benchCpuS / wallS, Math.max(0, otherCpuS) / wallS));
        rows.put("server GC pauses: n / total / max (ms)", gc.pauses() + " / " + fmt(gc.totalMillis()) + " / "
                + fmt(gc.longestMillis()));
        rows.put("server heap: peak used / after last GC / committed (MB)", gc.peakUsedMb() + " / " + gc.lastAfterMb()
                + " / " + gc.committedMb() + " (-Xmx" + opt.get("heap") + ")");
        rows.put("server RSS peak VmHWM (MB)", fmt(vmHwmKb / 1024.0));
        rows.put("server threads (peak sampled)", Integer.toString(sampler.peakThreads()));
        double p99 = ringToFrame.percentileMillis(0.99);
        rows.put("bound: p99 ring -> frame <= 20 ms", popped == 0 ? "FAIL (no pops)"
                : (p99 <= BOUND_P99_MILLIS ? "PASS" : "FAIL") + " (p99 " + fmt(p99) + " ms)");
    }

    private static void print(Map<String, String> opt, int agents, int calls, double rate, long talkMillis,
                              Map<String, String> rows) {
        System.out.println();
        System.out.printf("Screen-pop benchmark: %d agents, %d calls offered at %.0f/s, Dial %d ms;"
                + " server -Xmx%s, logs in %s%n", agents, calls, rate, talkMillis, opt.get("heap"), opt.get("log-dir"));
        for (Map.Entry<String, String> row : rows.entrySet()) {
            System.out.printf("%-56s %s%n", row.getKey(), row.getValue());
        }
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static String triple(LatencyRecorder r) {
        return fmt(r.percentileMillis(0.50)) + " / " + fmt(r.percentileMillis(0.95)) + " / "
                + fmt(r.percentileMillis(0.99));
    }

    /**
     * The server's quantiles of a stage in ms, from its histogram buckets as Prometheus's
     * {@code histogram_quantile} reads them (linear within a bucket): the scrape carries buckets,
     * not the timer's client-side percentiles.
     */
    private static String serverTriple(List<String> lines, String stage) {
        List<double[]> buckets = new ArrayList<>(); // {upper bound s, cumulative count}
        for (String line : lines) {
            Matcher m = BUCKET.matcher(line);
            if (m.find() && m.group(2).equals(stage)) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.add(new double[] {le, Double.parseDouble(m.group(3))});
            }
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        return bucketQuantile(buckets, 0.50) + " / " + bucketQuantile(buckets, 0.95) + " / "
                + bucketQuantile(buckets, 0.99);
    }

    private static String bucketQuantile(List<double[]> buckets, double q) {
        if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[1] == 0) {
            return "?";
        }
        double rank = q * buckets.get(buckets.size() - 1)[1];
        double lower = 0;
        double below = 0;
        for (double[] b : buckets) {
            if (b[1] >= rank) {
                if (Double.isInfinite(b[0])) {
                    return "> " + fmt(lower * 1000);
                }
                double inBucket = b[1] - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return fmt((lower + (b[0] - lower) * fraction) * 1000);
            }
            lower = b[0];
            below = b[1];
        }
        return "?";
    }

    private static String serverFigure(List<String> lines, String figure, String stage) {
        for (String line : lines) {
            Matcher m = STAGE_FIGURE.matcher(line);
            if (m.find() && m.group(1).equals(figure) && m.group(2).equals(stage)) {
                double v = Double.parseDouble(m.group(3));
                return figure.equals("count") ? Long.toString((long) v) : fmt(v * 1000);
            }
        }
        return "?";
    }

    private static String fmt(double v) {
        return BenchArgs.fmt(v);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("agents", "500");
        opt.put("calls", "5000");
        opt.put("rate", "100");
        opt.put("talk-ms", "300");
        opt.put("customers", "1000");
        opt.put("warmup-s", "5");
        opt.put("heap", "256m");
        opt.put("config", "");
        opt.put("server-jvm", ""); // extra options for the server JVM, space-separated (e.g. a flight recording)
        opt.put("redis-host", "127.0.0.1");
        opt.put("redis-port", "6379");
        opt.put("log-dir", System.getProperty("java.io.tmpdir") + "/hotline-bench");
        return BenchArgs.parse(opt, args);
    }

    /** The shipped configuration: {@code --config}, else {@code config/hotline.yaml} under the project root. */
    static Path baseConfig(String given) {
        if (!given.isEmpty()) {
            return Path.of(given).toAbsolutePath();
        }
        String root = System.getProperty("hotline.bench.root", ".");
        Path config = Path.of(root, "config", "hotline.yaml").toAbsolutePath();
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no " + config + "; run from the project root or pass --config");
        }
        return config;
    }

    /** The server's runnable jar, which {@code scripts/bench} puts on this JVM's classpath. */
    static String jarOnClasspath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("hotline.jar")) {
                jars.add(entry);
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("hotline.jar is not on the classpath; run through scripts/bench pop");
        }
        return jars.get(0);
    }
}

package org.hotline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotline.bench.SandboxBenchSampler.Sample;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Load through the real sandbox ({@code scripts/bench sandbox}): SIPp callers dial the hotline on
 * the sandbox's Asterisk 22, Asterisk hands every call to the real Hotline over FastAGI, Hotline
 * rings SIPp agents' phones through Asterisk, and the records land in Redis. Nothing is simulated:
 * this is the one benchmark where Asterisk does its share, so it answers how Hotline's cost
 * compares with the telephony engine's it sits beside.
 *
 * <p>Eight agent phones (SIPp UASes on 127.0.0.1:6001..6008, the sandbox's agents 1001..1008)
 * answer after {@code ring-ms} and hang up after {@code talk-s}, so an agent, not the caller, ends
 * each conversation. One SIPp places {@code calls} calls at {@code rate} per second; a caller stays
 * up to {@code hold-s} after the IVR answered: when the agents cannot keep up the callers wait on
 * music, and one whose patience runs out hangs up (an abandoned call), as callers do.
 *
 * <p>Over the load window (the callers' first INVITE to their SIPp's end) it samples the CPU of
 * Hotline's JVM, of Asterisk, of the SIPps and of the host from {@code /proc}. Then it reads what
 * Hotline stored: the run's call index in Redis, the records' outcomes and the KPIs through the
 * REST API. Everything it started (SIPps, Hotline, the run's Redis keys and journal) is removed at
 * the end, also on Ctrl-C.
 */
public final class SandboxBench {

    private static final int AGENTS = 8;
    private static final String QUEUE = "support";
    private static final String STATS_FILE = "caller-stats.csv";

    private SandboxBench() {
    }

    /** A condition the operator can fix, said in one line instead of a stack trace. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(options(args));
        } catch (Refused | IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench sandbox: " + e.getMessage());
            System.exit(1);
        }
    }

    /** One run's settings and the places it was given. */
    private record Plan(int calls, double rate, double holdS, double talkS, int ringMs, int wrapUpS, Path sandbox,
                        Path scenarios, long asteriskPid, int callerPort, String keyPrefix, Path workDir,
                        String callerPrefix, Map<String, String> opt) {
    }

    private static void run(Map<String, String> opt) throws Exception {
        int calls = positiveInt(opt, "calls");
        double rate = positiveDouble(opt, "rate");
        double holdS = positiveDouble(opt, "hold-s");
        double talkS = Double.parseDouble(opt.get("talk-s"));
        int ringMs = Integer.parseInt(opt.get("ring-ms"));
        int wrapUpS = Integer.parseInt(opt.get("wrap-up-s"));
        Path root = Path.of(System.getProperty("hotline.bench.root", ".")).toAbsolutePath().normalize();
        Path sandbox = root.resolve("scripts/sandbox");

        requireSandboxUp(sandbox);
        long asteriskPid = SandboxBenchProc.asteriskPid().orElseThrow(() -> new Refused(
                "no Asterisk process ('asterisk -f') found although the sandbox reports itself up"));
        if (SandboxBenchHotline.tcpTaken(SandboxBenchHotline.FASTAGI_PORT)) {
            throw new Refused("127.0.0.1:" + SandboxBenchHotline.FASTAGI_PORT + " is taken: another Hotline (the demo, a"
                    + " test) serves the sandbox's FastAGI; this benchmark needs it, stop that one first");
        }
        requireAgentPhonesFree();
        int callerPort = callerPort(opt.get("caller-port"));

        String runTag = ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        Path workDir = Path.of(opt.get("log-dir"), "sandbox-" + runTag).toAbsolutePath();
        Files.createDirectories(workDir);
        // callers numbered <prefix>1, <prefix>2, ...: numbers no customer has, distinct per run
        String callerPrefix = "7" + String.format(Locale.ROOT, "%04d", ProcessHandle.current().pid() % 10000);
        Plan plan = new Plan(calls, rate, holdS, talkS, ringMs, wrapUpS, sandbox, root.resolve("src/test/sipp"),
                asteriskPid, callerPort, "hotline-sbench-" + runTag + ":", workDir, callerPrefix, opt);
        System.out.printf(Locale.ROOT, "== sandbox: %d calls at %s/s through Asterisk (pid %d) and Hotline; %d agent"
                        + " phones ring %d ms, talk %s s; callers wait up to %s s; logs in %s%n",
                calls, fmt(rate), asteriskPid, AGENTS, ringMs, fmt(talkS), fmt(holdS), workDir);

        Cleanup cleanup = new Cleanup();
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "sandbox-bench-cleanup"));
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String redisHost = opt.get("redis-host");
        int redisPort = Integer.parseInt(opt.get("redis-port"));
        try (PopRunData data = new PopRunData(redisHost, redisPort, plan.keyPrefix());
             JedisPooled redis = new JedisPooled(new HostAndPort(redisHost, redisPort))) {
            // the clean-up runs before these close: it needs Redis to delete the run's keys
            try {
                cleanup.add("Redis keys under " + plan.keyPrefix(), () -> System.out.printf(
                        "   deleted %d Redis keys under %s%n", data.deleteKeys(), plan.keyPrefix()));
                load(plan, redis, cleanup, rows, notes);
            } finally {
                cleanup.run();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Sandbox load: %d calls at %s/s, SIPp callers -> Asterisk 22 -> Hotline -> %d SIPp"
                        + " agents (ring %d ms, talk %s s, %s); callers wait up to %s s%n",
                calls, fmt(rate), AGENTS, ringMs, fmt(talkS), wrapUpS > 0 ? wrapUpS + " s wrap-up" : "no wrap-up",
                fmt(holdS));
        rows.forEach((key, value) -> System.out.printf("%-62s %s%n", key, value));
        notes.forEach(n -> System.out.println("note: " + n));
    }

    /** Starts Hotline and the agents' phones, places the calls, measures, and fills the table. */
    private static void load(Plan plan, JedisPooled redis, Cleanup cleanup, Map<String, String> rows,
                             List<String> notes) throws Exception {
        Map<String, String> opt = plan.opt();
        Path journal = SandboxBenchHotline.makeJournalDir(plan.workDir());
        cleanup.add("journal " + journal, () -> deleteTree(journal));
        SandboxBenchHotline hotline = SandboxBenchHotline.start(plan.sandbox().resolveSibling("hotline"),
                PopBench.baseConfig(opt.get("config")),
                PopBench.jarOnClasspath(), opt.get("heap"), Integer.parseInt(opt.get("http-port")), plan.keyPrefix(),
                journal, opt.get("welcome"), plan.wrapUpS(),
                opt.get("hotline-jvm").isBlank() ? List.of() : List.of(opt.get("hotline-jvm").trim().split("\\s+")),
                plan.workDir());
        // a run that makes the AOT cache writes it as it stops: the table says how long that took
        cleanup.add("Hotline", () -> rows.put("Hotline stop (SIGTERM to exit, s)",
                fmt(hotline.stop().toMillis() / 1000.0)));
        System.out.printf("   Hotline pid %d: FastAGI 127.0.0.1:%d, HTTP 127.0.0.1:%d, keys %s*%n",
                hotline.pid(), SandboxBenchHotline.FASTAGI_PORT, hotline.httpPort(), plan.keyPrefix());

        List<SandboxBenchSipp> sipps = new ArrayList<>();
        for (int n = 1; n <= AGENTS; n++) {
            SandboxBenchSipp agent = SandboxBenchSipp.start(plan.sandbox(), "agent-100" + n, List.of(
                    "-sf", plan.scenarios().resolve("agent.xml").toString(), "-i", "127.0.0.1",
                    "-p", String.valueOf(6000 + n),
                    // each SIPp its own media ports (README, the telephony plan)
                    "-mp", String.valueOf(20000 + n * 1000), "-max_rtp_port", String.valueOf(20999 + n * 1000),
                    "-set", "ring_ms", String.valueOf(Math.max(1, plan.ringMs())),
                    "-set", "talk_ms", String.valueOf(Math.round(plan.talkS() * 1000))), plan.workDir());
            sipps.add(agent);
            cleanup.add("agent 100" + n + "'s SIPp", agent::close);
        }
        for (int n = 1; n <= AGENTS; n++) {
            sipps.get(n - 1).awaitBound(6000 + n, 20_000);
        }
        awaitAgentsAvailable(hotline, notes);

        Supplier<List<Long>> sippPids =
                () -> sipps.stream().mapToLong(SandboxBenchSipp::sippPid).filter(p -> p > 0).boxed().toList();
        // What everything costs with the phones up and no call: the floor under the run's figures.
        SandboxBenchSampler idle = new SandboxBenchSampler(hotline.pid(), plan.asteriskPid(), sippPids);
        idle.sample();
        Thread.sleep(Math.round(Double.parseDouble(opt.get("idle-s")) * 1000));
        idle.sample();

        long messagesLogStart = asteriskLogSize();
        SandboxBenchSampler sampler = new SandboxBenchSampler(hotline.pid(), plan.asteriskPid(), sippPids);
        sampler.start();
        int k = plan.callerPort() - 5070;
        SandboxBenchSipp callers = SandboxBenchSipp.start(plan.sandbox(), "callers", List.of(
                "-sf", plan.scenarios().resolve("caller.xml").toString(), "-i", "127.0.0.1",
                "-p", String.valueOf(plan.callerPort()),
                "-mp", String.valueOf(30000 + k * 1000), "-max_rtp_port", String.valueOf(30999 + k * 1000),
                "-s", "5000", "-m", String.valueOf(plan.calls()),
                // no limit on calls up at once: callers the agents cannot take yet wait on music
                "-l", String.valueOf(plan.calls()),
                "-r", String.format(Locale.ROOT, "%.3f", plan.rate()), "-rp", "1000",
                "-set", "caller", plan.callerPrefix(), "-set", "hold_ms", String.valueOf(Math.round(plan.holdS() * 1000)),
                "-trace_stat", "-stf", STATS_FILE, "-fd", "1", "127.0.0.1:5060"), plan.workDir());
        sipps.add(callers);
        cleanup.add("the callers' SIPp", callers::close);
        sampler.countCallsWith(() -> {
            Map<String, String> s = callers.stats(STATS_FILE);
            return longOf(s, "SuccessfulCall(C)") + longOf(s, "FailedCall(C)");
        });
        long peakCurrent = watch(callers, sampler, redis, plan.keyPrefix(),
                plan.calls() / plan.rate() + plan.holdS() + 120);
        sampler.stop();

        Map<String, String> stats = callers.stats(STATS_FILE);
        long records = awaitRecords(redis, plan.keyPrefix(), longOf(stats, "OutgoingCall(C)"));
        sampler.write(plan.workDir().resolve("cpu.csv"));
        report(rows, notes, hotline, idle, sampler, stats, records, peakCurrent, callers);
        Sample half = sampler.at(0.5);
        writeThreads(plan.workDir().resolve("threads.csv"), sampler.first(), half, sampler.last(),
                longOf(stats, "OutgoingCall(C)"), half.callsEnded() - sampler.first().callsEnded(),
                sampler.last().callsEnded() - half.callsEnded());
        asteriskLog(messagesLogStart, rows, notes);
    }

    // ---- before the run ----------------------------------------------------------------------

    private static void requireSandboxUp(Path sandbox) throws IOException, InterruptedException {
        Process status = new ProcessBuilder(sandbox.toString(), "status").redirectErrorStream(true).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (status.waitFor() != 0) {
            throw new Refused("the sandbox is not up (run 'scripts/sandbox up' first); scripts/sandbox status says:\n"
                    + out.strip());
        }
    }

    /**
     * The agents' phones are the sandbox's fixed endpoints: a SIPp another run keeps on 600N would
     * take this run's calls, or this run's SIPp would fail to bind. A test's phones that are just
     * shutting down get a few seconds.
     */
    private static void requireAgentPhonesFree() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Integer> taken;
        do {
            taken = new ArrayList<>();
            for (int n = 1; n <= AGENTS; n++) {
                if (SandboxBenchSipp.udpTaken(6000 + n)) {
                    taken.add(6000 + n);
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            Thread.sleep(250); // waiting for another run's phones to go, not a measurement
        } while (System.nanoTime() < deadline);
        throw new Refused("the agents' phone ports 127.0.0.1:" + taken + " (udp) are in use, by another SIPp (a test,"
                + " the demo?); this benchmark runs agents 1001..1008 itself: stop that run first");
    }

    /** The callers' SIP port: one of 5070..5079, which the sandbox's Asterisk takes as the PSTN. */
    private static int callerPort(String given) {
        if (!given.equals("0")) {
            int port = Integer.parseInt(given);
            if (port < 5070 || port > 5079) {
                throw new IllegalArgumentException("--caller-port must be within 5070..5079 (Asterisk's pstn endpoint)");
            }
            if (SandboxBenchSipp.udpTaken(port)) {
                throw new Refused("127.0.0.1:" + port + " (udp) is taken");
            }
            return port;
        }
        // 5070 is the tests' and the demo's; start above it
        for (int port = 5071; port <= 5079; port++) {
            if (!SandboxBenchSipp.udpTaken(port)) {
                return port;
            }
        }
        throw new Refused("every callers' port 127.0.0.1:5071..5079 (udp) is taken");
    }

    /** Agents are offered calls once Hotline's roster (fed by AMI device states) shows them available. */
    private static void awaitAgentsAvailable(SandboxBenchHotline hotline, List<String> notes) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, String> states = new TreeMap<>();
        while (true) {
            states.clear();
            for (JsonNode a : hotline.get("/api/agents")) {
                states.put(a.path("id").asText(), a.path("state").asText());
            }
            if (states.values().stream().allMatch("available"::equals) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200); // waiting for the roster, not a measurement
        }
        if (!states.values().stream().allMatch("available"::equals)) {
            notes.add("not every agent was available when the calls started: " + states);
        }
    }

    // ---- during the run ------------------------------------------------------------------------

    /**
     * Waits for the callers' SIPp to end, printing progress every 5 s; returns the most calls it saw
     * up at once. SIPp's own statistics give the calls; ZCARD of the run's index gives the records.
     */
    private static long watch(SandboxBenchSipp callers, SandboxBenchSampler sampler, JedisPooled redis,
                              String keyPrefix, double limitS) throws InterruptedException {
        long start = System.nanoTime();
        long peak = 0;
        int tick = 0;
        while (!callers.waitFor(1000)) {
            Map<String, String> s = callers.stats(STATS_FILE);
            peak = Math.max(peak, longOf(s, "CurrentCall"));
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (++tick % 5 == 0) {
                System.out.printf(Locale.ROOT, "   %4.0f s  calls placed %4d, up %3d, done %4d, failed %3d | records %4d |"
                                + " Hotline %.3f cores, Asterisk %.3f cores%n",
                        elapsed, longOf(s, "OutgoingCall(C)"), longOf(s, "CurrentCall"), longOf(s, "SuccessfulCall(C)"),
                        longOf(s, "FailedCall(C)"), zcard(redis, keyPrefix),
                        SandboxBenchSampler.cores(sampler.first(), sampler.last(), Sample::hotline),
                        SandboxBenchSampler.cores(sampler.first(), sampler.last(), Sample::asterisk));
            }
            if (elapsed > limitS) {
                System.out.printf("   the callers' SIPp is still running after %.0f s: stopping it%n", elapsed);
                callers.close();
                break;
            }
        }
        return peak;
    }

    /** Records are written when a call ends, through the journal: give the last ones a moment. */
    private static long awaitRecords(JedisPooled redis, String keyPrefix, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long n = zcard(redis, keyPrefix);
            if (n >= expected) {
                return n;
            }
            if (n != last) {
                last = n;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 5_000_000_000L) {
                return n;
            }
            Thread.sleep(250); // waiting for the writer, not a measurement
        }
        return zcard(redis, keyPrefix);
    }

    private static long zcard(JedisPooled redis, String keyPrefix) {
        try {
            return redis.zcard(keyPrefix + "calls");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---- after the run -------------------------------------------------------------------------

    private static void report(Map<String, String> rows, List<String> notes, SandboxBenchHotline hotline,
                               SandboxBenchSampler idle, SandboxBenchSampler sampler,
                               Map<String, String> stats, long records, long peakCurrent, SandboxBenchSipp callers)
            throws Exception {
        long created = longOf(stats, "OutgoingCall(C)");
        long ok = longOf(stats, "SuccessfulCall(C)");
        long failed = longOf(stats, "FailedCall(C)");
        rows.put("calls offered (SIPp) / completed (successful) / failed",
                created + " / " + ok + " / " + failed + (callers.isAlive() ? " (stopped early)" : ""));
        rows.put("caller INVITE -> IVR answer, mean (SIPp) / SIP retransmissions",
                fmt(durationMillis(stats.get("ResponseTime1(C)"))) + " ms / " + longOf(stats, "Retransmissions(C)"));
        rows.put("calls up at once, peak (SIPp)", Long.toString(peakCurrent));
        rows.put("Hotline records in Redis (ZCARD <prefix>calls) / per call",
                records + " / " + (created > 0 ? fmt(100.0 * records / created) + " %" : "?"));

        JsonNode recent = hotline.get("/api/calls?limit=" + Math.max(1, Math.min(1000, records)));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Double> waits = new ArrayList<>();
        int apologised = 0;
        for (JsonNode call : recent) {
            outcomes.merge(call.path("outcome").asText("?"), 1, Integer::sum);
            if ("answered".equals(call.path("outcome").asText()) && call.path("waitSeconds").isNumber()) {
                waits.add(call.path("waitSeconds").asDouble());
            }
            apologised += call.path("apologised").asBoolean() ? 1 : 0;
        }
        rows.put("records by outcome (REST /api/calls" + (records > 1000 ? ", newest 1000" : "") + ")",
                outcomes.isEmpty() ? "-" : outcomes.toString().replaceAll("[{}]", "").replace("=", " "));
        waits.sort(null);
        rows.put("answered calls' wait for an agent p50 / p95 / max (s); apologised",
                pct(waits, 0.50) + " / " + pct(waits, 0.95) + " / " + pct(waits, 1.0) + "; " + apologised);
        JsonNode kpi = hotline.get("/api/kpis?queue=" + QUEUE + "&window=today");
        rows.put("KPI offered / answered / abandoned",
                kpi.path("offered").asText("?") + " / " + kpi.path("answered").asText("?") + " / "
                        + kpi.path("abandoned").asText("?"));
        rows.put("KPI ASA (s) / service level (%) / agent misses",
                num(kpi.path("asa")) + " / " + num(kpi.path("serviceLevel")) + " / " + kpi.path("agentMisses").asText("?"));

        double s = sampler.seconds();
        Sample first = sampler.first();
        Sample half = sampler.at(0.5);
        Sample last = sampler.last();
        rows.put("Hotline CPU, cores: idle / run / run's 2nd half / busiest s",
                cpuRow(idle, sampler, first, half, last, Sample::hotline));
        rows.put("Asterisk CPU, cores: idle / run / run's 2nd half / busiest s",
                cpuRow(idle, sampler, first, half, last, Sample::asterisk));
        rows.put("Hotline CPU / Asterisk CPU: run / run's 2nd half",
                fmt(100 * (last.hotline() - first.hotline()) / (last.asterisk() - first.asterisk())) + " % / "
                        + fmt(100 * (last.hotline() - half.hotline()) / (last.asterisk() - half.asterisk())) + " %");
        rows.put("CPU per call offered, whole run (JVM warm-up in): Hotline / Asterisk (ms)",
                fmt(1000 * (last.hotline() - first.hotline()) / created) + " / "
                        + fmt(1000 * (last.asterisk() - first.asterisk()) / created));
        // The JVM compiles and loads classes in the first calls; the second half's calls are the
        // warm steady state. Calls ended in a window (SIPp's count) divide that window's CPU.
        long firstHalfCalls = half.callsEnded() - first.callsEnded();
        long secondHalfCalls = last.callsEnded() - half.callsEnded();
        rows.put("CPU per call ended, run's 1st half (warm-up): Hotline / Asterisk (ms)",
                perCall(first, half, firstHalfCalls, Sample::hotline) + " / "
                        + perCall(first, half, firstHalfCalls, Sample::asterisk) + " (" + firstHalfCalls + " calls)");
        rows.put("CPU per call ended, run's 2nd half (steady state): Hotline / Asterisk (ms)",
                perCall(half, last, secondHalfCalls, Sample::hotline) + " / "
                        + perCall(half, last, secondHalfCalls, Sample::asterisk) + " (" + secondHalfCalls + " calls)");
        // The JIT compiler threads' share falls towards nothing as the JVM warms (a method called once a
        // call takes thousands of calls to reach C2), so the server's own steady cost is the rest.
        rows.put("Hotline CPU per call, whole run, JIT compiler threads apart: rest / JIT (ms; JIT share)",
                jitApart(first, last, created));
        rows.put("Hotline CPU per call ended, run's 1st half, JIT compiler threads apart: rest / JIT (ms; JIT share)",
                jitApart(first, half, firstHalfCalls));
        rows.put("Hotline CPU per call ended, run's 2nd half, JIT compiler threads apart: rest / JIT (ms; JIT share)",
                jitApart(half, last, secondHalfCalls));
        rows.put("Hotline CPU by thread, whole run (ms per call offered)", byThread(first, last, created));
        rows.put("Hotline CPU by thread, run's 2nd half (ms per call ended)", byThread(half, last, secondHalfCalls));
        rows.put("SIPp CPU (" + sampler.sippProcesses() + " processes), cores avg",
                fmt3(SandboxBenchSampler.cores(first, last, Sample::sipp)));
        rows.put("host CPU busy (all processes, others' too), cores avg / busiest s",
                cores(SandboxBenchSampler.cores(first, last, Sample::host), sampler.peakCores(Sample::host)));
        rows.put("Hotline RSS now / peak (MB); threads", fmt(SandboxBenchProc.status(hotline.pid(), "VmRSS") / 1024.0) + " / "
                + fmt(SandboxBenchProc.status(hotline.pid(), "VmHWM") / 1024.0) + "; "
                + SandboxBenchProc.status(hotline.pid(), "Threads"));
        rows.put("Asterisk RSS now (MB); threads", fmt(SandboxBenchProc.status(sampler.asteriskPid(), "VmRSS") / 1024.0)
                + "; " + SandboxBenchProc.status(sampler.asteriskPid(), "Threads"));
        rows.put("duration: first INVITE to the callers' end (s)", fmt(s));
        rows.put("Hotline log: WARN / ERROR lines", hotline.logLines("WARN") + " / " + hotline.logLines("ERROR"));
        rows.put("Hotline start-up cache (scripts/hotline)", hotline.startupCache());
        rows.put("Hotline start: scripts/hotline to healthy (s); its CPU until then (s)",
                fmt(hotline.startSeconds()) + "; " + fmt(hotline.startCpuSeconds()));
        if (records < created) {
            notes.add((created - records) + " call(s) offered have no Hotline record: see " + hotline.log()
                    + " and Asterisk's messages.log");
        }
        if (failed > 0) {
            notes.add(failed + " SIPp call(s) failed: see " + callers.tail().lines().filter(l -> l.contains("Failed"))
                    .findFirst().orElse("the callers' log"));
        }
    }

    /**
     * Warnings and errors Asterisk logged during the run (its messages.log in the sandbox's root),
     * counted, with the most frequent kinds as notes: the run's own view of Asterisk under load.
     */
    private static void asteriskLog(long startOffset, Map<String, String> rows, List<String> notes) {
        Path log = asteriskMessagesLog();
        if (startOffset < 0 || !Files.isReadable(log)) {
            return;
        }
        Pattern line = Pattern.compile("\\] (WARNING|ERROR)\\[\\d+\\][^ ]* ([^:]+:\\d*)?\\s*(.*)$");
        Map<String, Integer> kinds = new TreeMap<>();
        int warnings = 0;
        int errors = 0;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(Math.min(startOffset, f.length()));
            byte[] rest = new byte[(int) Math.min(f.length() - f.getFilePointer(), 64L << 20)];
            f.readFully(rest);
            for (String l : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = line.matcher(l);
                if (m.find()) {
                    if (m.group(1).equals("ERROR")) {
                        errors++;
                    } else {
                        warnings++;
                    }
                    // the message without its numbers, so that one kind counts once
                    kinds.merge(m.group(1) + " " + m.group(3).replaceAll("[0-9]+", "N"), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            return;
        }
        rows.put("Asterisk messages.log during the run: WARNING / ERROR lines", warnings + " / " + errors);
        kinds.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .forEach(e -> notes.add("Asterisk logged " + e.getValue() + " x: " + e.getKey()));
    }

    private static long asteriskLogSize() {
        try {
            return Files.size(asteriskMessagesLog());
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path asteriskMessagesLog() {
        String root = System.getenv().getOrDefault("HOTLINE_SANDBOX_ROOT", "/var/cache/hotline/root");
        return Path.of(root, "var/log/asterisk/messages.log");
    }

    // ---- clean-up --------------------------------------------------------------------------------

    /** What the run started, stopped in reverse order exactly once: at the end, or on Ctrl-C. */
    static final class Cleanup {
        interface Step {
            void run() throws Exception;
        }

        private final Deque<Map.Entry<String, Step>> steps = new ArrayDeque<>();

        synchronized void add(String what, Step step) {
            steps.push(Map.entry(what, step));
        }

        synchronized void run() {
            while (!steps.isEmpty()) {
                Map.Entry<String, Step> step = steps.pop();
                try {
                    step.getValue().run();
                } catch (Exception | Error e) {
                    // the other steps still run; say what is left behind
                    System.out.printf("   could not clean up %s (%s); do it by hand%n", step.getKey(), e);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- small helpers ----------------------------------------------------------------------------

    private static long longOf(Map<String, String> stats, String column) {
        try {
            return Long.parseLong(stats.getOrDefault(column, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** SIPp's durations: {@code hh:mm:ss:microseconds}. */
    private static double durationMillis(String text) {
        if (text == null) {
            return Double.NaN;
        }
        String[] f = text.trim().split(":");
        if (f.length != 4) {
            return Double.NaN;
        }
        return (Long.parseLong(f[0]) * 3600 + Long.parseLong(f[1]) * 60 + Long.parseLong(f[2])) * 1000.0
                + Long.parseLong(f[3]) / 1000.0;
    }

    private static String pct(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return fmt(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }

    private static String cpuRow(SandboxBenchSampler idle, SandboxBenchSampler run, Sample first, Sample half,
                                 Sample last, ToDoubleFunction<Sample> figure) {
        return fmt3(SandboxBenchSampler.cores(idle.first(), idle.last(), figure)) + " / "
                + fmt3(SandboxBenchSampler.cores(first, last, figure)) + " / "
                + fmt3(SandboxBenchSampler.cores(half, last, figure)) + " / " + fmt3(run.peakCores(figure));
    }

    private static String perCall(Sample from, Sample to, long calls, ToDoubleFunction<Sample> figure) {
        return calls > 0 ? fmt(1000 * (figure.applyAsDouble(to) - figure.applyAsDouble(from)) / calls) : "?";
    }

    /** CPU seconds of Hotline's JIT compiler threads (C1, C2) between two samples. */
    private static double jit(Sample from, Sample to) {
        return SandboxBenchSampler.jitSeconds(to) - SandboxBenchSampler.jitSeconds(from);
    }

    /** Hotline's CPU per call between two samples without its JIT compiler threads, theirs, and their share. */
    private static String jitApart(Sample from, Sample to, long calls) {
        if (calls <= 0) {
            return "?";
        }
        double all = to.hotline() - from.hotline();
        double jit = jit(from, to);
        return fmt(1000 * (all - jit) / calls) + " / " + fmt(1000 * jit / calls) + "; "
                + (all > 0 ? fmt(100 * jit / all) : "?") + " %";
    }

    /**
     * Every thread group's CPU in ms per call, over the whole run, its 1st half and its 2nd half
     * (the busiest first), for a look at where the rest of Hotline's CPU goes.
     */
    private static void writeThreads(Path csv, Sample first, Sample half, Sample last, long created,
                                     long firstHalfCalls, long secondHalfCalls) throws IOException {
        List<String> lines = new ArrayList<>(List.of("thread_group,whole_run_ms_per_call,first_half_ms_per_call,"
                + "second_half_ms_per_call"));
        Map<String, Double> whole = SandboxBenchSampler.allThreadSeconds(first, last);
        Map<String, Double> early = SandboxBenchSampler.allThreadSeconds(first, half);
        Map<String, Double> late = SandboxBenchSampler.allThreadSeconds(half, last);
        whole.forEach((group, seconds) -> lines.add(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f", group.strip(),
                created > 0 ? 1000 * seconds / created : Double.NaN,
                firstHalfCalls > 0 ? 1000 * early.getOrDefault(group, 0.0) / firstHalfCalls : Double.NaN,
                secondHalfCalls > 0 ? 1000 * late.getOrDefault(group, 0.0) / secondHalfCalls : Double.NaN)));
        Files.write(csv, lines);
    }

    /** The busiest thread groups' CPU per call: where Hotline's share goes (JIT and GC threads included). */
    private static String byThread(Sample from, Sample to, long calls) {
        if (calls <= 0) {
            return "?";
        }
        List<String> parts = new ArrayList<>();
        SandboxBenchSampler.threadSeconds(from, to).entrySet().stream().limit(8)
                .forEach(e -> parts.add(e.getKey().strip() + " " + fmt(1000 * e.getValue() / calls)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String cores(double avg, double peak) {
        return fmt3(avg) + " / " + fmt3(peak);
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "-";
    }

    private static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "?";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt3(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static int positiveInt(Map<String, String> opt, String key) {
        int v = Integer.parseInt(opt.get(key));
        if (v < 1) {
            throw new IllegalArgumentException("--" + key + " must be at least 1");
        }
        return v;
    }

    private static double positiveDouble(Map<String, String> opt, String key) {
        double v = Double.parseDouble(opt.get(key));
        if (!(v > 0)) {
            throw new IllegalArgumentException("--" + key + " must be above 0");
        }
        return v;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("calls", "200");
        opt.put("rate", "4");
        opt.put("hold-s", "30");       // the caller's patience after the IVR answered
        opt.put("talk-s", "1");        // the agent hangs up after this long (0: the caller ends it)
        opt.put("ring-ms", "500");     // the agent's phone rings this long before answering
        opt.put("wrap-up-s", "0");     // the agents' wrap-up after each call (shipped: 15)
        opt.put("welcome", "beep");    // a short welcome prompt (an Asterisk core sound)
        opt.put("idle-s", "5");        // the idle stretch measured before the calls
        opt.put("heap", "256m");
        opt.put("hotline-jvm", "");    // more options for Hotline's JVM, space-separated (e.g. a flight recording)
        opt.put("http-port", "0");     // 0: a free port
        opt.put("caller-port", "0");   // 0: the first free of 5071..5079
        opt.put("config", "");
        opt.put("redis-host", "127.0.0.1");
        opt.put("redis-port", "6379");
        opt.put("log-dir", System.getProperty("java.io.tmpdir") + "/hotline-bench");
        return BenchArgs.parse(opt, args);
    }
}

package org.hotline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples, once a second, the CPU time of Hotline, of Asterisk, of every SIPp and of the whole host
 * from {@code /proc}, into a series: averages over any stretch come from its first and last
 * readings, peaks from the busiest one-second step. SIPp processes come and go (the callers' SIPp
 * ends with the run), so each counts from the series' start, or from zero if it started later, to
 * its last reading.
 */
final class SandboxBenchSampler {

    /**
     * Cumulative CPU seconds at one moment, Hotline's also per thread group, and the calls the
     * callers' SIPp had ended by then (successful or failed; 0 before it started).
     */
    record Sample(long nanos, double hotline, double asterisk, double host, double sipp, long callsEnded,
                  Map<String, Double> hotlineThreads) {
    }

    private final long hotlinePid;
    private final long asteriskPid;
    private final Supplier<List<Long>> sippPids;
    private final List<Sample> series = new ArrayList<>();
    /** per SIPp pid: CPU seconds at the series' start (0 for later ones) and at the last reading */
    private final Map<Long, double[]> sipp = new HashMap<>();
    private volatile LongSupplier callsEnded = () -> 0;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-bench-sampler");
        t.setDaemon(true);
        return t;
    });

    SandboxBenchSampler(long hotlinePid, long asteriskPid, Supplier<List<Long>> sippPids) {
        this.hotlinePid = hotlinePid;
        this.asteriskPid = asteriskPid;
        this.sippPids = sippPids;
    }

    /** Where the samples read the calls ended so far (the callers' SIPp, once it runs). */
    void countCallsWith(LongSupplier ended) {
        this.callsEnded = ended;
    }

    /** Takes the first readings and samples once a second from then on. */
    void start() {
        sample();
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Takes the last readings (after the timer stopped: a sample in flight finishes first). */
    void stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sample();
    }

    /** Takes one reading now; also usable without the timer (an idle stretch's two ends). */
    synchronized Sample sample() {
        boolean first = series.isEmpty();
        double sippSum = 0;
        for (long pid : sippPids.get()) {
            double now = SandboxBenchProc.cpuSeconds(pid);
            if (!Double.isNaN(now)) {
                sipp.computeIfAbsent(pid, p -> new double[] {first ? now : 0, now})[1] = now;
            }
        }
        for (double[] seen : sipp.values()) {
            sippSum += seen[1] - seen[0];
        }
        Sample s = new Sample(System.nanoTime(), SandboxBenchProc.cpuSeconds(hotlinePid),
                SandboxBenchProc.cpuSeconds(asteriskPid), SandboxBenchProc.hostBusySeconds(), sippSum,
                callsEnded.getAsLong(), SandboxBenchProc.threadCpuSeconds(hotlinePid));
        series.add(s);
        return s;
    }

    synchronized Sample first() {
        return series.get(0);
    }

    synchronized Sample last() {
        return series.get(series.size() - 1);
    }

    /** The sample closest to {@code fraction} (0..1) of the way through the series. */
    synchronized Sample at(double fraction) {
        long target = first().nanos() + (long) ((last().nanos() - first().nanos()) * fraction);
        Sample best = series.get(0);
        for (Sample s : series) {
            if (Math.abs(s.nanos() - target) < Math.abs(best.nanos() - target)) {
                best = s;
            }
        }
        return best;
    }

    /** Average cores of one figure between two samples. */
    static double cores(Sample from, Sample to, ToDoubleFunction<Sample> figure) {
        double s = (to.nanos() - from.nanos()) / 1e9;
        return s > 0 ? (figure.applyAsDouble(to) - figure.applyAsDouble(from)) / s : Double.NaN;
    }

    /** The busiest one-second step of one figure, in cores. */
    synchronized double peakCores(ToDoubleFunction<Sample> figure) {
        double peak = 0;
        for (int i = 1; i < series.size(); i++) {
            double c = cores(series.get(i - 1), series.get(i), figure);
            if (!Double.isNaN(c)) {
                peak = Math.max(peak, c);
            }
        }
        return peak;
    }

    /**
     * Hotline's CPU seconds per thread group between two samples, the busiest first (groups below
     * 1 % of the total are left out). A thread that ended in between counts nothing.
     */
    static Map<String, Double> threadSeconds(Sample from, Sample to) {
        Map<String, Double> spent = allThreadSeconds(from, to);
        double total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> busiest = new java.util.LinkedHashMap<>();
        spent.entrySet().stream().filter(e -> e.getValue() > 0.01 * total)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> busiest.put(e.getKey(), e.getValue()));
        return busiest;
    }

    /** Hotline's CPU seconds per thread group between two samples, every group, the busiest first. */
    static Map<String, Double> allThreadSeconds(Sample from, Sample to) {
        Map<String, Double> spent = new HashMap<>();
        to.hotlineThreads().forEach((group, seconds) ->
                spent.put(group, seconds - from.hotlineThreads().getOrDefault(group, 0.0)));
        Map<String, Double> busiest = new java.util.LinkedHashMap<>();
        spent.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> busiest.put(e.getKey(), e.getValue()));
        return busiest;
    }

    synchronized double seconds() {
        return (last().nanos() - first().nanos()) / 1e9;
    }

    synchronized int sippProcesses() {
        return sipp.size();
    }

    long asteriskPid() {
        return asteriskPid;
    }

    /** Hotline's JIT compiler threads' (C1, C2) CPU seconds so far. */
    static double jitSeconds(Sample s) {
        double sum = 0;
        for (Map.Entry<String, Double> e : s.hotlineThreads().entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /**
     * The series as cores per second, for a look at the run's shape (t, hotline, its JIT compiler
     * threads, asterisk, sipp, host) and the calls ended so far.
     */
    synchronized void write(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "t_s,hotline_cores,hotline_jit_cores,asterisk_cores,sipp_cores,host_busy_cores,calls_ended"));
        for (int i = 1; i < series.size(); i++) {
            Sample a = series.get(i - 1);
            Sample b = series.get(i);
            lines.add(String.format(Locale.ROOT, "%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%d", (b.nanos() - first().nanos()) / 1e9,
                    cores(a, b, Sample::hotline), cores(a, b, SandboxBenchSampler::jitSeconds),
                    cores(a, b, Sample::asterisk), cores(a, b, Sample::sipp), cores(a, b, Sample::host),
                    b.callsEnded()));
        }
        Files.write(csv, lines);
    }
}

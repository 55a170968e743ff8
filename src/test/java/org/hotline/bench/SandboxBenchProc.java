package org.hotline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the sandbox benchmark reads about processes from {@code /proc}: CPU time, memory, threads,
 * and which process is Asterisk. Read from the bench's own JVM, so measuring costs the measured
 * processes nothing.
 */
final class SandboxBenchProc {

    /** USER_HZ on Linux: the unit of the CPU times in {@code /proc/<pid>/stat}. */
    private static final double TICKS_PER_SECOND = 100;

    private SandboxBenchProc() {
    }

    /** CPU time (user + system) of {@code pid} so far in seconds; NaN once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds (user + system) of each live thread of {@code pid}, summed per thread group: the
     * thread's name with its numbers replaced by N ({@code fastagi-4-1} and {@code fastagi-4-2} are
     * {@code fastagi-N-N}; {@code C2 CompilerThre}, {@code GC Thread#N}: a number right after a capital
     * letter stays). Empty once it is gone.
     */
    static Map<String, Double> threadCpuSeconds(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = read(task.resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(open + 1, close).replaceAll("(?<![A-Z])[0-9]+", "N");
                String[] f = stat.substring(close + 2).split(" ");
                try {
                    groups.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND, Double::sum);
                } catch (RuntimeException torn) {
                    // a partial read of a dying thread: it counts no more
                }
            }
        } catch (IOException | RuntimeException gone) {
            return groups;
        }
        return groups;
    }

    /** CPU time the whole host spent busy (everything but idle and iowait), in seconds. */
    static double hostBusySeconds() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A {@code /proc/<pid>/status} field: kB for VmRSS and VmHWM, a count for Threads; -1 when unknown. */
    static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The sandbox's Asterisk: the process named {@code asterisk} running in the foreground
     * ({@code asterisk -f}, as {@code scripts/sandbox up} starts it). The short-lived
     * {@code asterisk -rx} consoles are not it.
     */
    static OptionalLong asteriskPid() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> "asterisk".equals(read(p.resolve("comm")).strip()))
                    .filter(p -> {
                        String[] argv = read(p.resolve("cmdline")).split("\0");
                        boolean foreground = false;
                        boolean remote = false;
                        for (String a : argv) {
                            foreground |= a.equals("-f") || a.startsWith("-f") && !a.startsWith("-fr");
                            remote |= a.startsWith("-r") || a.startsWith("-R") || a.equals("-x");
                        }
                        return foreground && !remote;
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .min();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}

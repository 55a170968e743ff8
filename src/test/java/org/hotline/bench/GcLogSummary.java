package org.hotline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses of a JVM's {@code -Xlog:gc:file=...:timemillis} log within a wall-clock window:
 * how many, their total and longest, and the heap around them (used before the pause at its
 * highest, used after the last one, committed).
 *
 * @param pauses        pauses in the window
 * @param totalMillis   their sum
 * @param longestMillis the longest
 * @param peakUsedMb    the most heap in use when a pause began
 * @param lastAfterMb   heap in use after the last pause (live data plus what survived young)
 * @param committedMb   heap committed at the last pause
 */
record GcLogSummary(int pauses, double totalMillis, double longestMillis, long peakUsedMb, long lastAfterMb,
                    long committedMb) {

    // [1732540000123ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(64M) 3.456ms
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    static GcLogSummary read(Path log, long fromEpochMillis, long toEpochMillis) {
        int pauses = 0;
        double total = 0;
        double longest = 0;
        long peak = 0;
        long after = 0;
        long committed = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long at = Long.parseLong(m.group(1));
                if (at < fromEpochMillis || at > toEpochMillis) {
                    continue;
                }
                double millis = Double.parseDouble(m.group(5));
                pauses++;
                total += millis;
                longest = Math.max(longest, millis);
                peak = Math.max(peak, Long.parseLong(m.group(2)));
                after = Long.parseLong(m.group(3));
                committed = Long.parseLong(m.group(4));
            }
        } catch (IOException e) {
            return new GcLogSummary(-1, Double.NaN, Double.NaN, -1, -1, -1);
        }
        return new GcLogSummary(pauses, total, longest, peak, after, committed);
    }
}

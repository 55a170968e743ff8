package org.hotline.bench;

import java.util.Arrays;

/**
 * Durations in nanoseconds, kept exactly (no histogram rounding) up to a capacity, with
 * nearest-rank percentiles in milliseconds. Not thread-safe: one thread records, and the report
 * reads after that thread has stopped or handed over (e.g. through an executor's task).
 */
final class LatencyRecorder {

    private final long[] values;
    private int count;
    private long dropped;

    LatencyRecorder(int capacity) {
        this.values = new long[capacity];
    }

    void record(long nanos) {
        if (count < values.length) {
            values[count++] = nanos;
        } else {
            dropped++;
        }
    }

    int count() {
        return count;
    }

    long dropped() {
        return dropped;
    }

    /** Nearest-rank percentile ({@code p} in 0..1) in ms; NaN when empty. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(1.0);
    }

    /** How many values exceed {@code millis}. */
    long countAbove(double millis) {
        long limit = (long) (millis * 1e6);
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] > limit) {
                n++;
            }
        }
        return n;
    }
}

package org.hotline.ami;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delays with jitter: attempt {@code n} (from 0) waits
 * {@code min(max, min * 2^n)}, shortened by up to {@code jitter} of itself at random, never below
 * {@code min}. With the defaults (250 ms .. 10 s, jitter 0.2): 250 ms, 400-500 ms, 0.8-1 s, 1.6-2 s,
 * 3.2-4 s, 6.4-8 s, then 8-10 s. {@link #reset()} after a successful login.
 */
public final class ReconnectBackoff {

    private final Duration min;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempt;

    public ReconnectBackoff(Duration min, Duration max, double jitter) {
        this(min, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} yields values in {@code [0, 1)}; tests pass a constant. */
    public ReconnectBackoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
        this.min = Objects.requireNonNull(min, "min");
        this.max = Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + ".." + max);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter " + jitter + " is not in [0, 1)");
        }
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    public static ReconnectBackoff from(AmiOptions options) {
        return new ReconnectBackoff(options.reconnectMin(), options.reconnectMax(), options.reconnectJitter());
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public Duration nextDelay() {
        Duration d = delay(attempt, random.getAsDouble());
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return d;
    }

    /** How many delays were handed out since the last reset. */
    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }

    /** Pure arithmetic: the delay for attempt {@code n} given a random draw {@code r} in {@code [0, 1)}. */
    public Duration delay(int n, double r) {
        long minMs = min.toMillis();
        long maxMs = max.toMillis();
        long base = minMs;
        for (int i = 0; i < n && base < maxMs; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMs);
        long jittered = Math.round(base * (1.0 - jitter * r));
        return Duration.ofMillis(Math.max(minMs, Math.min(maxMs, jittered)));
    }
}

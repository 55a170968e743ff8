package org.hotline.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff without jitter: {@code initial * 2^attempt}, capped at {@code max}. One
 * writer thread retries, so there is no herd to spread out and a deterministic delay is easier to
 * reason about in logs.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait before retry number {@code attempt + 1}; attempt 0 is the first failure. */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
        Duration d = initial;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) < 0 ? d : max;
    }
}

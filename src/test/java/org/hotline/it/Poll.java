package org.hotline.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for real-world state with a deadline: calls take seconds, and the machine is shared. */
final class Poll {

    private Poll() {
    }

    /** Returns the first non-null value of {@code probe} before the deadline, else fails with {@code what}. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause(Duration.ofMillis(200));
        }
        fail("timed out after " + timeout + " waiting for " + what + (last == null ? "" : ": " + last));
        return null;
    }

    static void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }
}

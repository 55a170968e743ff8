package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling until a deadline: tests never sleep a guessed time. */
final class Poll {

    private Poll() {
    }

    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout + ": " + whatWeWaitedFor.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}

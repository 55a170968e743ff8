package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.redis.AppendScript.PendingAppend;
import org.junit.jupiter.api.Test;

/** The writer's queueing and retry policy, against a target that fails while told to. */
class RedisWriterTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final RedisWriter.Target target = a -> {
        if (down.get()) {
            throw new IllegalStateException("Connection refused");
        }
        written.add(a.callId());
    };

    private static PendingAppend append(String id) {
        return new PendingAppend(id, "{\"id\":\"" + id + "\"}", List.of(), List.of());
    }

    private RedisWriter writer(Duration drain) {
        RedisWriter w = new RedisWriter("test:1", target,
                new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)), drain, Clock.systemUTC());
        w.start();
        return w;
    }

    @Test
    void writesInOrder() {
        try (RedisWriter w = writer(Duration.ofSeconds(5))) {
            for (int i = 0; i < 50; i++) {
                w.submit(append("c" + i));
            }
            Poll.until(Duration.ofSeconds(5), () -> w.pending() == 0, () -> w.pending() + " pending");
            assertEquals(50, written.size());
            assertEquals("c0", written.get(0));
            assertEquals("c49", written.get(49));
        }
    }

    @Test
    void holdsWritesWhileTheTargetFailsAndKeepsTheirOrder() {
        try (RedisWriter w = writer(Duration.ofSeconds(5))) {
            down.set(true);
            w.submit(append("a"));
            w.submit(append("b"));
            Poll.until(Duration.ofSeconds(5), () -> !w.writing(), () -> "writer never noticed the failure");
            assertEquals(2, w.pending());
            assertTrue(w.lastFailure().contains("Connection refused"), w.lastFailure());
            assertTrue(written.isEmpty());

            down.set(false);
            w.submit(append("c"));
            Poll.until(Duration.ofSeconds(5), () -> w.pending() == 0, () -> w.pending() + " pending");
            assertEquals(List.of("a", "b", "c"), written);
            assertTrue(w.writing());
            assertEquals(null, w.failingSince());
        }
    }

    @Test
    void closeDrainsWhatIsQueued() {
        RedisWriter w = writer(Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            w.submit(append("d" + i));
        }
        w.close();
        assertEquals(20, written.size());
        assertEquals(0, w.pending());
        assertThrows(IllegalStateException.class, () -> w.submit(append("late")));
    }

    @Test
    void closeGivesUpAfterTheDrainTimeoutWhenTheTargetStaysDown() {
        down.set(true);
        RedisWriter w = writer(Duration.ofMillis(100));
        w.submit(append("lost"));
        long start = System.nanoTime();
        w.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertFalse(written.contains("lost"));
    }
}

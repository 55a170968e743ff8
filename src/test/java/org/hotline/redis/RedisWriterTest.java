package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.metrics.KpiCounters;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** The writer's queueing and retry policy, against a target that fails while told to. */
class RedisWriterTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final RedisWriter.Target target = a -> {
        if (down.get()) {
            throw new JedisConnectionException("Connection refused");
        }
        written.add(a.callId());
    };

    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();

    private JournalEntry append(String id) {
        return new JournalEntry(seq.incrementAndGet(), JournalEntry.Kind.FINAL, id, null, Instant.EPOCH,
                CallRecordJsonTest.sample(id, Instant.EPOCH), KpiCounters.ZERO);
    }

    /** Without a journal: everything is held in memory. */
    private RedisWriter writer(Duration drain) {
        RedisWriter w = new RedisWriter("test:1", target,
                new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)), drain, Clock.systemUTC(), 1000,
                null, null, new DeadLetters(null, new JournalLine(), Clock.systemUTC()), confirmed::set);
        w.start();
        return w;
    }

    @Test
    void writesInOrder() {
        try (RedisWriter w = writer(Duration.ofSeconds(5))) {
            for (int i = 0; i < 50; i++) {
                w.offer(append("c" + i), false);
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
            w.offer(append("a"), false);
            w.offer(append("b"), false);
            Poll.until(Duration.ofSeconds(5), () -> w.failingSince() != null, () -> "writer never noticed the failure");
            assertEquals(2, w.pending());
            assertTrue(w.lastFailure().contains("Connection refused"), w.lastFailure());
            assertTrue(written.isEmpty());

            down.set(false);
            w.offer(append("c"), false);
            Poll.until(Duration.ofSeconds(5), () -> w.pending() == 0, () -> w.pending() + " pending");
            assertEquals(List.of("a", "b", "c"), written);
            assertEquals(null, w.failingSince());
            assertEquals(3, confirmed.get());
        }
    }

    @Test
    void closeDrainsWhatIsQueued() {
        RedisWriter w = writer(Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            w.offer(append("d" + i), false);
        }
        w.close();
        assertEquals(20, written.size());
        assertEquals(0, w.pending());
        assertEquals(20, confirmed.get());
    }

    @Test
    void closeGivesUpAfterTheDrainTimeoutWhenTheTargetStaysDown() {
        down.set(true);
        RedisWriter w = writer(Duration.ofMillis(100));
        w.offer(append("lost"), false);
        long start = System.nanoTime();
        w.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertFalse(written.contains("lost"));
    }

    @Test
    void onlyErrorsAboutTheRecordDeadLetterIt() {
        assertTrue(RedisWriter.refusesThisRecord(new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value")));
        assertTrue(RedisWriter.refusesThisRecord(new JedisDataException("OOM command not allowed when used memory > 'maxmemory'.")));
        assertTrue(RedisWriter.refusesThisRecord(new JedisDataException("READONLY You can't write against a read only replica.")));
        assertTrue(RedisWriter.refusesThisRecord(new IllegalArgumentException("KPI counter talkSecondsTotal is NaN")));
        assertFalse(RedisWriter.refusesThisRecord(new JedisConnectionException("Connection refused")));
        assertFalse(RedisWriter.refusesThisRecord(new JedisDataException("LOADING Redis is loading the dataset in memory")));
        assertFalse(RedisWriter.refusesThisRecord(new JedisDataException("BUSY Redis is busy running a script.")));
        assertFalse(RedisWriter.refusesThisRecord(new JedisAccessControlException("NOAUTH Authentication required.")));
    }

    @Test
    void aRefusedRecordDoesNotHoldUpTheNextOnes() {
        RedisWriter w = new RedisWriter("test:1", e -> {
            if (e.callId().equals("bad")) {
                throw new JedisDataException("WRONGTYPE key k holds a string, not a hash");
            }
            written.add(e.callId());
        }, new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)), Duration.ofSeconds(5), Clock.systemUTC(), 1000,
                null, null, new DeadLetters(null, new JournalLine(), Clock.systemUTC()), confirmed::set);
        w.start();
        try (w) {
            w.offer(append("a"), false);
            w.offer(append("bad"), false);
            w.offer(append("b"), false);
            Poll.until(Duration.ofSeconds(5), () -> w.pending() == 0, () -> w.pending() + " pending");
            assertEquals(List.of("a", "b"), written);
            assertEquals(1, w.deadLetters());
            assertEquals(3, confirmed.get());
        }
    }
}

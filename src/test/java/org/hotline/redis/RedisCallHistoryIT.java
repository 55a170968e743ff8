package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Against the real Redis on 127.0.0.1:6379 (the sandbox's), under a key prefix unique to this
 * run that is deleted afterwards; and against {@code /usr/bin/redis-server} subprocesses on free
 * ports for the outage cases. Fails, never skips, when Redis is not there.
 */
class RedisCallHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PREFIX = "hotline-it:" + UUID.randomUUID() + ":";
    private static final KpiCounters ONE_ANSWERED =
            new KpiCounters(1, 1, 0, 1, 0, 20.0, 180.5, 1, 1, 2, 1, 1, 1);

    private static JedisPooled admin;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void redisMustBeThere() {
        admin = new JedisPooled("127.0.0.1", 6379);
        try {
            assertEquals("PONG", admin.ping());
        } catch (RuntimeException e) {
            fail("Redis must listen on 127.0.0.1:6379 for this test (scripts/sandbox up, or "
                    + "redis-server --daemonize yes --bind 127.0.0.1 --port 6379): " + e, e);
        }
    }

    @AfterAll
    static void deleteThisRunsKeys() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = admin.scan(cursor, new ScanParams().match(PREFIX + "*").count(500));
            if (!page.getResult().isEmpty()) {
                admin.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        admin.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RedisCallHistory open(RedisOptions options) {
        RedisCallHistory h = RedisCallHistory.open(options.toBuilder()
                .retryInitialDelay(Duration.ofMillis(20)).retryMaxDelay(Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(1)).build());
        toClose.add(h);
        return h;
    }

    private static String uniquePrefix() {
        return PREFIX + UUID.randomUUID() + ":";
    }

    private static void awaitWritten(RedisCallHistory h) {
        Poll.until(WAIT, () -> h.pendingWrites() == 0, () -> h.pendingWrites() + " writes pending: " + h.healthDetail());
    }

    @Test
    void appendThenReadBack() {
        RedisCallHistory h = open(RedisOptions.builder().keyPrefix(uniquePrefix()).build());
        Instant t = Instant.parse("2026-11-23T10:00:05Z");
        CallRecord first = CallRecordJsonTest.sample("c1", t);
        CallRecord second = CallRecordJsonTest.sample("c2", t.plusSeconds(60));
        CallRecord third = CallRecordJsonTest.sample("c3", t.plusSeconds(120));
        h.append(second, ONE_ANSWERED);
        h.append(first, ONE_ANSWERED);
        h.append(third, ONE_ANSWERED);
        awaitWritten(h);

        assertEquals(List.of(third, second), h.recent(2));
        assertEquals(List.of(third, second, first), h.recent(1000));
        assertEquals(Optional.of(second), h.find("c2"));
        assertEquals(Optional.empty(), h.find("nope"));
        assertTrue(h.isConnected());
        assertEquals(new RedisCallHistory.Health(true, "connected to 127.0.0.1:6379, 0 writes pending"), h.health());

        long ttl = admin.ttl(h.keys().call("c1"));
        assertTrue(ttl > Duration.ofDays(34).toSeconds() && ttl <= Duration.ofDays(35).toSeconds(), "ttl " + ttl);
        long kpiTtl = admin.ttl(h.keys().kpi("support", Instant.parse("2026-11-23T10:00:00Z")));
        assertTrue(kpiTtl > Duration.ofDays(399).toSeconds(), "kpi ttl " + kpiTtl);
        assertTrue(admin.sismember(h.keys().kpiQueues(), "support"));
    }

    @Test
    void countersAreSummedOverTheIntervalsThatStartInTheRange() {
        RedisCallHistory h = open(RedisOptions.builder().keyPrefix(uniquePrefix()).build());
        h.append(CallRecordJsonTest.sample("a", Instant.parse("2026-11-23T09:59:59Z")), ONE_ANSWERED);
        h.append(CallRecordJsonTest.sample("b", Instant.parse("2026-11-23T10:00:00Z")), ONE_ANSWERED);
        h.append(CallRecordJsonTest.sample("c", Instant.parse("2026-11-23T10:14:59Z")), ONE_ANSWERED);
        h.append(CallRecordJsonTest.sample("d", Instant.parse("2026-11-23T10:40:00Z")), ONE_ANSWERED);
        h.append(CallRecordJsonTest.sample("zero", Instant.parse("2026-11-23T10:41:00Z")), KpiCounters.ZERO);
        awaitWritten(h);

        Instant ten = Instant.parse("2026-11-23T10:00:00Z");
        assertEquals(ONE_ANSWERED.plus(ONE_ANSWERED).plus(ONE_ANSWERED),
                h.counters("support", ten, ten.plus(Duration.ofHours(1))));
        assertEquals(ONE_ANSWERED.plus(ONE_ANSWERED), h.counters("support", ten, ten.plusSeconds(900)));
        Instant midnight = Instant.parse("2026-11-23T00:00:00Z");
        assertEquals(4, h.counters("support", midnight, midnight.plus(Duration.ofDays(1))).offered());
        assertEquals(KpiCounters.ZERO, h.counters("sales", midnight, midnight.plus(Duration.ofDays(1))));
        assertEquals(5, h.recent(10).size());
    }

    @Test
    void aRetriedAppendCountsOnce() {
        RedisCallHistory h = open(RedisOptions.builder().keyPrefix(uniquePrefix()).build());
        CallRecord r = CallRecordJsonTest.sample("again", Instant.parse("2026-11-23T11:00:00Z"));
        AppendScript.PendingAppend prepared = AppendScript.prepare(h.keys(), h.options(), r, "{}", ONE_ANSWERED, Instant.now());
        try (JedisPooled jedis = new JedisPooled("127.0.0.1", 6379)) {
            assertTrue(AppendScript.run(jedis, prepared));
            // as if the reply of the first run was lost and the writer ran it again
            assertFalse(AppendScript.run(jedis, prepared));
        }
        h.append(r, ONE_ANSWERED);
        awaitWritten(h);
        Instant hour = Instant.parse("2026-11-23T11:00:00Z");
        assertEquals(ONE_ANSWERED, h.counters("support", hour, hour.plusSeconds(3600)));
        assertEquals(Optional.of(r), h.find("again"));
    }

    @Test
    void recordsAcceptedWhileRedisIsDownArriveOnceItIsBackAndCountOnce() throws Exception {
        int port = freePort();
        RedisCallHistory h = open(RedisOptions.builder().port(port).keyPrefix(uniquePrefix()).build());
        assertFalse(h.isConnected());

        CallRecord early = CallRecordJsonTest.sample("early", Instant.parse("2026-11-23T12:00:00Z"));
        h.append(early, ONE_ANSWERED);
        Poll.until(WAIT, () -> h.healthDetail().contains("failing since"), h::healthDetail);
        assertEquals(1, h.pendingWrites());
        assertFalse(h.health().up());
        assertTrue(h.healthDetail().endsWith("1 writes pending"), h.healthDetail());

        Process redis = startRedis(port);
        try {
            awaitWritten(h);
            assertTrue(h.isConnected());
            assertEquals(Optional.of(early), h.find("early"));
        } finally {
            stopRedis(redis);
        }

        // Redis restarts: the pooled connections are stale, the data is gone (no persistence here).
        CallRecord late = CallRecordJsonTest.sample("late", Instant.parse("2026-11-23T12:01:00Z"));
        h.append(late, ONE_ANSWERED);
        Poll.until(WAIT, () -> h.healthDetail().contains("failing since"), h::healthDetail);
        redis = startRedis(port);
        try {
            awaitWritten(h);
            assertEquals(Optional.of(late), h.find("late"));
            Instant noon = Instant.parse("2026-11-23T12:00:00Z");
            assertEquals(ONE_ANSWERED, h.counters("support", noon, noon.plusSeconds(900)));
        } finally {
            stopRedis(redis);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process startRedis(int port) throws IOException {
        File log = File.createTempFile("redis-it-" + port + "-", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(log).start();
        try (JedisPooled probe = new JedisPooled("127.0.0.1", port)) {
            Poll.until(WAIT, () -> {
                if (!p.isAlive()) {
                    fail("redis-server on port " + port + " exited; see " + log);
                }
                try {
                    return "PONG".equals(probe.ping());
                } catch (RuntimeException e) {
                    return false;
                }
            }, () -> "redis-server on port " + port + " never answered PING; see " + log);
        }
        return p;
    }

    private static void stopRedis(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}

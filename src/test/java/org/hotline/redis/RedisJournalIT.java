package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiCounters;
import org.hotline.metrics.KpiRules;
import org.hotline.standards.PhoneStandards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The journal against the real Redis on 127.0.0.1:6379, under a key prefix unique to this run
 * that is deleted afterwards. A crash is what a history leaves when it stops without having
 * reached Redis (pointed at a closed port, closed without draining); the next history opens the
 * same journal directory against the real Redis. Fails, never skips, when Redis is not there.
 */
class RedisJournalIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PREFIX = "hotline-it:" + UUID.randomUUID() + ":";
    private static final Instant T = Instant.parse("2026-11-23T10:00:05Z");
    private static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");
    private static final KpiRules RULES = new KpiRules(new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3,
            Duration.ofSeconds(20)));

    private static JedisPooled admin;
    private final List<RedisCallHistory> toClose = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeAll
    static void redisMustBeThere() {
        admin = new JedisPooled("127.0.0.1", 6379);
        try {
            assertEquals("PONG", admin.ping());
        } catch (RuntimeException e) {
            fail("Redis must listen on 127.0.0.1:6379 for this test: " + e, e);
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
    void closeAll() {
        toClose.forEach(RedisCallHistory::close);
    }

    private RedisCallHistory open(RedisOptions redis, Path journal) {
        RedisCallHistory h = RedisCallHistory.open(redis.toBuilder()
                        .retryInitialDelay(Duration.ofMillis(20)).retryMaxDelay(Duration.ofMillis(200))
                        .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(1))
                        .drainTimeout(Duration.ZERO).build(),
                JournalOptions.builder().directory(journal).build(), RULES::contribution, Clock.systemUTC());
        toClose.add(h);
        return h;
    }

    /** A history whose Redis is away: everything it accepts stays in the journal. */
    private RedisCallHistory openWithRedisAway(Path journal) throws IOException {
        return open(RedisOptions.builder().port(closedPort()).build(), journal);
    }

    /** Stops as a crash would for Redis: nothing more reaches it (its Redis is away; no drain). */
    private void crash(RedisCallHistory h) {
        toClose.remove(h);
        h.close();
    }

    private static void awaitWritten(RedisCallHistory h) {
        Poll.until(WAIT, () -> h.pendingWrites() == 0, h::healthDetail);
    }

    private static void await(List<CompletableFuture<Void>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static RedisOptions realRedis(String prefix) {
        return RedisOptions.builder().keyPrefix(prefix).build();
    }

    @Test
    void recordsAcceptedWhileRedisWasAwayAreStoredOnceAndCountedOnceAfterACrash() throws Exception {
        RedisCallHistory crashed = openWithRedisAway(dir);
        List<CallRecord> calls = List.of(CallRecordJsonTest.sample("a", T), CallRecordJsonTest.sample("b", T.plusSeconds(60)),
                CallRecordJsonTest.sample("c", T.plusSeconds(120)));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (CallRecord r : calls) {
            done.add(crashed.append(r, RULES.contribution(r)));
        }
        done.add(crashed.amend(calls.get(0).withWrapUpSeconds(6.5), KpiCounters.wrapUp(6.5), "wrap-up"));
        await(done);
        assertEquals(4, crashed.pendingWrites());
        crash(crashed);
        Path copy = copyOf(dir);

        String prefix = PREFIX + UUID.randomUUID() + ":";
        RedisCallHistory restarted = open(realRedis(prefix), dir);
        awaitWritten(restarted);
        KpiCounters expected = calls.stream().map(RULES::contribution).reduce(KpiCounters.ZERO, KpiCounters::plus)
                .plus(KpiCounters.wrapUp(6.5));
        assertEquals(expected, restarted.counters("support", HOUR, HOUR.plusSeconds(3600)));
        assertEquals(Optional.of(calls.get(0).withWrapUpSeconds(6.5)), restarted.find("a"));
        assertEquals(Optional.of(calls.get(2)), restarted.find("c"));
        assertEquals(3, restarted.recent(100).size());
        crash(restarted);

        // The same journal replayed again (a crash before the checkpoint): nothing counts twice.
        RedisCallHistory again = open(realRedis(prefix), copy);
        awaitWritten(again);
        assertEquals(expected, again.counters("support", HOUR, HOUR.plusSeconds(3600)));
        assertEquals(3, again.recent(100).size());
    }

    @Test
    void callsThatWereLiveAreStoredAsInterruptedOrAnsweredAfterACrash() throws Exception {
        RedisCallHistory crashed = openWithRedisAway(dir);
        CallRecord waiting = JournalTest.live("waiting", T, false);
        CallRecord talking = JournalTest.live("talking", T.plusSeconds(30), true);
        await(List.of(crashed.progress(waiting), crashed.progress(talking)));
        crash(crashed);

        RedisCallHistory restarted = open(realRedis(PREFIX + UUID.randomUUID() + ":"), dir);
        awaitWritten(restarted);
        CallRecord interrupted = restarted.find("waiting").orElseThrow();
        assertEquals(CallOutcome.INTERRUPTED, interrupted.outcome());
        assertEquals(T.plusSeconds(14), interrupted.endedAt());
        CallRecord answered = restarted.find("talking").orElseThrow();
        assertEquals(CallOutcome.ANSWERED, answered.outcome());
        assertEquals(75.0, answered.talkSeconds());
        KpiCounters counted = restarted.counters("support", HOUR, HOUR.plusSeconds(3600));
        assertEquals(2, counted.offered());
        assertEquals(1, counted.answered());
        assertEquals(0, counted.abandoned());
        assertEquals(75.0, counted.talkSecondsTotal());
    }

    @Test
    void aRecordWhoseKpiKeyHasTheWrongTypeIsDeadLetteredAndTheNextOnesAreStored() throws Exception {
        String prefix = PREFIX + UUID.randomUUID() + ":";
        RedisKeys keys = new RedisKeys(prefix);
        CallRecord bad = CallRecordJsonTest.sample("bad", Instant.parse("2026-11-23T11:00:05Z"));
        admin.set(keys.kpi("support", RedisKeys.intervalStart(bad.arrivedAt())), "not a hash");
        RedisCallHistory h = open(realRedis(prefix), dir);
        CallRecord before = CallRecordJsonTest.sample("before", T);
        CallRecord after = CallRecordJsonTest.sample("after", T.plusSeconds(30));
        h.append(before, RULES.contribution(before));
        h.append(bad, RULES.contribution(bad));
        h.append(after, RULES.contribution(after));
        awaitWritten(h);

        assertTrue(h.find("before").isPresent());
        assertTrue(h.find("after").isPresent());
        assertEquals(Optional.empty(), h.find("bad"), "checked before anything was written");
        assertEquals(false, admin.exists(keys.counted("bad")));
        assertEquals(2, h.counters("support", HOUR, HOUR.plusSeconds(900)).offered());
        assertEquals(1, h.deadLetters());
        List<String> dead = Files.readAllLines(dir.resolve(DeadLetters.FILE_NAME));
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).contains("\"callId\":\"bad\"") && dead.get(0).contains("WRONGTYPE key " + prefix + "kpi:"),
                dead.get(0));
    }

    private static Path copyOf(Path journal) throws IOException {
        Path copy = Files.createDirectory(journal.resolve("copy"));
        try (Stream<Path> files = Files.list(journal)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("journal-")).toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.CallRecord.TimelineEntry;
import org.hotline.metrics.KpiCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** The journal on a temporary directory, with a recording stand-in for Redis. */
class JournalTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final KpiCounters ANSWERED = new KpiCounters(1, 1, 0, 1, 0, 20.0, 180.0, 1, 1, 1, 0, 0, 0);
    static final KpiCounters OFFERED = new KpiCounters(1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0);
    /** Stands in for the KPI rules: answered calls count as answered, everything else as offered. */
    static final Function<CallRecord, KpiCounters> RULES = r -> r.answeredByAgent() ? ANSWERED : OFFERED;

    @TempDir
    Path dir;
    private final List<RedisCallHistory> open = new ArrayList<>();

    /** Redis as far as the writer sees it: stores in order, can be away, can refuse a call. */
    static final class FakeRedis implements RedisWriter.Target {
        final List<JournalEntry> stored = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean away;
        volatile Predicate<JournalEntry> refuses = e -> false;

        @Override
        public void write(JournalEntry entry) {
            if (away) {
                throw new JedisConnectionException("Failed to connect (Connection refused)");
            }
            if (refuses.test(entry)) {
                throw new JedisDataException("WRONGTYPE key hotline:kpi:support:20261123T1000 holds a string, not a hash");
            }
            stored.add(entry);
        }

        List<String> ids() {
            synchronized (stored) {
                return stored.stream().map(JournalEntry::callId).toList();
            }
        }
    }

    @AfterEach
    void closeAll() {
        open.forEach(RedisCallHistory::close);
    }

    private RedisCallHistory open(JournalOptions journal, FakeRedis redis) {
        RedisCallHistory h = RedisCallHistory.open(RedisOptions.builder()
                        .retryInitialDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(20))
                        .drainTimeout(Duration.ZERO).build(),
                journal, RULES, Clock.systemUTC(), redis);
        open.add(h);
        return h;
    }

    private JournalOptions journal() {
        return JournalOptions.builder().directory(dir).groupCommit(Duration.ofMillis(2)).build();
    }

    /** Closes as a crash would leave things for the journal: Redis gets nothing more, nothing is drained. */
    private void stop(RedisCallHistory h, FakeRedis redis) {
        redis.away = true;
        open.remove(h);
        h.close();
    }

    private static void await(CompletableFuture<?>... futures) throws Exception {
        CompletableFuture.allOf(futures).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitStored(FakeRedis redis, int count) {
        Poll.until(WAIT, () -> redis.stored.size() >= count, () -> "stored " + redis.ids());
    }

    static CallRecord live(String id, Instant arrived, boolean agentAnswered) {
        List<TimelineEntry> timeline = new ArrayList<>(List.of(new TimelineEntry(arrived, "arrived", "+15551230001"),
                new TimelineEntry(arrived.plusSeconds(2), "system-answered", "0.33 rings"),
                new TimelineEntry(arrived.plusSeconds(14), "agent-ringing", "1001")));
        List<AgentAttempt> attempts = List.of();
        if (agentAnswered) {
            timeline.add(new TimelineEntry(arrived.plusSeconds(20), "agent-answered", "1001"));
            timeline.add(new TimelineEntry(arrived.plusSeconds(95), "note", "customer identified"));
            attempts = List.of(new AgentAttempt("1001", arrived.plusSeconds(14), 6.0, 1.0, AgentAttempt.Result.ANSWERED));
        }
        return new CallRecord(id, "+15551230001", "support", arrived, arrived.plusSeconds(2), 0.33,
                agentAnswered ? "1001" : null, agentAnswered ? arrived.plusSeconds(20) : null, 0, false,
                CallOutcome.LIVE, attempts, null, 0, timeline);
    }

    private static List<String> segmentLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return lines;
    }

    @Test
    void appendsWithinTheWindowShareOneWriteAndTheirFuturesCompleteOnceOnDisk() throws Exception {
        FakeRedis redis = new FakeRedis();
        RedisCallHistory h = open(journal().toBuilder().groupCommit(Duration.ofMillis(300)).build(), redis);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("c" + i);
            done.add(h.append(CallRecordJsonTest.sample("c" + i, T.plusSeconds(i)), ANSWERED));
        }
        await(done.toArray(CompletableFuture[]::new));
        assertTrue(h.journalFiles().batchesWritten() <= 3, h.journalFiles().batchesWritten() + " batches");
        assertEquals(200, segmentLines(dir).size());
        awaitStored(redis, 200);
        assertEquals(ids, redis.ids());
        Poll.until(WAIT, () -> h.pendingWrites() == 0, () -> h.pendingWrites() + " pending");
    }

    @Test
    void whatRedisDidNotHaveIsReplayedAtStartInJournalOrderBeforeNewRecords() throws Exception {
        FakeRedis away = new FakeRedis();
        away.away = true;
        RedisCallHistory first = open(journal(), away);
        await(first.append(CallRecordJsonTest.sample("a", T), ANSWERED),
                first.append(CallRecordJsonTest.sample("b", T.plusSeconds(1)), ANSWERED),
                first.amend(CallRecordJsonTest.sample("a", T).withWrapUpSeconds(6.5), KpiCounters.wrapUp(6.5), "wrap-up"),
                first.append(CallRecordJsonTest.sample("c", T.plusSeconds(2)), ANSWERED));
        assertEquals(4, first.pendingWrites());
        stop(first, away);

        FakeRedis redis = new FakeRedis();
        RedisCallHistory second = open(journal(), redis);
        second.append(CallRecordJsonTest.sample("d", T.plusSeconds(3)), ANSWERED);
        awaitStored(redis, 5);
        assertEquals(List.of("a", "b", "a", "c", "d"), redis.ids());
        assertEquals(JournalEntry.Kind.AMEND, redis.stored.get(2).kind());
        assertEquals("wrap-up", redis.stored.get(2).part());
        Poll.until(WAIT, () -> second.pendingWrites() == 0, () -> second.pendingWrites() + " pending");
    }

    @Test
    void aLineCutShortByACrashIsCutOffWithAWarningAndTheJournalGoesOn() throws Exception {
        FakeRedis away = new FakeRedis();
        away.away = true;
        RedisCallHistory first = open(journal(), away);
        await(first.append(CallRecordJsonTest.sample("a", T), ANSWERED),
                first.append(CallRecordJsonTest.sample("b", T.plusSeconds(1)), ANSWERED));
        stop(first, away);
        Path segment = dir.resolve("journal-000001.log");
        Files.writeString(segment, "{\"seq\":3,\"kind\":\"final\",\"callId\":\"torn\",\"rec", StandardOpenOption.APPEND);

        FakeRedis redis = new FakeRedis();
        RedisCallHistory second = open(journal(), redis);
        await(second.append(CallRecordJsonTest.sample("c", T.plusSeconds(2)), ANSWERED));
        awaitStored(redis, 3);
        assertEquals(List.of("a", "b", "c"), redis.ids());
        JournalLine codec = new JournalLine();
        for (String line : segmentLines(dir)) {
            codec.decode(line); // every line whole again
        }
    }

    @Test
    void segmentsAreDeletedOnceRedisHasThemAndALiveCallsSnapshotIsCarriedForward() throws Exception {
        FakeRedis redis = new FakeRedis();
        JournalOptions small = journal().toBuilder().segmentBytes(4096).build();
        RedisCallHistory first = open(small, redis);
        await(first.progress(live("long-call", T, false)));
        for (int i = 0; i < 40; i++) {
            await(first.append(CallRecordJsonTest.sample("c" + i, T.plusSeconds(i)), ANSWERED));
        }
        awaitStored(redis, 40);
        Poll.until(WAIT, () -> first.journalFiles().segmentCount() <= 2,
                () -> first.journalFiles().segmentCount() + " segments");
        assertFalse(Files.exists(dir.resolve("journal-000001.log")), "the first segment is deleted");
        stop(first, redis);

        FakeRedis after = new FakeRedis();
        open(small, after);
        awaitStored(after, 1);
        assertEquals("long-call", after.stored.get(0).callId());
        assertEquals(CallOutcome.INTERRUPTED, after.stored.get(0).record().outcome());
    }

    @Test
    void beyondTheBoundRecordsWaitInTheJournalOnlyAndAreReadBackInOrder() throws Exception {
        FakeRedis redis = new FakeRedis();
        redis.away = true;
        RedisCallHistory h = open(journal().toBuilder().maxPendingRecords(5).build(), redis);
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add("c" + i);
            done.add(h.append(CallRecordJsonTest.sample("c" + i, T.plusSeconds(i)), ANSWERED));
            if (i == 20) {
                done.add(h.progress(live("x", T, false))); // never sent to Redis, passed over when reading back
            }
        }
        await(done.toArray(CompletableFuture[]::new));
        assertEquals(50, h.pendingWrites());
        assertTrue(h.heldInMemory() <= 5, h.heldInMemory() + " held");
        assertTrue(h.backlogOverflowing());
        assertTrue(h.healthDetail().contains("backlog beyond 5 records"), h.healthDetail());

        redis.away = false;
        awaitStored(redis, 50);
        assertEquals(ids, redis.ids());
        Poll.until(WAIT, () -> h.pendingWrites() == 0 && !h.backlogOverflowing(), h::healthDetail);
    }

    @Test
    void aRecordRedisRefusesIsDeadLetteredAndTheNextOnesGoOn() throws Exception {
        FakeRedis redis = new FakeRedis();
        redis.refuses = e -> e.callId().equals("bad");
        RedisCallHistory h = open(journal(), redis);
        h.append(CallRecordJsonTest.sample("good1", T), ANSWERED);
        h.append(CallRecordJsonTest.sample("bad", T.plusSeconds(1)), ANSWERED);
        h.append(CallRecordJsonTest.sample("good2", T.plusSeconds(2)), ANSWERED);
        awaitStored(redis, 2);
        Poll.until(WAIT, () -> h.pendingWrites() == 0, h::healthDetail);
        assertEquals(List.of("good1", "good2"), redis.ids());
        assertEquals(1, h.deadLetters());
        List<String> dead = Files.readAllLines(dir.resolve(DeadLetters.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).contains("\"callId\":\"bad\"") && dead.get(0).contains("WRONGTYPE"), dead.get(0));
        assertTrue(h.healthDetail().contains("1 refused records in"), h.healthDetail());
        stop(h, redis);

        FakeRedis again = new FakeRedis();
        RedisCallHistory reopened = open(journal(), again);
        assertEquals(1, reopened.deadLetters());
        reopened.append(CallRecordJsonTest.sample("next", T.plusSeconds(3)), ANSWERED);
        awaitStored(again, 1);
        Poll.until(WAIT, () -> reopened.pendingWrites() == 0, reopened::healthDetail);
        assertEquals(List.of("next"), again.ids(), "the dead letter is not replayed");
    }

    @Test
    void callsThatWereLiveAreStoredAtStartAsInterruptedOrAnswered() throws Exception {
        FakeRedis redis = new FakeRedis();
        RedisCallHistory first = open(journal(), redis);
        CallRecord waiting = live("waiting", T, false);
        CallRecord talking = live("talking", T.plusSeconds(1), true);
        CallRecord finished = live("finished", T.plusSeconds(2), false);
        await(first.progress(waiting), first.progress(talking), first.progress(finished));
        await(first.append(CallRecordJsonTest.sample("finished", T.plusSeconds(2)), ANSWERED));
        await(first.progress(finished)); // a late progress report after the final record: dropped
        awaitStored(redis, 1);
        stop(first, redis);

        FakeRedis after = new FakeRedis();
        open(journal(), after);
        awaitStored(after, 2);
        assertEquals(List.of("waiting", "talking"), after.ids());
        CallRecord interrupted = after.stored.get(0).record();
        assertEquals(CallOutcome.INTERRUPTED, interrupted.outcome());
        assertEquals(T.plusSeconds(14), interrupted.endedAt());
        assertEquals(14.0, interrupted.waitSeconds());
        assertEquals(OFFERED, after.stored.get(0).contribution());
        assertEquals(JournalReplay.END_NOT_OBSERVED, interrupted.timeline().get(interrupted.timeline().size() - 2).event());
        CallRecord answered = after.stored.get(1).record();
        assertEquals(CallOutcome.ANSWERED, answered.outcome());
        assertEquals(T.plusSeconds(1 + 95), answered.endedAt());
        assertEquals(75.0, answered.talkSeconds());
        assertEquals(20.0, answered.waitSeconds());
        assertEquals(ANSWERED, after.stored.get(1).contribution());
    }

    @Test
    void aCopyOfTheDirectoryTakenWhileRunningReplaysLikeAKillNine() throws Exception {
        FakeRedis away = new FakeRedis();
        away.away = true;
        RedisCallHistory h = open(journal(), away);
        await(h.append(CallRecordJsonTest.sample("a", T), ANSWERED), h.progress(live("b", T, true)),
                h.append(CallRecordJsonTest.sample("c", T.plusSeconds(5)), ANSWERED));
        Path crashed = Files.createDirectory(dir.resolve("crashed"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("journal-")).toList()) {
                Files.copy(p, crashed.resolve(p.getFileName()));
            }
        }
        FakeRedis redis = new FakeRedis();
        open(journal().toBuilder().directory(crashed).build(), redis);
        awaitStored(redis, 3);
        assertEquals(List.of("a", "c", "b"), redis.ids());
    }

    @Test
    void aJournalThatCannotBeOpenedIsReportedAndRecordsStillReachRedis() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        FakeRedis redis = new FakeRedis();
        RedisCallHistory h = open(journal().toBuilder().directory(notADirectory).build(), redis);
        CompletableFuture<Void> done = h.append(CallRecordJsonTest.sample("a", T), ANSWERED);
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("not journaled"), e.getCause().toString());
        awaitStored(redis, 1);
        Optional<String> problem = h.journalProblem();
        assertTrue(problem.isPresent() && problem.get().contains("unavailable"), problem.toString());
        assertTrue(h.healthDetail().contains("unavailable"), h.healthDetail());
    }

    @Test
    void twoHistoriesCannotShareOneJournal() {
        FakeRedis redis = new FakeRedis();
        RedisCallHistory first = open(journal(), redis);
        assertTrue(first.journalProblem().isEmpty());
        RedisCallHistory second = open(journal(), redis);
        assertTrue(second.journalProblem().orElse("").contains("in use by another Hotline"), second.journalProblem().toString());
        assertNull(second.journalFiles());
    }
}

package org.hotline.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.metrics.FirstContactRule;
import org.hotline.metrics.KpiCounters;
import org.hotline.metrics.KpiRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link CallHistory} in Redis; the keys are listed on {@link RedisKeys}.
 *
 * <p>Writes: {@link #append}, {@link #amend} and {@link #progress} check the record on the
 * caller's thread and queue it for the {@link CallJournal}, which writes it to the local journal
 * (group commit, one fsync per batch) and completes the returned future; the journaled records then
 * go to the single {@link RedisWriter} thread, which stores record, index entry and KPI counters
 * atomically with {@link AppendScript}, retries with backoff while Redis is away, moves a record
 * Redis refuses to the dead-letter file, and confirms what it stored so that the journal can
 * delete it. A call is counted once however often its write is retried or replayed. Opening with
 * a journal replays what Redis had not confirmed and completes the calls that were live (see
 * {@link JournalReplay}); nothing relies on {@link #close()} having run.
 *
 * <p>Opened without a journal ({@link #open(RedisOptions)}, for tests and tools) records wait in
 * memory only: a crash loses what Redis has not stored yet.
 *
 * <p>Reads go straight to Redis on the calling thread (callers keep them off event loops). When
 * Redis is unreachable they throw {@link UncheckedIOException} naming the address; a read on a
 * connection that broke since its last use (Redis restarted) is retried once.
 *
 * <p>Starting while Redis is down is fine: nothing connects until the first command.
 */
public final class RedisCallHistory implements CallHistory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCallHistory.class);

    private final RedisOptions options;
    private final JournalOptions journalOptions;
    private final RedisKeys keys;
    private final JournalLine codec = new JournalLine();
    private final JedisPooled jedis;
    private final JournalFiles files;
    private final String journalUnavailable;
    private final DeadLetters deadLetters;
    private final CallJournal journal;
    private final RedisWriter writer;
    private final RedisCallReader reader;
    private final AtomicInteger journalingForRedis = new AtomicInteger();
    private final FirstContactRule firstContact;

    private RedisCallHistory(RedisOptions options, JournalOptions journalOptions, Clock clock,
                             RedisWriter.Target target, FirstContactRule firstContact) {
        this.options = Objects.requireNonNull(options, "options");
        this.firstContact = firstContact;
        this.journalOptions = journalOptions;
        Objects.requireNonNull(clock, "clock");
        this.keys = new RedisKeys(options.keyPrefix());
        this.jedis = new JedisPooled(new HostAndPort(options.host(), options.port()), clientConfig(options),
                poolConfig(options));
        JournalFiles opened = null;
        String problem = null;
        if (journalOptions != null) {
            try {
                opened = JournalFiles.open(journalOptions.directory(), journalOptions.segmentBytes(), codec);
            } catch (IOException | RuntimeException e) {
                problem = e.toString();
                LOG.error("journal in {} cannot be opened ({}); call records wait for Redis in memory only, a crash "
                        + "loses them", journalOptions.directory(), problem, e);
            }
        }
        this.files = opened;
        this.journalUnavailable = problem;
        this.deadLetters = new DeadLetters(opened == null ? null : opened.directory(), codec, clock);
        this.journal = new CallJournal(opened, journalOptions != null,
                journalOptions == null ? Duration.ZERO : journalOptions.groupCommit(), this::handOver, clock);
        JournalFiles journalFiles = opened;
        this.reader = new RedisCallReader(jedis, keys, options);
        this.writer = new RedisWriter(options.address(), target == null ? this::store : target,
                new RetryBackoff(options.retryInitialDelay(), options.retryMaxDelay()), options.drainTimeout(), clock,
                journalOptions == null ? JournalOptions.DEFAULT_MAX_PENDING_RECORDS : journalOptions.maxPendingRecords(),
                journalFiles == null ? null : journalFiles::read, opened == null ? null : opened.directory(), deadLetters,
                journal::confirmed);
    }

    /**
     * Without a journal: records wait for Redis in memory only (tests, tools). Starts the writer.
     */
    public static RedisCallHistory open(RedisOptions options) {
        return open(options, Clock.systemUTC());
    }

    /** As {@link #open(RedisOptions)}; {@code clock} decides when index entries expire. */
    public static RedisCallHistory open(RedisOptions options, Clock clock) {
        return open(options, clock, null);
    }

    /**
     * As {@link #open(RedisOptions, Clock)}, matching each stored call's repeats by
     * {@code firstContact} (null: first-contact resolution is not counted).
     */
    public static RedisCallHistory open(RedisOptions options, Clock clock, FirstContactRule firstContact) {
        RedisCallHistory history = new RedisCallHistory(options, null, clock, null, firstContact);
        history.journal.start();
        history.writer.start();
        LOG.info("call history in Redis at {} (prefix '{}'), without a journal", options.address(), options.keyPrefix());
        return history;
    }

    /**
     * The production history: everything accepted is journaled in {@code journal.directory()}
     * first. Replays into Redis what the journal holds and Redis has not confirmed, and stores the
     * calls that were live when Hotline stopped, with {@code contribution} (the KPI rules) giving
     * their counters. A journal that cannot be opened (permissions, another Hotline holds it) is
     * logged at ERROR and shown by {@link #health()}; the history then runs without it.
     */
    public static RedisCallHistory open(RedisOptions options, JournalOptions journal,
                                        Function<CallRecord, KpiCounters> contribution, Clock clock) {
        return open(options, journal, contribution, clock, null, null);
    }

    /**
     * The production history with the KPI rules: their contribution counts each call, and their
     * first-contact rule matches its repeats when it is stored (also when replayed: the matching
     * runs under the same once-per-call guard as the counters).
     */
    public static RedisCallHistory open(RedisOptions options, JournalOptions journal, KpiRules rules, Clock clock) {
        return open(options, journal, rules::contribution, clock, null, rules.firstContact());
    }

    /** As above; {@code target} non-null writes there instead of Redis (tests of the journal). */
    static RedisCallHistory open(RedisOptions options, JournalOptions journal,
                                 Function<CallRecord, KpiCounters> contribution, Clock clock, RedisWriter.Target target) {
        return open(options, journal, contribution, clock, target, null);
    }

    private static RedisCallHistory open(RedisOptions options, JournalOptions journal,
                                         Function<CallRecord, KpiCounters> contribution, Clock clock,
                                         RedisWriter.Target target, FirstContactRule firstContact) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(contribution, "contribution");
        RedisCallHistory history = new RedisCallHistory(options, journal, clock, target, firstContact);
        long replayed = 0;
        int completed = 0;
        if (history.files != null) {
            JournalFiles.Scan scan = history.files.startScan();
            replayed = scan.unconfirmed();
            history.writer.offerOnDisk(scan.confirmedSeq() + 1, scan.lastSeq(), scan.unconfirmed());
            for (JournalFiles.LiveSnapshot live : scan.unresolvedLive().values()) {
                CallRecord finished = JournalReplay.completed(live.entry().record());
                LOG.info("call {} was live when Hotline stopped; stored as {} (ended {})", finished.id(),
                        finished.outcome().wireName(), finished.endedAt());
                history.submit(JournalEntry.Kind.FINAL, finished, contribution.apply(finished), null);
                completed++;
            }
        }
        history.journal.start();
        history.writer.start();
        if (history.files != null) {
            LOG.info("call history in Redis at {} (prefix '{}'), journal in {}: {} records to replay, {} live calls "
                    + "completed", options.address(), options.keyPrefix(), journal.directory(), replayed, completed);
        } else {
            LOG.error("call history in Redis at {} (prefix '{}') WITHOUT its journal ({})", options.address(),
                    options.keyPrefix(), history.journalProblem().orElse("unavailable"));
        }
        return history;
    }

    public RedisOptions options() {
        return options;
    }

    public RedisKeys keys() {
        return keys;
    }

    /**
     * Accepts the record for writing and returns at once; the future completes once it is journaled.
     *
     * @throws IllegalArgumentException when the contribution holds NaN or infinite seconds
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public CompletableFuture<Void> append(CallRecord record, KpiCounters contribution) {
        Objects.requireNonNull(record, "record");
        KpiHash.increments(Objects.requireNonNull(contribution, "contribution"));
        return submit(JournalEntry.Kind.FINAL, record, contribution, null);
    }

    @Override
    public CompletableFuture<Void> amend(CallRecord record, KpiCounters extra, String part) {
        Objects.requireNonNull(record, "record");
        KpiHash.increments(Objects.requireNonNull(extra, "extra"));
        return submit(JournalEntry.Kind.AMEND, record, extra, Objects.requireNonNull(part, "part"));
    }

    /** Journals the live call's snapshot (never sent to Redis); without a journal, does nothing. */
    @Override
    public CompletableFuture<Void> progress(CallRecord liveSnapshot) {
        Objects.requireNonNull(liveSnapshot, "liveSnapshot");
        if (files == null) {
            return CompletableFuture.completedFuture(null);
        }
        return journal.submit(JournalEntry.Kind.LIVE, liveSnapshot, KpiCounters.ZERO, null);
    }

    private CompletableFuture<Void> submit(JournalEntry.Kind kind, CallRecord record, KpiCounters contribution,
                                           String part) {
        journalingForRedis.incrementAndGet();
        try {
            return journal.submit(kind, record, contribution, part);
        } catch (RuntimeException e) {
            journalingForRedis.decrementAndGet();
            throw e;
        }
    }

    /** The journal's sink: a journaled entry goes to the Redis writer. */
    private void handOver(JournalEntry entry, boolean durable) {
        writer.offer(entry, durable);
        journalingForRedis.decrementAndGet();
    }

    /** The Redis writer's target: one journaled entry, as one run of {@link AppendScript}. */
    private void store(JournalEntry entry) {
        CallRecord record = entry.record();
        boolean amendment = entry.kind() == JournalEntry.Kind.AMEND;
        String guard = amendment ? keys.counted(record.id() + ":" + entry.part()) : keys.counted(record.id());
        AppendScript.run(jedis, AppendScript.prepare(keys, options, record, json(record), entry.contribution(),
                entry.at(), guard, amendment ? null : firstContact));
    }

    /** The record's JSON: the journal's, made as it wrote the entry, or made now. */
    private String json(CallRecord record) {
        return codec.recordJson(Objects.requireNonNull(record, "record"));
    }

    @Override
    public List<CallRecord> since(Instant from, int max) {
        return reader.since(from, max);
    }

    @Override
    public List<CallRecord> recent(int limit) {
        return reader.recent(limit);
    }

    @Override
    public Optional<CallRecord> find(String id) {
        return reader.find(id);
    }

    @Override
    public KpiCounters counters(String queue, Instant from, Instant to) {
        return reader.counters(queue, from, to);
    }

    @Override
    public java.util.SortedMap<Instant, KpiCounters> intervals(String queue, Instant from, Instant to) {
        return reader.intervals(queue, from, to);
    }

    /** Write attempts that failed since start, retries included. */
    public long writeFailures() {
        return writer.failures();
    }

    /**
     * Accepted records and amendments not yet stored in Redis: being journaled, held in memory,
     * and waiting in the journal only (beyond {@code maxPendingRecords}). A gauge.
     */
    public int pendingWrites() {
        return (int) Math.min(Integer.MAX_VALUE, writer.pending() + journalingForRedis.get());
    }

    /** Records Redis refused that wait in the dead-letter file for an operator. A gauge. */
    public long deadLetters() {
        return deadLetters.count();
    }

    /** True while more than {@code maxPendingRecords} records wait for Redis (the ALERT was logged). */
    public boolean backlogOverflowing() {
        return writer.overflowing();
    }

    /** Why the journal does not keep records (cannot be opened, cannot write), or empty while it does. */
    public Optional<String> journalProblem() {
        if (journalOptions == null) {
            return Optional.empty();
        }
        if (journalUnavailable != null) {
            return Optional.of("journal in " + journalOptions.directory() + " unavailable (" + journalUnavailable + ")");
        }
        return Optional.ofNullable(journal.failure());
    }

    /** The opened journal, or null (tests). */
    JournalFiles journalFiles() {
        return files;
    }

    /** Entries held in memory for Redis (tests of the bound). */
    int heldInMemory() {
        return writer.heldInMemory();
    }

    /** Asks Redis now (PING, bounded by the timeouts); false when it does not answer PONG. */
    public boolean isConnected() {
        try {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    /** What {@code /healthz} shows for Redis: up, and one line of detail. */
    public record Health(boolean up, String detail) {
    }

    /**
     * Up when Redis answers PING, the writer's last attempt succeeded and the journal (if any)
     * writes. Detail e.g. {@code connected to 127.0.0.1:6379, 0 writes pending, journal in
     * /var/lib/hotline/journal} or {@code writes to 127.0.0.1:6379 failing since
     * 2026-11-23T10:00:01Z (JedisConnectionException: ...), 12 writes pending, journal in ...};
     * dead letters, an overflowing backlog and a failing journal are added to it.
     */
    public Health health() {
        Instant since = writer.failingSince();
        String pending = pendingWrites() + " writes pending" + journalDetail();
        Optional<String> journalProblem = journalProblem();
        if (since != null) {
            return new Health(false, "writes to " + options.address() + " failing since " + since + " ("
                    + writer.lastFailure() + "), " + pending);
        }
        boolean connected = isConnected();
        return new Health(connected && journalProblem.isEmpty(),
                (connected ? "connected to " : "not reachable at ") + options.address() + ", " + pending);
    }

    private String journalDetail() {
        if (journalOptions == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        journalProblem().ifPresentOrElse(p -> text.append(", ").append(p),
                () -> text.append(", journal in ").append(journalOptions.directory()));
        if (writer.overflowing()) {
            text.append(", backlog beyond ").append(journalOptions.maxPendingRecords()).append(" records");
        }
        long dead = deadLetters.count();
        if (dead > 0) {
            text.append(", ").append(dead).append(" refused records in ").append(deadLetters.file());
        }
        return text.toString();
    }

    /** {@link #health()}'s detail line. */
    public String healthDetail() {
        return health().detail();
    }

    /**
     * Stops accepting, journals what was accepted, keeps writing to Redis for up to the drain
     * timeout, then closes the journal and the connections. What Redis has not taken stays in
     * the journal for the next start.
     */
    @Override
    public void close() {
        journal.close();
        writer.close();
        journal.closeFiles();
        jedis.close();
    }

    private static DefaultJedisClientConfig clientConfig(RedisOptions o) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) o.connectTimeout().toMillis())
                .socketTimeoutMillis((int) o.socketTimeout().toMillis())
                .password(o.password())
                .database(o.database())
                .clientName("hotline")
                .build();
    }

    private static ConnectionPoolConfig poolConfig(RedisOptions o) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(16);
        pool.setMaxIdle(8);
        pool.setMinIdle(0);
        // Never wait forever for a pooled connection (the pool's default).
        pool.setMaxWait(o.connectTimeout().plus(o.socketTimeout()));
        pool.setBlockWhenExhausted(true);
        return pool;
    }
}

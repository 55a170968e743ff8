package org.hotline.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiCounters;
import org.hotline.redis.JournalFiles.LiveSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only journal that every record (and each live call's progress) reaches before
 * it counts as accepted. Callers {@link #submit} and return at once; the journal's own thread
 * gathers what arrives within the group-commit window, gives each entry its seq, writes the batch
 * to the current segment with one write and one fsync ({@link JournalFiles#append}), then hands
 * the entries for Redis to the {@link Sink} in seq order and completes the callers' futures.
 *
 * <p>Live snapshots: the journal keeps the latest snapshot of every call that has no final record
 * yet, and which segment holds it. A final record resolves the call; a snapshot arriving after its
 * call's final record (a late progress report) is dropped, for the 10,000 calls finished last.
 *
 * <p>Trimming, on the journal thread: the oldest segment is deleted once every entry for Redis in
 * it is confirmed ({@link #confirmed}) and it is not the one being written. Latest snapshots of
 * calls still live that it holds are first written again at the end of the journal, so a long
 * call never keeps an old segment alive. A checkpoint of the confirmed seq is written at most once
 * a second.
 *
 * <p>When the journal cannot write (disk full, permissions, no directory at all), the entries still
 * go to the sink, marked not durable so they are held in memory, the futures complete
 * exceptionally, and {@link #failure()} says so; one ERROR line when it starts, one INFO line when
 * writes succeed again.
 */
final class CallJournal implements AutoCloseable {

    /** Receives journaled entries for Redis in seq order; {@code durable} false: only in memory. */
    @FunctionalInterface
    interface Sink {
        void accept(JournalEntry entry, boolean durable);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);
    private static final int MAX_BATCH = 4096;
    private static final int RECENTLY_FINISHED = 10_000;
    private static final long HOUSEKEEPING_MS = 200;
    private static final long CHECKPOINT_EVERY_MS = 1000;

    private record Request(JournalEntry entry, CompletableFuture<Void> done) {
    }

    private final JournalFiles files;
    private final boolean journalWanted;
    private final long groupCommitNanos;
    private final Sink sink;
    private final Clock clock;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicLong confirmedSeq = new AtomicLong();
    private final Thread thread;
    /** Written by the journal thread only; concurrent for {@link #liveCalls()}. */
    private final Map<String, LiveSnapshot> unresolved;
    private final LinkedHashMap<String, Boolean> recentlyFinished = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_FINISHED;
        }
    };
    private long nextSeq;
    private long checkpointedSeq;
    private long lastHousekeeping;
    private long lastCheckpoint;

    private volatile boolean closing;
    private volatile Instant failingSince;
    private volatile String failure;

    /**
     * @param files         the opened journal, or null to run without one (every entry is then
     *                      handed over not durable)
     * @param journalWanted whether a journal was configured: without files, the futures then
     *                      complete exceptionally (the entries are not durable); else normally
     * @param groupCommit how long the thread gathers entries before one write and fsync
     */
    CallJournal(JournalFiles files, boolean journalWanted, Duration groupCommit, Sink sink, Clock clock) {
        this.files = files;
        this.journalWanted = journalWanted;
        this.groupCommitNanos = groupCommit.toNanos();
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        JournalFiles.Scan scan = files == null ? null : files.startScan();
        this.nextSeq = scan == null ? 1 : scan.nextSeq();
        this.unresolved = scan == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(scan.unresolvedLive());
        this.confirmedSeq.set(scan == null ? 0 : scan.confirmedSeq());
        this.checkpointedSeq = confirmedSeq.get();
        this.thread = Thread.ofPlatform().name("call-journal").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an entry and returns at once; the future completes on the journal thread once the
     * entry is on disk (exceptionally when it could not be written: it is then handed to Redis
     * from memory only). Callers must not run blocking work on that thread (no {@code join()} in
     * a dependent stage).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    CompletableFuture<Void> submit(JournalEntry.Kind kind, CallRecord record, KpiCounters contribution, String part) {
        if (closing) {
            throw new IllegalStateException("call history is closed; call " + record.id() + " not accepted");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.add(new Request(new JournalEntry(0, kind, record.id(), part, clock.instant(), record, contribution), done));
        return done;
    }

    /** Every entry for Redis up to {@code seq} is stored or dead-lettered (called by the Redis writer). */
    void confirmed(long seq) {
        confirmedSeq.accumulateAndGet(seq, Math::max);
    }

    /** Why the journal cannot write, with since when; null while it writes. */
    String failure() {
        return failure == null ? null : "journal failing since " + failingSince + " (" + failure + ")";
    }

    /** Calls whose latest journaled line is a live snapshot. */
    int liveCalls() {
        return unresolved.size();
    }

    private void run() {
        try {
            while (true) {
                Request first = requests.poll(HOUSEKEEPING_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    housekeeping(closing);
                    if (closing && requests.isEmpty()) {
                        return;
                    }
                    continue;
                }
                List<Request> batch = new ArrayList<>();
                batch.add(first);
                long deadline = System.nanoTime() + groupCommitNanos;
                while (batch.size() < MAX_BATCH) {
                    long wait = deadline - System.nanoTime();
                    if (wait <= 0) {
                        requests.drainTo(batch, MAX_BATCH - batch.size());
                        break;
                    }
                    Request next = requests.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                commit(batch);
                housekeeping(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("journal thread stopped unexpectedly; call records are no longer accepted durably", e);
            failure = "journal thread stopped: " + e;
            failingSince = clock.instant();
        }
    }

    private void commit(List<Request> batch) {
        List<Request> kept = new ArrayList<>(batch.size());
        List<JournalEntry> entries = new ArrayList<>(batch.size());
        for (Request r : batch) {
            JournalEntry e = r.entry();
            if (e.kind() == JournalEntry.Kind.LIVE && recentlyFinished.containsKey(e.callId())) {
                r.done().complete(null); // a progress report that came after the call's final record
                continue;
            }
            kept.add(r);
            entries.add(e.withSeq(nextSeq++));
        }
        if (entries.isEmpty()) {
            return;
        }
        int segment = -1;
        Exception failed = null;
        if (files != null) {
            try {
                segment = files.append(entries);
                writing();
            } catch (IOException | RuntimeException e) {
                failed = e;
                failing(e.toString(), entries.size());
            }
        }
        boolean durable = files != null && failed == null;
        for (JournalEntry e : entries) {
            switch (e.kind()) {
                case FINAL -> {
                    unresolved.remove(e.callId());
                    recentlyFinished.put(e.callId(), Boolean.TRUE);
                }
                case LIVE -> {
                    if (durable) {
                        unresolved.put(e.callId(), new LiveSnapshot(e, segment));
                    }
                }
                case AMEND -> {
                }
            }
            if (e.forRedis()) {
                sink.accept(e, durable);
            }
        }
        if (files == null && journalWanted) {
            failed = new IOException("no journal (it could not be opened at start)");
        }
        for (Request r : kept) {
            if (failed == null) {
                r.done().complete(null);
            } else {
                r.done().completeExceptionally(new UncheckedIOException(new IOException("call "
                        + r.entry().callId() + " not journaled; it is written to Redis from memory only", failed)));
            }
        }
    }

    private void writing() {
        if (failure != null) {
            LOG.info("journal in {} writing again after failing since {}", files.directory(), failingSince);
            failure = null;
            failingSince = null;
        }
    }

    private void failing(String reason, int entries) {
        if (failure == null) {
            failingSince = clock.instant();
            LOG.error("journal in {} cannot write ({}): {} entries and those after them go to Redis from memory only "
                    + "until it can; a crash now loses them", files.directory(), reason, entries);
        } else {
            LOG.debug("journal still cannot write ({}); {} entries held in memory only", reason, entries);
        }
        failure = reason;
    }

    /** Deletes what Redis has, writes the checkpoint; at most every 200 ms unless {@code now}. */
    private void housekeeping(boolean now) {
        long t = System.nanoTime();
        if (files == null || (!now && t - lastHousekeeping < TimeUnit.MILLISECONDS.toNanos(HOUSEKEEPING_MS))) {
            return;
        }
        lastHousekeeping = t;
        try {
            trim();
            long confirmed = confirmedSeq.get();
            if (confirmed > checkpointedSeq
                    && (now || t - lastCheckpoint >= TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_EVERY_MS))) {
                files.writeCheckpoint(confirmed, nextSeq);
                checkpointedSeq = confirmed;
                lastCheckpoint = t;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("journal housekeeping in {} failed: {}", files.directory(), e.toString());
        }
    }

    private void trim() throws IOException {
        JournalFiles.Segment oldest;
        while ((oldest = files.oldestClosed()) != null && oldest.lastRedisSeq <= confirmedSeq.get()) {
            int number = oldest.number;
            List<JournalEntry> carried = new ArrayList<>();
            for (LiveSnapshot s : unresolved.values()) {
                if (s.segment() == number) {
                    carried.add(s.entry().withSeq(nextSeq++));
                }
            }
            if (!carried.isEmpty()) {
                int segment = files.append(carried);
                for (JournalEntry e : carried) {
                    unresolved.put(e.callId(), new LiveSnapshot(e, segment));
                }
                LOG.debug("journal: {} live snapshots carried forward out of segment {}", carried.size(), number);
            }
            files.deleteOldest(oldest);
        }
    }

    /**
     * Stops accepting and writes what was submitted (the sink receives it); the files stay open
     * for the Redis writer until {@link #closeFiles()}.
     */
    @Override
    public void close() {
        closing = true;
        if (thread.isAlive()) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            List<Request> left = new ArrayList<>();
            requests.drainTo(left);
            if (!left.isEmpty()) {
                commit(left);
            }
        }
    }

    /** After the Redis writer stopped: trims, writes the last checkpoint and releases the directory. */
    void closeFiles() {
        if (files != null) {
            housekeeping(true);
            files.close();
        }
    }
}

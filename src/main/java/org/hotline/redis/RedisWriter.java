package org.hotline.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one thread that writes journaled entries to Redis, in journal order, and its policy:
 * <ul>
 *   <li>Redis away (connection refused or broken, timeouts) or busy with itself (LOADING, BUSY,
 *       MASTERDOWN, TRYAGAIN, CLUSTERDOWN, an authentication or ACL refusal: nothing the record
 *       can change): the entry is retried, head of line, after a {@link RetryBackoff} delay.</li>
 *   <li>Redis refuses this record (any other error reply: WRONGTYPE, OOM, READONLY, a value it
 *       rejects) or the record cannot be prepared: it moves to {@link DeadLetters} and the next
 *       one is written. Retrying would block every later call for good.</li>
 * </ul>
 * Memory is bounded: at most {@code maxHeld} entries wait in memory; beyond, the queue keeps only
 * a seq range whose entries are read back from the journal as Redis catches up ({@link
 * JournalFiles#read}). Crossing the bound logs one ALERT line and sets {@link #overflowing()}.
 * Entries the journal could not write are held in memory whatever the bound (they exist nowhere
 * else). After each stored or dead-lettered entry {@code confirmed} receives its seq: entries are
 * handled in seq order, so every entry up to it is done.
 *
 * <p>Logging: one WARN line when writes start failing, one INFO line when they succeed again,
 * DEBUG for each retry in between, so a Redis restart costs two lines, not one per retry.
 *
 * <p>One class, a little over 400 lines, because its retry loop, its bounded backlog read back
 * from the journal and its dead-lettering all act on the same in-flight entry and queue.
 */
final class RedisWriter implements AutoCloseable {

    /** Performs one write; throws when Redis is away or refuses it. */
    @FunctionalInterface
    interface Target {
        void write(JournalEntry entry);
    }

    /** Reads entries for Redis with seq in [from, to] back from the journal, at most {@code max}. */
    @FunctionalInterface
    interface DiskReader {
        List<JournalEntry> read(long from, long to, int max) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    private static final long IDLE_WAIT_MS = 250;
    private static final int DISK_BATCH = 500;

    private sealed interface Item permits Held, OnDisk {
    }

    private record Held(JournalEntry entry, boolean durable) implements Item {
    }

    /** Entries for Redis with seq in [from, to] that are in the journal only; {@code count} of them. */
    private static final class OnDisk implements Item {
        long from;
        long to;
        long count;

        OnDisk(long from, long to, long count) {
            this.from = from;
            this.to = to;
            this.count = count;
        }
    }

    private final String address;
    private final Target target;
    private final RetryBackoff backoff;
    private final Duration drainTimeout;
    private final Clock clock;
    private final int maxHeld;
    private final DiskReader disk;
    private final Path journalDirectory;
    private final DeadLetters deadLetters;
    private final LongConsumer confirmed;
    private final Object lock = new Object();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final AtomicLong failures = new AtomicLong();
    private final CountDownLatch stopNow = new CountDownLatch(1);
    private final Thread thread;
    private int held;
    private long onDisk;
    private boolean overflowing;

    private volatile boolean closing;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    /** {@code disk} null: no journal to read back from, every entry is held in memory. */
    RedisWriter(String address, Target target, RetryBackoff backoff, Duration drainTimeout, Clock clock, int maxHeld,
                DiskReader disk, Path journalDirectory, DeadLetters deadLetters, LongConsumer confirmed) {
        this.address = address;
        this.target = target;
        this.backoff = backoff;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        this.maxHeld = maxHeld;
        this.disk = disk;
        this.journalDirectory = journalDirectory;
        this.deadLetters = deadLetters;
        this.confirmed = confirmed;
        // Daemon so a test or tool that forgets close() still exits; nothing depends on close()
        // running: what is not in Redis yet is in the journal.
        this.thread = Thread.ofPlatform().name("redis-writer").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an entry for Redis in seq order. {@code durable}: it is in the journal, so beyond the
     * bound only its seq is kept; otherwise it is held in memory whatever the bound.
     */
    void offer(JournalEntry entry, boolean durable) {
        synchronized (lock) {
            if (durable && disk != null && held >= maxHeld) {
                if (queue.peekLast() instanceof OnDisk tail) {
                    tail.to = entry.seq();
                    tail.count++;
                } else {
                    queue.addLast(new OnDisk(entry.seq(), entry.seq(), 1));
                }
                onDisk++;
            } else {
                queue.addLast(new Held(entry, durable));
                held++;
            }
            if (!overflowing && held + onDisk > maxHeld) {
                overflowing = true;
                LOG.warn("ALERT redis-backlog: more than {} call records wait for Redis at {} ({}); {}", maxHeld,
                        address, lastFailure == null ? "writes are slow" : lastFailure,
                        disk == null ? "all are held in memory (no journal)"
                                : "the rest wait in the journal only and are read back as Redis catches up");
            }
            lock.notifyAll();
        }
    }

    /** Queues the entries for Redis in the journal with seq in [from, to] (the replay at start). */
    void offerOnDisk(long from, long to, long count) {
        if (count <= 0 || disk == null) {
            return;
        }
        synchronized (lock) {
            queue.addLast(new OnDisk(from, to, count));
            onDisk += count;
            lock.notifyAll();
        }
    }

    /** Entries not yet in Redis: held in memory plus waiting in the journal only. */
    long pending() {
        synchronized (lock) {
            return held + onDisk;
        }
    }

    /** Entries held in memory (at most the bound, unless the journal could not write them). */
    int heldInMemory() {
        synchronized (lock) {
            return held;
        }
    }

    /** True from crossing the in-memory bound until the backlog fell to half of it. */
    boolean overflowing() {
        synchronized (lock) {
            return overflowing;
        }
    }

    long deadLetters() {
        return deadLetters.count();
    }

    /** Write attempts that failed since start (each retry counts). */
    long failures() {
        return failures.get();
    }

    /** When writes started failing, or null while they succeed. */
    Instant failingSince() {
        return failingSince;
    }

    /** Why the last write failed, or null while writes succeed. */
    String lastFailure() {
        return lastFailure;
    }

    private void run() {
        try {
            while (stopNow.getCount() > 0) {
                Item head;
                synchronized (lock) {
                    head = queue.peekFirst();
                    if (head == null) {
                        if (closing) {
                            return;
                        }
                        lock.wait(IDLE_WAIT_MS);
                        continue;
                    }
                }
                boolean goOn = head instanceof Held h ? writeHeld(h) : writeFromDisk((OnDisk) head);
                if (!goOn) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("Redis writer stopped unexpectedly; {} records not stored (those journaled are written at the "
                    + "next start)", pending(), e);
        }
    }

    private boolean writeHeld(Held h) throws InterruptedException {
        if (!deliver(h.entry())) {
            return false;
        }
        synchronized (lock) {
            queue.removeFirst();
            held--;
            clearOverflowWhenDrained();
        }
        confirmed.accept(h.entry().seq());
        return true;
    }

    private boolean writeFromDisk(OnDisk range) throws InterruptedException {
        long from;
        long to;
        synchronized (lock) {
            from = range.from;
            to = range.to;
        }
        List<JournalEntry> batch;
        try {
            batch = disk.read(from, to, DISK_BATCH);
        } catch (IOException | RuntimeException e) {
            LOG.error("journal not readable ({}); {} records wait for it", e.toString(), pending());
            return !stopNow.await(backoff.max().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (batch.isEmpty()) {
            synchronized (lock) {
                if (range.to == to) {
                    if (range.count > 0) {
                        LOG.warn("journal: {} records with seq {}..{} were not found (damaged lines, see above)",
                                range.count, from, to);
                    }
                    onDisk -= range.count;
                    queue.removeFirst();
                    clearOverflowWhenDrained();
                } else {
                    range.from = to + 1;
                }
            }
            return true;
        }
        for (JournalEntry e : batch) {
            if (!deliver(e)) {
                return false;
            }
            synchronized (lock) {
                range.from = e.seq() + 1;
                if (range.count > 0) {
                    range.count--;
                    onDisk--;
                }
                if (range.from > range.to) {
                    onDisk -= range.count;
                    queue.removeFirst();
                    clearOverflowWhenDrained();
                }
            }
            confirmed.accept(e.seq());
        }
        return true;
    }

    private void clearOverflowWhenDrained() {
        if (overflowing && onDisk == 0 && held <= maxHeld / 2) {
            overflowing = false;
            LOG.info("Redis backlog back under {} records; records are held in memory again", maxHeld / 2 + 1);
        }
    }

    /** Writes one entry, retrying while Redis is away; false when told to stop first. */
    private boolean deliver(JournalEntry entry) throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                target.write(entry);
                markSucceeded();
                return true;
            } catch (RuntimeException e) {
                if (refusesThisRecord(e)) {
                    deadLetters.add(entry, describe(e));
                    markSucceeded();
                    return true;
                }
                Duration delay = backoff.delay(attempt++);
                markFailed(e, entry, delay);
                if (stopNow.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
    }

    /**
     * True when the failure is about this record, so retrying it would block the queue for good:
     * an error reply of Redis that is not about Redis's own state, or a record that cannot be
     * prepared (the JSON, a counter). False for connection trouble and transient server states.
     */
    static boolean refusesThisRecord(RuntimeException e) {
        if (e instanceof JedisDataException data) {
            if (data instanceof JedisAccessControlException) {
                return false;
            }
            String message = data.getMessage() == null ? "" : data.getMessage().toUpperCase(Locale.ROOT);
            for (String transientState : List.of("LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN",
                    "NOAUTH", "WRONGPASS", "NOPERM", "MOVED", "ASK ")) {
                if (message.startsWith(transientState)) {
                    return false;
                }
            }
            return true;
        }
        return !(e instanceof JedisException);
    }

    private void markFailed(RuntimeException e, JournalEntry entry, Duration delay) {
        failures.incrementAndGet();
        String reason = describe(e);
        lastFailure = reason;
        if (failingSince == null) {
            failingSince = clock.instant();
            LOG.warn("Redis at {} not taking writes ({}); holding call {} and {} more, retrying with backoff up to {} ms",
                    address, reason, entry.callId(), pending() - 1, backoff.max().toMillis());
        } else {
            LOG.debug("Redis write of call {} failed again ({}); next try in {} ms", entry.callId(), reason,
                    delay.toMillis());
        }
    }

    private void markSucceeded() {
        Instant since = failingSince;
        if (since != null) {
            failingSince = null;
            lastFailure = null;
            LOG.info("Redis at {} taking writes again after {} s; {} records still queued", address,
                    Duration.between(since, clock.instant()).toMillis() / 1000.0, pending());
        }
    }

    /** The exception and its root cause in one line, e.g. {@code JedisConnectionException: Failed to connect ... (Connection refused)}. */
    static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (" + root.getMessage() + ")";
        }
        return text;
    }

    /**
     * Keeps writing for up to the drain timeout, then stops. What is journaled and not yet in
     * Redis stays in the journal for the next start (one WARN line); entries that exist only in
     * memory (the journal could not write them) are logged at ERROR, one line per record with its
     * JSON, so an operator can replay them.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(Math.max(1, drainTimeout.toMillis()));
            if (thread.isAlive()) {
                stopNow.countDown();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopNow.countDown();
        }
        long journaled = 0;
        JournalLine text = new JournalLine();
        synchronized (lock) {
            for (Item item : queue) {
                if (item instanceof Held h && !h.durable()) {
                    LOG.error("not stored in Redis and not in the journal: call {} {}", h.entry().callId(),
                            text.plainJson(h.entry()));
                } else {
                    journaled += item instanceof OnDisk d ? d.count : 1;
                }
            }
        }
        if (journaled > 0) {
            LOG.warn("Redis at {} did not take {} records before shutdown ({}); they stay in the journal in {} and "
                    + "are written at the next start", address, journaled, lastFailure, journalDirectory);
        }
    }
}

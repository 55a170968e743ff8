package org.hotline.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.redis.AppendScript.PendingAppend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes accepted appends to Redis, in the order they were accepted, and
 * the reconnect policy: a failed write is retried, head of line, after a {@link RetryBackoff}
 * delay until it succeeds. Nothing accepted is dropped while the process runs; the queue is
 * unbounded on purpose (a day of calls is a few MB), and its length is reported as
 * {@link #pending()} for the health check.
 *
 * <p>Logging: one WARN line when writes start failing, one INFO line when they succeed again,
 * DEBUG for each retry in between, so a Redis restart costs two lines, not one per retry.
 */
final class RedisWriter implements AutoCloseable {

    /** Performs one write; throws when Redis is away or refuses it. */
    @FunctionalInterface
    interface Target {
        void write(PendingAppend append);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    private static final long IDLE_POLL_MS = 250;

    private final String address;
    private final Target target;
    private final RetryBackoff backoff;
    private final Duration drainTimeout;
    private final Clock clock;
    private final BlockingDeque<PendingAppend> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final CountDownLatch stopNow = new CountDownLatch(1);
    private final Thread thread;

    private volatile boolean closing;
    private volatile Instant failingSince;
    private volatile String lastFailure;
    /** The append being written or retried; only the writer thread sets it. */
    private volatile PendingAppend inFlight;

    RedisWriter(String address, Target target, RetryBackoff backoff, Duration drainTimeout, Clock clock) {
        this.address = address;
        this.target = target;
        this.backoff = backoff;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        // Daemon so a test or tool that forgets close() still exits; Main closes it on shutdown.
        this.thread = Thread.ofPlatform().name("redis-writer").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues the append; returns at once. */
    void submit(PendingAppend append) {
        if (closing) {
            throw new IllegalStateException("call history is closed; record " + append.callId() + " not accepted");
        }
        pending.incrementAndGet();
        queue.addLast(append);
    }

    /** Accepted appends not yet confirmed by Redis. */
    int pending() {
        return pending.get();
    }

    /** Write attempts that failed since start (each retry counts). */
    long failures() {
        return failures.get();
    }

    /** True unless the last write attempt failed. */
    boolean writing() {
        return failingSince == null;
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
        int attempt = 0;
        try {
            while (stopNow.getCount() > 0) {
                PendingAppend next = inFlight;
                if (next == null) {
                    next = queue.pollFirst(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    inFlight = next;
                }
                try {
                    target.write(next);
                    inFlight = null;
                    pending.decrementAndGet();
                    attempt = 0;
                    markSucceeded();
                } catch (RuntimeException e) {
                    Duration delay = backoff.delay(attempt++);
                    markFailed(e, next, delay);
                    stopNow.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("Redis writer stopped unexpectedly; {} records not stored", pending.get(), e);
        }
    }

    private void markFailed(RuntimeException e, PendingAppend append, Duration delay) {
        failures.incrementAndGet();
        String reason = describe(e);
        lastFailure = reason;
        if (failingSince == null) {
            failingSince = clock.instant();
            LOG.warn("Redis at {} not taking writes ({}); holding call {} and {} more in memory, "
                    + "retrying with backoff up to {} ms", address, reason, append.callId(),
                    pending.get() - 1, backoff.max().toMillis());
        } else {
            LOG.debug("Redis write of call {} failed again ({}); next try in {} ms", append.callId(), reason,
                    delay.toMillis());
        }
    }

    private void markSucceeded() {
        Instant since = failingSince;
        if (since != null) {
            failingSince = null;
            lastFailure = null;
            LOG.info("Redis at {} taking writes again after {} s; {} records still queued", address,
                    Duration.between(since, clock.instant()).toMillis() / 1000.0, pending.get());
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
     * Stops accepting, keeps writing for up to the drain timeout, then stops. Whatever is still
     * queued is logged at ERROR, one line per record with its JSON, so an operator can replay it.
     */
    @Override
    public void close() {
        closing = true;
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
        List<PendingAppend> left = new ArrayList<>();
        PendingAppend current = inFlight;
        if (current != null) {
            left.add(current);
        }
        queue.drainTo(left);
        if (!left.isEmpty()) {
            LOG.error("Redis at {} did not take {} records before shutdown ({}); they follow as JSON",
                    address, left.size(), lastFailure);
            for (PendingAppend a : left) {
                LOG.error("not stored in Redis: call {} {}", a.callId(), a.json());
            }
        }
    }
}

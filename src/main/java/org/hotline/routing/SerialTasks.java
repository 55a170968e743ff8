package org.hotline.routing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were submitted, on an executor. {@link #submit}
 * never waits: it enqueues, and starts a drain on the executor unless one is under way. A task
 * submitted by a running task waits its turn, also when the executor runs tasks on the caller's
 * own thread ({@code Runnable::run}), so the tasks' state needs no lock and is never re-entered.
 */
final class SerialTasks {

    private static final Logger log = LoggerFactory.getLogger(SerialTasks.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;

    SerialTasks(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                draining.set(false);
                log.debug("a task was dropped: the executor is stopping");
            }
        }
    }

    private void drain() {
        do {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("task failed; the next ones still run", e);
                }
            }
            draining.set(false);
            // A task added between the last poll and the reset found the flag set: take it now.
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }
}

package org.hotline.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.hotline.metrics.KpiReport;
import org.hotline.metrics.KpiService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the board's KPIs from the store: after calls end (at most one refresh at a time;
 * requests during a refresh fold into one more) and on the composition root's timer, so the
 * 15-minute window rolls over even when nothing happens. Each refresh reads each queue's
 * counters of today once: one HGETALL per 15-minute interval since midnight, so up to 96 per
 * queue. {@link #callEnded} therefore does not refresh once per call: the calls that end within
 * one settle time share one refresh, at most {@code settle} after the first of them.
 */
public final class BoardFigures {

    private static final Logger log = LoggerFactory.getLogger(BoardFigures.class);

    private final KpiService kpis;
    private final ScreenFeed feed;
    private final Supplier<Double> popLatencyP95Millis;
    private final BiConsumer<String, KpiReport> today;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean afterCallsDue = new AtomicBoolean();

    /** {@code today} receives each queue's report of today after each refresh (alerts, gauges). */
    public BoardFigures(KpiService kpis, ScreenFeed feed, Supplier<Double> popLatencyP95Millis,
                        BiConsumer<String, KpiReport> today) {
        this.kpis = kpis;
        this.feed = feed;
        this.popLatencyP95Millis = popLatencyP95Millis;
        this.today = today;
    }

    /**
     * A call ended: refreshes on {@code worker} once {@code settle} has passed on {@code timer},
     * together with every other call that ends meanwhile (at 4 calls a second and a 1 s settle,
     * one refresh instead of four).
     */
    public void callEnded(ScheduledExecutorService timer, Executor worker, Duration settle) {
        if (!afterCallsDue.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(() -> {
                afterCallsDue.set(false);
                worker.execute(this::refresh);
            }, settle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            afterCallsDue.set(false);
        }
    }

    /** Refreshes now on the calling thread (it may block on the store), or once more after the refresh under way. */
    public void refresh() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                feed.kpisUpdated(read());
            } while (again.get());
        } catch (RuntimeException e) {
            log.warn("board KPIs not refreshed: {}", e.toString());
        } finally {
            running.set(false);
        }
    }

    private Map<String, Object> read() {
        Map<String, Object> today = new LinkedHashMap<>();
        Map<String, Object> current = new LinkedHashMap<>();
        Map<String, List<KpiService.IntervalFigures>> intervals = new LinkedHashMap<>();
        for (String queue : kpis.queues()) {
            KpiService.QueueFigures f = kpis.figures(queue);
            today.put(queue, f.today());
            current.put(queue, f.current());
            intervals.put(queue, f.intervals());
            this.today.accept(queue, f.today());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("today", today);
        out.put("15m", current);
        out.put("intervals", intervals);
        out.put("popLatencyP95Millis", popLatencyP95Millis.get());
        return out;
    }
}

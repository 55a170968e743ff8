package org.hotline.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import org.hotline.call.CallHistory;

/** KPI reports over the stored 15-minute counters. */
public final class KpiService implements KpiQuery {

    public static final Duration INTERVAL = Duration.ofMinutes(15);

    private final CallHistory history;
    private final List<String> queues;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration fcrWindow;

    /** With the default FCR window ({@link FirstContactRule#DEFAULT_WINDOW}). */
    public KpiService(CallHistory history, List<String> queues, ZoneId zone, Clock clock) {
        this(history, queues, zone, clock, FirstContactRule.DEFAULT_WINDOW);
    }

    /** {@code fcrWindow} decides which intervals' calls are past their FCR window at a report's time. */
    public KpiService(CallHistory history, List<String> queues, ZoneId zone, Clock clock, Duration fcrWindow) {
        this.history = history;
        this.queues = List.copyOf(queues);
        this.zone = zone;
        this.clock = clock;
        this.fcrWindow = fcrWindow;
    }

    @Override
    public List<String> queues() {
        return queues;
    }

    @Override
    public KpiReport report(String queue, KpiWindow window) {
        if (!queues.contains(queue)) {
            throw new NoSuchElementException("no queue '" + queue + "' (queues: " + String.join(", ", queues) + ")");
        }
        Instant now = clock.instant();
        Instant currentInterval = intervalStart(now);
        Instant from = switch (window) {
            case TODAY -> LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            case INTERVAL_15M -> currentInterval;
        };
        var intervals = history.intervals(queue, from, currentInterval.plus(INTERVAL));
        KpiCounters counters = intervals.values().stream().reduce(KpiCounters.ZERO, KpiCounters::plus);
        return KpiRules.report(queue, window == KpiWindow.TODAY ? "today" : "15m", counters,
                FcrTally.of(intervals, now, fcrWindow));
    }

    /** One 15-minute interval of today's chart. */
    public record IntervalFigures(Instant start, long offered, long answered, long abandoned, Double serviceLevel,
                                  Double asa) {
    }

    /** A queue's figures for the board: today, the interval in progress, and today's intervals. */
    public record QueueFigures(KpiReport today, KpiReport current, List<IntervalFigures> intervals) {
    }

    /** Everything the board shows of {@code queue}, from one read of today's counters. */
    public QueueFigures figures(String queue) {
        Instant now = clock.instant();
        Instant currentInterval = intervalStart(now);
        Instant midnight = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        var intervals = history.intervals(queue, midnight, currentInterval.plus(INTERVAL));
        KpiCounters today = intervals.values().stream().reduce(KpiCounters.ZERO, KpiCounters::plus);
        List<IntervalFigures> chart = intervals.entrySet().stream().map(e -> {
            KpiReport r = KpiRules.report(queue, "15m", e.getValue());
            return new IntervalFigures(e.getKey(), r.offered(), r.answered(), r.abandoned(), r.serviceLevel(), r.asa());
        }).toList();
        KpiCounters current = intervals.getOrDefault(currentInterval, KpiCounters.ZERO);
        return new QueueFigures(KpiRules.report(queue, "today", today, FcrTally.of(intervals, now, fcrWindow)),
                KpiRules.report(queue, "15m", current, FcrTally.ofInterval(currentInterval, current, now, fcrWindow)),
                chart);
    }

    /** Start of the 15-minute interval (UTC grid) that holds {@code at}. */
    public static Instant intervalStart(Instant at) {
        long size = INTERVAL.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }
}

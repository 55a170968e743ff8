package org.hotline.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallRecord;

/**
 * Each agent's own figures for today (midnight in the center's zone): calls answered, talk and
 * wrap-up time, average handle time, missed rings. Kept in memory from the calls that end, and
 * rebuilt from the stored calls of the day at start ({@link #seed}). Thread-safe.
 */
public final class AgentDayFigures {

    /** An agent's day. {@code averageHandleSeconds} is (talk + wrap-up) / answered, null before a first call. */
    public record Figures(long answered, double talkSeconds, double wrapUpSeconds, Double averageHandleSeconds,
                          long missed) {
        static final Figures NONE = new Figures(0, 0, 0, null, 0);
    }

    private static final class Day {
        long answered;
        double talk;
        double wrapUp;
        long missed;
    }

    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, Day> days = new HashMap<>();
    private LocalDate today;

    public AgentDayFigures(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
        this.today = LocalDate.now(clock.withZone(zone));
    }

    /** Counts the stored calls of today, once, at start (records without wrap-up count none). */
    public synchronized void seed(List<CallRecord> calls) {
        for (CallRecord call : calls) {
            if (LocalDate.ofInstant(call.arrivedAt(), zone).equals(today)) {
                count(call);
                if (call.agent() != null && call.wrapUpSeconds() != null) {
                    day(call.agent()).wrapUp += call.wrapUpSeconds();
                }
            }
        }
    }

    /** A call ended: its answering agent answered one more, and every agent who let it ring out missed one. */
    public synchronized void callEnded(CallRecord call) {
        roll();
        count(call);
    }

    public synchronized void wrapUpEnded(String agentId, double seconds) {
        roll();
        day(agentId).wrapUp += seconds;
    }

    public synchronized Figures of(String agentId) {
        roll();
        Day d = days.get(agentId);
        if (d == null) {
            return Figures.NONE;
        }
        Double aht = d.answered == 0 ? null : Math.round(10.0 * (d.talk + d.wrapUp) / d.answered) / 10.0;
        return new Figures(d.answered, round1(d.talk), round1(d.wrapUp), aht, d.missed);
    }

    private void count(CallRecord call) {
        if (call.agent() != null && call.answeredByAgent()) {
            Day d = day(call.agent());
            d.answered++;
            d.talk += call.talkSeconds();
        }
        for (AgentAttempt attempt : call.agentAttempts()) {
            if (attempt.missed()) {
                day(attempt.agent()).missed++;
            }
        }
    }

    private Day day(String agentId) {
        return days.computeIfAbsent(agentId, id -> new Day());
    }

    private void roll() {
        LocalDate now = LocalDate.now(clock.withZone(zone));
        if (!now.equals(today)) {
            today = now;
            days.clear();
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

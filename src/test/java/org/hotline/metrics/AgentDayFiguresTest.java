package org.hotline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AgentDayFiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AgentDayFigures figures = new AgentDayFigures(ZoneId.of("America/New_York"), clock);

    private static CallRecord answered(String id, String agent, String missedBy, Instant arrived, double talk) {
        List<AgentAttempt> attempts = missedBy == null
                ? List.of(new AgentAttempt(agent, arrived, 2, 0.3, AgentAttempt.Result.ANSWERED))
                : List.of(new AgentAttempt(missedBy, arrived, 18, 3, AgentAttempt.Result.NO_ANSWER),
                new AgentAttempt(agent, arrived.plusSeconds(18), 2, 0.3, AgentAttempt.Result.ANSWERED));
        return new CallRecord(id, "+1415", "support", arrived, arrived, 0.1, agent, arrived.plusSeconds(20), 20, false,
                CallOutcome.ANSWERED, attempts, arrived.plusSeconds(20 + (long) talk), talk, List.of());
    }

    @Test
    void answeredTalkWrapUpAndMissesAddUpToTheAgentsDay() {
        figures.callEnded(answered("c1", "1002", "1001", T0, 100));
        figures.callEnded(answered("c2", "1002", null, T0, 50));
        figures.wrapUpEnded("1002", 30);
        AgentDayFigures.Figures bob = figures.of("1002");
        assertEquals(2, bob.answered());
        assertEquals(150.0, bob.talkSeconds());
        assertEquals(30.0, bob.wrapUpSeconds());
        assertEquals(90.0, bob.averageHandleSeconds(), "(talk + wrap-up) / answered");
        assertEquals(1, figures.of("1001").missed());
        assertNull(figures.of("1001").averageHandleSeconds());
    }

    @Test
    void aNewDayInTheCentersZoneStartsFromZero() {
        figures.callEnded(answered("c1", "1002", null, T0, 100));
        clock.advance(Duration.ofHours(4)); // 00:00 in New York
        assertEquals(0, figures.of("1002").answered());
    }

    @Test
    void seedingCountsOnlyTodaysStoredCalls() {
        CallRecord yesterday = answered("c0", "1002", null, T0.minus(Duration.ofDays(1)), 10);
        CallRecord today = answered("c1", "1002", null, T0, 10).withWrapUpSeconds(5);
        figures.seed(List.of(yesterday, today));
        assertEquals(1, figures.of("1002").answered());
        assertEquals(5.0, figures.of("1002").wrapUpSeconds());
    }
}

package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.standards.PhoneStandards;
import org.junit.jupiter.api.Test;

class LiveCallTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));

    @Test
    void aCallAnsweredAfterAMissCarriesEveryFieldOfTheRecord() {
        LiveCall call = new LiveCall("1700000000.1", "5551234", "support", T0, standards);
        call.systemAnswered(T0.plusMillis(300));
        call.agentRung("1001", T0.plusSeconds(5), Duration.ofSeconds(18), Result.NO_ANSWER);
        call.apologised(T0.plusSeconds(23));
        call.agentRung("1002", T0.plusSeconds(23), Duration.ofSeconds(6), Result.ANSWERED);
        call.ended(T0.plusSeconds(89), null);

        CallRecord r = call.toRecord(T0.plusSeconds(100));
        assertEquals(CallOutcome.ANSWERED, r.outcome());
        assertEquals(0.05, r.systemAnswerRings());
        assertEquals("1002", r.agent());
        assertEquals(T0.plusSeconds(29), r.agentAnsweredAt());
        assertEquals(29.0, r.waitSeconds());
        assertEquals(60.0, r.talkSeconds());
        assertTrue(r.apologised());
        assertEquals(2, r.agentAttempts().size());
        assertEquals(3.0, r.agentAttempts().get(0).rings());
        assertEquals(Result.NO_ANSWER, r.agentAttempts().get(0).result());
        assertEquals(1.0, r.agentAttempts().get(1).rings());
        assertEquals(T0.plusSeconds(89), r.endedAt());
        assertEquals("ended", r.timeline().get(r.timeline().size() - 1).event());
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingAbandoned() {
        LiveCall call = new LiveCall("x", "555", "support", T0, standards);
        call.systemAnswered(T0.plusSeconds(1));
        assertFalse(call.isEnded());
        assertEquals(CallOutcome.LIVE, call.toRecord(T0.plusSeconds(5)).outcome());
        call.ended(T0.plusSeconds(12), null);
        CallRecord r = call.toRecord(T0.plusSeconds(30));
        assertEquals(CallOutcome.ABANDONED, r.outcome());
        assertEquals(12.0, r.waitSeconds());
        assertEquals(0.0, r.talkSeconds());
        assertNull(r.agent());
    }

    @Test
    void theFirstEndingWins() {
        LiveCall call = new LiveCall("x", "555", "support", T0, standards);
        call.ended(T0.plusSeconds(2), null);
        call.ended(T0.plusSeconds(9), CallOutcome.FALLBACK);
        assertEquals(CallOutcome.ABANDONED_RINGING, call.toRecord(T0.plusSeconds(9)).outcome());
    }
}

package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.hotline.agi.AgiReply;
import org.hotline.call.AgentAttempt.Result;
import org.junit.jupiter.api.Test;

class DialOutcomeTest {

    private static final Duration MEASURED = Duration.ofMillis(9999);

    @Test
    void anAnsweredDialRangForTheDialledTimeLessTheTalk() {
        HotlineCall.DialOutcome d = HotlineCall.DialOutcome.parse(AgiReply.parse("200 result=1 (ANSWER,65200,60100)"));
        assertEquals(Result.ANSWERED, d.result(false));
        assertEquals(Duration.ofMillis(5100), d.ringing(MEASURED));
    }

    @Test
    void anUnansweredDialRangForTheWholeDialledTime() {
        HotlineCall.DialOutcome d = HotlineCall.DialOutcome.parse(AgiReply.parse("200 result=1 (NOANSWER,18004,)"));
        assertEquals(Result.NO_ANSWER, d.result(false));
        assertEquals(Duration.ofMillis(18004), d.ringing(MEASURED));
    }

    @Test
    void statusesMapToAttemptResults() {
        assertEquals(Result.BUSY, outcome("BUSY").result(false));
        assertEquals(Result.CALLER_HUNG_UP, outcome("CANCEL").result(true));
        assertEquals(Result.UNAVAILABLE, outcome("CHANUNAVAIL").result(false));
        assertEquals(Result.UNAVAILABLE, outcome("CONGESTION").result(false));
        assertEquals(Result.CALLER_HUNG_UP, outcome("").result(true));
    }

    @Test
    void withoutAsteriskFiguresHotlinesOwnMeasureIsUsed() {
        HotlineCall.DialOutcome d = HotlineCall.DialOutcome.parse(AgiReply.parse("511 Command Not Permitted on a dead channel or intercept routine"));
        assertEquals(MEASURED, d.ringing(MEASURED));
        assertEquals(Result.CALLER_HUNG_UP, d.result(true));
    }

    private static HotlineCall.DialOutcome outcome(String status) {
        return HotlineCall.DialOutcome.parse(AgiReply.parse("200 result=1 (" + status + ",1000,0)"));
    }
}

package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hotline.agi.AgiReply;
import org.hotline.call.AgentAttempt.Result;
import org.junit.jupiter.api.Test;

class DialOutcomeTest {

    @Test
    void dialStatusesMapToAttemptResults() {
        assertEquals(Result.ANSWERED, outcome("ANSWER").result(false));
        assertEquals(Result.NO_ANSWER, outcome("NOANSWER").result(false));
        assertEquals(Result.BUSY, outcome("BUSY").result(false));
        assertEquals(Result.CALLER_HUNG_UP, outcome("CANCEL").result(true));
        assertEquals(Result.UNAVAILABLE, outcome("CHANUNAVAIL").result(false));
        assertEquals(Result.UNAVAILABLE, outcome("CONGESTION").result(false));
    }

    @Test
    void noStatusMeansTheCallerLeftOrThePhoneWasUnreachable() {
        DialOutcome dead = DialOutcome.parse(
                AgiReply.parse("511 Command Not Permitted on a dead channel or intercept routine"));
        assertEquals(Result.CALLER_HUNG_UP, dead.result(true));
        assertEquals(Result.UNAVAILABLE, DialOutcome.parse(AgiReply.parse("200 result=0")).result(false));
    }

    private static DialOutcome outcome(String status) {
        return DialOutcome.parse(AgiReply.parse("200 result=1 (" + status + ")"));
    }
}

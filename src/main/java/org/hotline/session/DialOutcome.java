package org.hotline.session;

import java.util.Locale;
import org.hotline.agi.AgiReply;
import org.hotline.call.AgentAttempt.Result;

/** What {@code GET FULL VARIABLE ${DIALSTATUS}} said after the Dial. */
record DialOutcome(String status) {

    static DialOutcome parse(AgiReply reply) {
        return new DialOutcome(reply.isSuccess() && reply.data() != null ? reply.data().trim() : "");
    }

    Result result(boolean callerGone) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "ANSWER" -> Result.ANSWERED;
            case "NOANSWER" -> Result.NO_ANSWER;
            case "BUSY" -> Result.BUSY;
            case "CANCEL" -> Result.CALLER_HUNG_UP;
            default -> callerGone ? Result.CALLER_HUNG_UP : Result.UNAVAILABLE;
        };
    }
}

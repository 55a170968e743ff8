package org.hotline.call;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * One time an agent's phone was rung for a call.
 *
 * @param agent       agent id
 * @param startedAt   when the ringing started
 * @param ringSeconds how long it rang until answer, or until it was given up
 * @param rings       ringSeconds expressed in ring cadences
 * @param result      how the attempt ended
 */
public record AgentAttempt(String agent, Instant startedAt, double ringSeconds, double rings, Result result) {

    public enum Result {
        ANSWERED, NO_ANSWER, BUSY, UNAVAILABLE,
        /** The caller hung up while the agent's phone rang: not the agent's miss. */
        CALLER_HUNG_UP,
        /**
         * The attempt never finished as far as Hotline knows: the session was cut, Asterisk
         * refused the Dial, or Hotline stopped, while the phone rang. Not the agent's miss.
         */
        CUT;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean missed() {
        return result == Result.NO_ANSWER;
    }
}

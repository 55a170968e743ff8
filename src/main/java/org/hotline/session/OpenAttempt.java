package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.AgentRoster;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent rung for a call and not yet accounted for: closed by the Dial's end, or, when the call
 * ends first, by {@link #closeWithTheCall}. The call script holds at most one and closes it once.
 */
record OpenAttempt(Agent agent, Instant startedAt, boolean apologise) {

    private static final Logger log = LoggerFactory.getLogger(OpenAttempt.class);

    /**
     * The call ended while this agent was rung or connected and the Dial never reported back (the
     * session was cut, Hotline failed or stopped). The agent is released now: as answered if
     * Asterisk reported their pickup (AMI), else as {@code cut}. True when they had answered.
     */
    boolean closeWithTheCall(LiveCall call, AgentRoster roster, FloorEvents floor, Instant end) {
        String agentId = agent.id();
        Optional<Instant> pickedUp = call.pickedUpAt(agentId);
        if (pickedUp.isPresent()) {
            call.agentRung(agentId, startedAt, Duration.between(startedAt, pickedUp.get()), Result.ANSWERED);
            if (apologise) {
                call.apologised(pickedUp.get());
            }
            roster.ringEnded(agentId, call.id(), Result.ANSWERED);
        } else {
            call.agentRung(agentId, startedAt, Duration.between(startedAt, end), Result.CUT);
            roster.ringEnded(agentId, call.id(), Result.CUT);
            floor.publish(new FloorEvent.RingEnded(agentId, call.id(), Result.CUT));
        }
        log.info("call {}: the attempt on agent {} ended with the call: {}", call.id(), agentId,
                pickedUp.isPresent() ? "answered (Asterisk reported the pickup)" : "cut");
        return pickedUp.isPresent();
    }
}

package org.hotline.routing;

import java.time.Instant;
import java.util.Comparator;
import org.hotline.call.Agent;

/**
 * A caller known to the ACD, confined to the ACD's owner. While no agent is reserved for them
 * they wait in {@link WaitingLines} under the requirement in force; {@code requirement} and
 * {@code nextStepAt} change only while they are out of the lines.
 */
final class Waiter {

    /** The order callers are served in: higher priority first, then earlier into the queue, then earlier joined. */
    static final Comparator<Waiter> LINE = Comparator
            .comparingInt((Waiter w) -> -w.call.priority())
            .thenComparing(w -> w.call.enteredQueueAt())
            .thenComparingLong(w -> w.seq);

    final Acd.WaitingCall call;
    /** Order of joining: breaks ties between callers of the same priority who entered at the same instant. */
    final long seq;
    /** Reserved for this caller (offered, ringing, talking), else null. */
    Agent agent;
    Requirement requirement;
    /** When the next relaxation step applies, or null when none is left. */
    Instant nextStepAt;

    Waiter(Acd.WaitingCall call, long seq) {
        this.call = call;
        this.seq = seq;
    }

    /** Brings the requirement up to {@code now} (every step whose wait has passed). */
    void requirementAt(Instant now) {
        requirement = Requirement.at(call, now);
        nextStepAt = requirement.nextStepAt(call);
    }
}

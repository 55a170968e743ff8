package org.hotline.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.CallRecord.TimelineEntry;

/**
 * What the start after a crash makes of a call whose last journaled line is a live snapshot: the
 * call's end was never observed, so it gets a final record built from what the snapshot knows.
 * <ul>
 *   <li>It ends at the snapshot's last timeline time (the last event Hotline knew of; a later end
 *       would be a guess).</li>
 *   <li>An agent had answered ({@code agentAnsweredAt} set): outcome {@code answered}, talk from
 *       the answer to that end. Otherwise {@code interrupted}: offered, neither answered nor
 *       abandoned, its wait running to that end.</li>
 *   <li>Its timeline gets {@code end-not-observed} and {@code ended}, so a reader sees the record
 *       was completed after a restart.</li>
 * </ul>
 */
final class JournalReplay {

    static final String END_NOT_OBSERVED = "end-not-observed";

    private JournalReplay() {
    }

    /** The final record of a call that was live (per {@code snapshot}) when Hotline stopped. */
    static CallRecord completed(CallRecord snapshot) {
        Instant end = snapshot.timeline().stream().map(TimelineEntry::at).max(Comparator.naturalOrder())
                .orElse(snapshot.arrivedAt());
        boolean answered = snapshot.agentAnsweredAt() != null;
        if (answered && end.isBefore(snapshot.agentAnsweredAt())) {
            end = snapshot.agentAnsweredAt();
        }
        if (end.isBefore(snapshot.arrivedAt())) {
            end = snapshot.arrivedAt();
        }
        CallOutcome outcome = answered ? CallOutcome.ANSWERED : CallOutcome.INTERRUPTED;
        Instant waitEnd = answered ? snapshot.agentAnsweredAt() : end;
        List<TimelineEntry> timeline = new ArrayList<>(snapshot.timeline());
        timeline.add(new TimelineEntry(end, END_NOT_OBSERVED, "Hotline stopped while the call was live"));
        timeline.add(new TimelineEntry(end, "ended", outcome.wireName()));
        return new CallRecord(snapshot.id(), snapshot.caller(), snapshot.queue(), snapshot.arrivedAt(),
                snapshot.systemAnsweredAt(), snapshot.systemAnswerRings(), snapshot.agent(), snapshot.agentAnsweredAt(),
                seconds(Duration.between(snapshot.arrivedAt(), waitEnd)), snapshot.apologised(), outcome,
                snapshot.agentAttempts(), end, answered ? seconds(Duration.between(snapshot.agentAnsweredAt(), end)) : 0,
                timeline, snapshot.customerId(), snapshot.pop(), snapshot.disposition(), snapshot.wrapUpSeconds(),
                snapshot.routing(), snapshot.ivr(), snapshot.ivrSeconds(), snapshot.survey());
    }

    private static double seconds(Duration d) {
        return Math.max(0, d.toMillis()) / 1000.0;
    }
}

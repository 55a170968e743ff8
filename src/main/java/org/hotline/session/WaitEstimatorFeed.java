package org.hotline.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvent;
import org.hotline.routing.WaitEstimator;

/**
 * Tells the {@link WaitEstimator} what the floor does: an answer when a call's state becomes
 * {@code talking} (the moment it happens, not at the call's end, so a long call counts at once),
 * and a handle time when an answered call ends. Callbacks Hotline placed are not answers to
 * waiting callers and are left out. Runs on the floor thread (hand-off only: a few microseconds
 * under the estimator's monitor).
 */
public final class WaitEstimatorFeed implements Consumer<FloorEvent> {

    private final WaitEstimator estimator;
    private final Clock clock;

    public WaitEstimatorFeed(WaitEstimator estimator, Clock clock) {
        this.estimator = estimator;
        this.clock = clock;
    }

    public WaitEstimator estimator() {
        return estimator;
    }

    @Override
    public void accept(FloorEvent event) {
        if (event instanceof FloorEvent.CallChanged changed && "talking".equals(changed.call().state())
                && changed.call().queue() != null) {
            estimator.answered(changed.call().queue(), changed.call().callId(), clock.instant());
        } else if (event instanceof FloorEvent.CallEnded ended) {
            handled(ended.record());
        }
    }

    /**
     * Replays stored calls (those that ended within the estimator's window, in any order), so that
     * a restart does not forget the queue's recent answers and handle times.
     */
    public void replay(List<CallRecord> stored) {
        stored.stream()
                .filter(r -> r.answeredByAgent() && !r.isCallback() && r.queue() != null)
                .sorted(Comparator.comparing(CallRecord::agentAnsweredAt))
                .forEach(this::handled);
    }

    private void handled(CallRecord record) {
        if (record.answeredByAgent() && !record.isCallback() && record.queue() != null) {
            estimator.answered(record.queue(), record.id(), record.agentAnsweredAt());
            estimator.handled(record.queue(), Duration.ofMillis(Math.round(record.talkSeconds() * 1000)));
        }
    }
}

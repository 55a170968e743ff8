package org.hotline.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.standards.PhoneStandards;

/**
 * Raises the supervisors' alerts for standards breached while calls are in progress: a caller
 * waiting for a person past the apology threshold (three rings by default), once per call; and a
 * queue's service level of today falling under its target, once each time it falls (it re-arms
 * when the level is back at or above the target). Called from one ticker thread.
 */
public final class FloorWatch {

    public static final String CALLER_WAITING = "caller-waiting-past-3-rings";
    public static final String SERVICE_LEVEL = "service-level";

    private final LiveCalls liveCalls;
    private final PhoneStandards standards;
    private final FloorEvents floor;
    private final Clock clock;
    private final Set<String> alertedCalls = new HashSet<>();
    private final Map<String, Boolean> belowTarget = new HashMap<>();

    public FloorWatch(LiveCalls liveCalls, PhoneStandards standards, FloorEvents floor, Clock clock) {
        this.liveCalls = liveCalls;
        this.standards = standards;
        this.floor = floor;
        this.clock = clock;
    }

    /** Looks at every call still waiting for a person. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Set<String> live = new HashSet<>();
        for (LiveCall call : liveCalls.all()) {
            live.add(call.id());
            LiveCall.Phase phase = call.phase();
            if (phase != LiveCall.Phase.WAITING && phase != LiveCall.Phase.RINGING) {
                continue;
            }
            Duration waited = call.waitedBy(now);
            if (standards.owesApology(waited) && alertedCalls.add(call.id())) {
                floor.publish(new FloorEvent.AlertRaised(new FloorEvent.Alert(now, CALLER_WAITING,
                        String.format(Locale.ROOT, "caller %s has waited %.1f rings (%d s) in %s without a person",
                                call.caller(), standards.rings(waited), waited.toSeconds(), call.queue()),
                        null, call.id(), call.queue())));
            }
        }
        alertedCalls.retainAll(live);
    }

    /** Today's service level of {@code queue} (null: no calls yet) against {@code targetPercent}. */
    public synchronized void serviceLevel(String queue, Double level, double targetPercent) {
        boolean below = level != null && level < targetPercent;
        Boolean was = belowTarget.put(queue, below);
        if (below && !Boolean.TRUE.equals(was)) {
            floor.publish(new FloorEvent.AlertRaised(new FloorEvent.Alert(clock.instant(), SERVICE_LEVEL,
                    String.format(Locale.ROOT, "service level of %s today is %.1f %%, under the %.0f %% target",
                            queue, level, targetPercent), null, null, queue)));
        }
    }
}

package org.hotline.session;

import java.time.Clock;
import java.util.function.Consumer;
import org.hotline.agi.AgiScript;
import org.hotline.agi.AgiSession;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.routing.Acd;

/**
 * The FastAGI script {@code agi://.../hotline}: every call to the hotline runs one
 * {@link HotlineCall} on its session, sharing what all calls share.
 *
 * @param recorder       receives each finished call; must not block (the Redis store queues)
 * @param identification looks callers up in the customer directory, off the event loops
 * @param floor          where the screens learn what happens on each call
 * @param callbacks      calls back the callers who ask for it; null when callbacks are off
 * @param announcer      tells waiting callers their place and estimated wait ({@link QueueAnnouncer#OFF}: never)
 */
public record HotlineCallScript(CallFlowSettings settings, AgentRoster roster, Acd acd, LiveCalls liveCalls,
                                Consumer<CallRecord> recorder, CallerIdentification identification,
                                FloorEvents floor, Clock clock, CallbackDesk callbacks, QueueAnnouncer announcer)
        implements AgiScript {

    /** Without callbacks and without announcements to waiting callers. */
    public HotlineCallScript(CallFlowSettings settings, AgentRoster roster, Acd acd, LiveCalls liveCalls,
                             Consumer<CallRecord> recorder, CallerIdentification identification,
                             FloorEvents floor, Clock clock) {
        this(settings, roster, acd, liveCalls, recorder, identification, floor, clock, null, QueueAnnouncer.OFF);
    }

    /** Without callbacks. */
    public HotlineCallScript(CallFlowSettings settings, AgentRoster roster, Acd acd, LiveCalls liveCalls,
                             Consumer<CallRecord> recorder, CallerIdentification identification,
                             FloorEvents floor, Clock clock, QueueAnnouncer announcer) {
        this(settings, roster, acd, liveCalls, recorder, identification, floor, clock, null, announcer);
    }

    /** Without announcements to waiting callers. */
    public HotlineCallScript(CallFlowSettings settings, AgentRoster roster, Acd acd, LiveCalls liveCalls,
                             Consumer<CallRecord> recorder, CallerIdentification identification,
                             FloorEvents floor, Clock clock, CallbackDesk callbacks) {
        this(settings, roster, acd, liveCalls, recorder, identification, floor, clock, callbacks, QueueAnnouncer.OFF);
    }

    @Override
    public void start(AgiSession session) {
        new HotlineCall(session, this).begin();
    }
}

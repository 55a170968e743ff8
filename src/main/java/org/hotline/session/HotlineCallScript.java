package org.hotline.session;

import java.time.Clock;
import java.util.function.Consumer;
import org.hotline.agi.AgiScript;
import org.hotline.agi.AgiSession;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallRecord;
import org.hotline.call.LiveCalls;
import org.hotline.routing.Acd;

/**
 * The FastAGI script {@code agi://.../hotline}: every call to the hotline runs one
 * {@link HotlineCall} on its session. Holds what all calls share.
 */
public final class HotlineCallScript implements AgiScript {

    private final CallFlowSettings settings;
    private final AgentRoster roster;
    private final Acd acd;
    private final LiveCalls liveCalls;
    private final Consumer<CallRecord> recorder;
    private final Clock clock;

    /**
     * @param recorder receives each finished call; must not block (the Redis store queues)
     */
    public HotlineCallScript(CallFlowSettings settings, AgentRoster roster, Acd acd, LiveCalls liveCalls,
                             Consumer<CallRecord> recorder, Clock clock) {
        this.settings = settings;
        this.roster = roster;
        this.acd = acd;
        this.liveCalls = liveCalls;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public void start(AgiSession session) {
        new HotlineCall(session, settings, roster, acd, liveCalls, recorder, clock).begin();
    }
}

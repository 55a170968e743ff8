package org.hotline.session;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentRoster;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.call.TelephonyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what Asterisk reports to the live state: device states to the roster (so a phone busy on
 * another call or unreachable is not rung, also right after a reconnect's resync), an agent's
 * answer the moment it happens, and the call's timeline.
 */
public final class TelephonyEventRouter implements Consumer<TelephonyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TelephonyEventRouter.class);

    private final AgentRoster roster;
    private final LiveCalls liveCalls;
    private final FloorEvents floor;
    /** Agent legs being dialled for a live call, by the leg's uniqueid. Touched on the AMI loop only. */
    private final Map<String, AgentLeg> agentLegs = new HashMap<>();

    private record AgentLeg(String callId, String agentId) {
    }

    public TelephonyEventRouter(AgentRoster roster, LiveCalls liveCalls, FloorEvents floor) {
        this.roster = roster;
        this.liveCalls = liveCalls;
        this.floor = floor;
    }

    @Override
    public void accept(TelephonyEvent event) {
        switch (event) {
            case TelephonyEvent.DeviceStateChanged e -> roster.deviceStateChanged(e.device(), e.state());
            case TelephonyEvent.DialBegan e -> liveCalls.find(e.callerUniqueId()).ifPresent(call -> {
                call.note(e.at(), "dial-begin", e.destChannel());
                roster.agentOfChannel(e.destChannel()).ifPresent(agent -> {
                    agentLegs.put(e.destUniqueId(), new AgentLeg(call.id(), agent.id()));
                    call.agentChannel(agent.id(), e.destChannel());
                });
            });
            case TelephonyEvent.ChannelStateChanged e -> {
                // The agent leg going Up is the SIP answer itself; DialEnd comes only after any
                // announcement (the apology), so it would make the answer look late.
                AgentLeg leg = agentLegs.get(e.uniqueId());
                if (leg != null && e.state() == TelephonyEvent.ChannelState.UP) {
                    liveCalls.find(leg.callId()).ifPresent(call -> {
                        call.agentPickedUp(leg.agentId(), e.at());
                        floor.publish(new FloorEvent.CallChanged(call.view()));
                    });
                    roster.ringEnded(leg.agentId(), leg.callId(), AgentAttempt.Result.ANSWERED);
                }
            }
            case TelephonyEvent.DialEnded e -> {
                agentLegs.remove(e.destUniqueId());
                liveCalls.find(e.callerUniqueId()).ifPresent(c -> c.note(e.at(), "dial-end", e.destChannel() + " " + e.status()));
            }
            case TelephonyEvent.BridgeEntered e ->
                    liveCalls.find(e.uniqueId()).ifPresent(c -> c.note(e.at(), "bridged", e.bridgeId()));
            case TelephonyEvent.HungUp e -> {
                agentLegs.remove(e.uniqueId());
                liveCalls.find(e.uniqueId()).ifPresent(c -> {
                    c.note(e.at(), "hangup", e.causeText());
                    c.callerHungUp(e.at());
                });
            }
            case TelephonyEvent.ManagerConnectionChanged e -> {
                if (e.connected()) {
                    log.info("Asterisk Manager connected: {}", e.detail());
                } else {
                    log.warn("Asterisk Manager connection lost: {}", e.detail());
                }
            }
            case TelephonyEvent.ChannelCreated e -> { }
            case TelephonyEvent.DialProgress e -> { }
            case TelephonyEvent.OriginateEnded e -> { } // the callback desk's business
        }
    }
}

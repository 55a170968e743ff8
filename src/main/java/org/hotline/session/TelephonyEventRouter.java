package org.hotline.session;

import java.util.function.Consumer;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentRoster;
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

    public TelephonyEventRouter(AgentRoster roster, LiveCalls liveCalls) {
        this.roster = roster;
        this.liveCalls = liveCalls;
    }

    @Override
    public void accept(TelephonyEvent event) {
        switch (event) {
            case TelephonyEvent.DeviceStateChanged e -> roster.deviceStateChanged(e.device(), e.state());
            case TelephonyEvent.DialBegan e ->
                    liveCalls.find(e.callerUniqueId()).ifPresent(c -> c.note(e.at(), "dial-begin", e.destChannel()));
            case TelephonyEvent.DialEnded e -> {
                liveCalls.find(e.callerUniqueId()).ifPresent(c -> c.note(e.at(), "dial-end", e.destChannel() + " " + e.status()));
                if ("ANSWER".equalsIgnoreCase(e.status())) {
                    roster.agentOfChannel(e.destChannel()).ifPresent(agent ->
                            roster.ringEnded(agent.id(), e.callerUniqueId(), AgentAttempt.Result.ANSWERED));
                }
            }
            case TelephonyEvent.BridgeEntered e ->
                    liveCalls.find(e.uniqueId()).ifPresent(c -> c.note(e.at(), "bridged", e.bridgeId()));
            case TelephonyEvent.HungUp e ->
                    liveCalls.find(e.uniqueId()).ifPresent(c -> c.note(e.at(), "hangup", e.causeText()));
            case TelephonyEvent.ManagerConnectionChanged e -> {
                if (e.connected()) {
                    log.info("Asterisk Manager connected: {}", e.detail());
                } else {
                    log.warn("Asterisk Manager connection lost: {}", e.detail());
                }
            }
            case TelephonyEvent.ChannelCreated e -> { }
            case TelephonyEvent.ChannelStateChanged e -> { }
            case TelephonyEvent.DialProgress e -> { }
        }
    }
}

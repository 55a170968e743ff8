package org.hotline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.ami.AmiAction;
import org.hotline.ami.AmiClient;
import org.hotline.call.AgentRoster;
import org.hotline.call.AgentView;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.config.HotlineConfig;
import org.hotline.session.CallAftercare;
import org.hotline.web.AgentDesk;
import org.hotline.web.MonitorMode;

/**
 * The REST API's view of the live floor: which customer an agent may read, who took a call, the
 * disposition, and a supervisor's listen / whisper / barge, which is an AMI {@code Originate} of
 * the supervisor's phone into {@code ChanSpy} on the agent's leg.
 */
final class CenterDesk implements AgentDesk {

    private final AgentRoster roster;
    private final LiveCalls liveCalls;
    private final CallAftercare aftercare;
    private final AmiClient ami;
    private final String phoneChannel;

    /** {@code phoneChannel}: the dial string pattern of a phone, with {@code {extension}}. */
    CenterDesk(AgentRoster roster, LiveCalls liveCalls, CallAftercare aftercare, AmiClient ami, String phoneChannel) {
        this.roster = roster;
        this.liveCalls = liveCalls;
        this.aftercare = aftercare;
        this.ami = ami;
        this.phoneChannel = phoneChannel;
    }

    @Override
    public Optional<String> currentCustomerOf(String agentId) {
        AgentView agent;
        try {
            agent = roster.view(agentId);
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
        if (agent.currentCall() != null) {
            return liveCalls.find(agent.currentCall()).map(LiveCall::customerId);
        }
        if ("wrap-up".equals(agent.state())) {
            return aftercare.lastCallOf(agentId).map(CallRecord::customerId);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> agentOfCall(String callId) {
        Optional<LiveCall> live = liveCalls.find(callId);
        if (live.isPresent()) {
            LiveCall call = live.get();
            return call.phase() == LiveCall.Phase.TALKING ? Optional.ofNullable(call.currentAgent()) : Optional.empty();
        }
        return aftercare.find(callId).map(CallRecord::agent);
    }

    @Override
    public CallRecord dispose(String callId, Disposition disposition) {
        Optional<LiveCall> live = liveCalls.find(callId);
        if (live.isPresent()) {
            LiveCall call = live.get();
            if (!call.conversationOver()) {
                throw new IllegalStateException("call " + callId + " is still in progress; dispose of it after it ends");
            }
            // the agent hung up and the caller answers the survey: the disposition lands when the call ends
            return aftercare.disposeWhenEnded(call, disposition);
        }
        return aftercare.dispose(callId, disposition);
    }

    @Override
    public CompletableFuture<Void> monitor(String callId, MonitorMode mode, String phone) {
        LiveCall call = liveCalls.find(callId)
                .orElseThrow(() -> new NoSuchElementException("no call in progress with id '" + callId + "'"));
        String agentLeg = call.talkingAgentChannel().orElseThrow(() ->
                new IllegalStateException("call " + callId + " is not connected to an agent"));
        if (!phone.matches("[A-Za-z0-9_.-]{1,40}")) {
            throw new IllegalArgumentException("'" + phone + "' is not a phone extension");
        }
        String options = "qE" + switch (mode) {
            case LISTEN -> "";
            case WHISPER -> "w";
            case BARGE -> "B";
        };
        AmiAction originate = AmiAction.of("Originate")
                .with("Channel", HotlineConfig.CenterSection.dialString(phoneChannel, phone))
                .with("Application", "ChanSpy")
                .with("Data", agentLeg + "," + options)
                .with("CallerID", "\"" + mode.wireName() + " " + call.caller() + "\" <" + phone + ">")
                .with("Timeout", "30000")
                .with("Async", "true");
        return ami.send(originate).handle((reply, error) -> {
            if (error != null) {
                throw new UncheckedIOException(new IOException("Asterisk did not take the request: " + error.getMessage(), error));
            }
            if (!reply.isSuccess()) {
                throw new UncheckedIOException(new IOException("Asterisk refused: " + reply.valueOr("Message", "no reason")));
            }
            return null;
        });
    }
}

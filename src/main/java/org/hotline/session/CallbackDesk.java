package org.hotline.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetFullVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.hotline.agi.AgiScript;
import org.hotline.agi.AgiSession;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.call.TelephonyEvent;
import org.hotline.customer.CustomerView;
import org.hotline.routing.Acd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls customers back. A caller who took a callback hung up; their place stays in the queue as a
 * callback of its own ({@code <call id>-callback}, in the ACD line where the caller was). When the
 * ACD offers it an agent, the desk rings the agent first, through {@link AgentRinger} (AMI
 * {@code Originate}, for at most the ring limit: the three-ring rule and the misses apply as on any
 * call). Once the agent answers, their channel runs the FastAGI script {@code callback} (this
 * class is that script too), which dials the customer and bridges them; the customer hears the
 * greeting first. A customer who does not answer is tried again after {@code retryAfter}, up to
 * {@code tries} in all, keeping the place; then the callback is recorded as
 * {@code callback-failed}. The callback's record has {@code callbackOf} naming the caller's call.
 *
 * <p>All state lives on the desk's own thread (a single-threaded executor); the FastAGI and AMI
 * threads only hand work over. Pending callbacks live in memory: a restart of Hotline loses the
 * ones not yet made (the caller's record, with the number, is in Redis).
 */
public final class CallbackDesk implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(CallbackDesk.class);
    /** How often the desk asks the ACD whether an agent was matched to a waiting callback. */
    private static final Duration POLL = Duration.ofMillis(250);
    /** An Originate whose end Asterisk never reported is given up this long after the ring limit. */
    private static final Duration ORIGINATE_GRACE = Duration.ofSeconds(15);

    /** Rings an agent's phone for a callback; once answered, the channel runs the callback script. */
    public interface AgentRinger {
        /**
         * Rings {@code dialString} for at most {@code ringFor}; once answered, the channel, whose
         * uniqueid is {@code channelId}, runs {@code agiUrl}. Completes when Asterisk took the
         * request; its end comes as {@link TelephonyEvent.OriginateEnded} with {@code channelId}.
         */
        CompletableFuture<Void> ring(String channelId, String dialString, Duration ringFor, String agiUrl,
                                     String callerIdName, String callerIdNumber);
    }

    private enum State { WAITING, RINGING_AGENT, CONNECTING, RETRY_WAIT, DONE }

    /** One callback not yet done. Desk thread only. */
    private static final class Pending {
        final String id;
        final LiveCall call;
        final String number;
        final Acd.WaitingCall place;
        final Optional<CustomerView> customer;
        State state = State.WAITING;
        int tries;
        int rings;
        Agent agent;
        Instant ringStartedAt;
        String channelId;

        Pending(String id, LiveCall call, String number, Acd.WaitingCall place, Optional<CustomerView> customer) {
            this.id = id;
            this.call = call;
            this.number = number;
            this.place = place;
            this.customer = customer;
        }
    }

    private final CallbackSettings settings;
    private final CallFlowSettings flow;
    private final AgentRoster roster;
    private final Acd acd;
    private final LiveCalls liveCalls;
    private final FloorEvents floor;
    private final Consumer<CallRecord> recorder;
    private final AgentRinger ringer;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Pending> byChannel = new HashMap<>();

    public CallbackDesk(CallbackSettings settings, CallFlowSettings flow, AgentRoster roster, Acd acd,
                        LiveCalls liveCalls, FloorEvents floor, Consumer<CallRecord> recorder, AgentRinger ringer,
                        ScheduledExecutorService thread, Clock clock) {
        this.settings = settings;
        this.flow = flow;
        this.roster = roster;
        this.acd = acd;
        this.liveCalls = liveCalls;
        this.floor = floor;
        this.recorder = recorder;
        this.ringer = ringer;
        this.thread = thread;
        this.clock = clock;
    }

    public CallbackSettings settings() {
        return settings;
    }

    /** Starts looking for agents for the waiting callbacks. */
    public void start() {
        thread.scheduleWithFixedDelay(this::offerAgents, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Callbacks not yet made (waiting, ringing or connecting). */
    public int waiting() {
        try {
            return thread.submit(pending::size).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The caller of {@code original} took a callback to {@code number} and is leaving; {@code place}
     * is where they waited in the ACD line (the callback keeps its priority and its time in the
     * queue, so it is served where the caller would have been).
     */
    void request(LiveCall original, String number, Acd.WaitingCall place, Optional<CustomerView> customer) {
        CallRecord.CallbackOffer offer = original.callbackOffer();
        thread.execute(() -> {
            String id = original.id() + "-callback";
            Instant now = clock.instant();
            LiveCall call = new LiveCall(id, number, place.queue(), now, flow.standards());
            call.callbackFor(original.id(), offer);
            customer.ifPresent(v -> call.identified(v.customer().id(), v.customer().name(), v.customer().isVip()));
            call.enteredQueue(place.queue(), now);
            call.waiting();
            liveCalls.add(call);
            Pending p = new Pending(id, call, number, new Acd.WaitingCall(id, place.queue(), place.skill(),
                    place.arrivedAt(), place.enteredQueueAt(), place.skills(), place.priority(), place.relaxation()),
                    customer);
            pending.put(id, p);
            acd.join(p.place);
            changed(p);
            log.info("callback {}: {} to be called back at {}, in the place of call {}", id, original.caller(), number,
                    original.id());
        });
    }

    /** Asterisk reported the end of an Originate (any, not only the desk's). */
    public void originateEnded(TelephonyEvent.OriginateEnded event) {
        thread.execute(() -> {
            Pending p = byChannel.get(event.uniqueId());
            if (p == null || p.state != State.RINGING_AGENT || !event.uniqueId().equals(p.channelId)) {
                return;
            }
            if (event.answered()) {
                agentAnswered(p, event.at());
            } else {
                agentRingEnded(p, resultOf(event.reason()), event.at());
            }
        });
    }

    /** The FastAGI script {@code callback}: the answered agent's channel, to be bridged to the customer. */
    @Override
    public void start(AgiSession session) {
        String channelId = session.uniqueId();
        thread.execute(() -> {
            Pending p = byChannel.get(channelId);
            if (p == null || (p.state != State.RINGING_AGENT && p.state != State.CONNECTING)) {
                log.warn("FastAGI callback session {} matches no callback being made; hanging up", channelId);
                session.send(new HangupCommand()).whenComplete((r, e) -> session.close());
                return;
            }
            if (p.state == State.RINGING_AGENT) {
                agentAnswered(p, clock.instant()); // the AGI may come before Asterisk's OriginateResponse
            }
            dialCustomer(p, session);
        });
    }

    private void offerAgents() {
        try {
            for (Pending p : pending.values()) {
                if (p.state == State.WAITING) {
                    acd.pollOffer(p.id).ifPresent(offer -> ringAgent(p, offer));
                }
            }
        } catch (RuntimeException e) {
            log.error("callbacks: offering agents failed", e);
        }
    }

    private void ringAgent(Pending p, Acd.Offer offer) {
        Agent agent = offer.agent();
        Instant now = clock.instant();
        p.state = State.RINGING_AGENT;
        p.agent = agent;
        p.ringStartedAt = now;
        p.channelId = p.id + "-" + (++p.rings);
        byChannel.put(p.channelId, p);
        p.call.routed(offer.decision());
        p.call.note(now, "agent-ringing", agent.id());
        p.call.ringing(agent.id(), now);
        changed(p);
        floor.publish(new FloorEvent.PopReady(ScreenPops.popFor(p.call, agent, now, false, p.customer.orElse(null),
                flow, true)));
        Duration ringFor = flow.standards().agentRingLimit();
        String channelId = p.channelId;
        ringer.ring(channelId, flow.dialStringOf(agent.extension()), ringFor, settings.agiUrl(),
                        "Callback " + Optional.ofNullable(p.call.view().customer()).orElse(p.number), p.number)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        thread.execute(() -> {
                            if (p.state == State.RINGING_AGENT && channelId.equals(p.channelId)) {
                                log.error("callback {}: Asterisk did not take the ring of agent {}: {}", p.id, agent.id(),
                                        error.toString());
                                agentRingEnded(p, Result.CUT, clock.instant());
                            }
                        });
                    }
                });
        thread.schedule(() -> {
            if (p.state == State.RINGING_AGENT && channelId.equals(p.channelId)) {
                log.warn("callback {}: Asterisk never reported the ring of agent {}; given up", p.id, agent.id());
                agentRingEnded(p, Result.CUT, clock.instant());
            }
        }, ringFor.plus(ORIGINATE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        log.info("callback {}: ringing agent {} first", p.id, agent.id());
    }

    private void agentAnswered(Pending p, Instant at) {
        p.state = State.CONNECTING;
        Duration ringing = Duration.between(p.ringStartedAt, at);
        p.call.agentRung(p.agent.id(), p.ringStartedAt, ringing, Result.ANSWERED);
        p.call.agentPickedUp(p.agent.id(), at);
        roster.ringEnded(p.agent.id(), p.id, Result.ANSWERED);
        acd.leave(p.id);
        changed(p);
    }

    private void agentRingEnded(Pending p, Result result, Instant at) {
        byChannel.remove(p.channelId);
        p.call.agentRung(p.agent.id(), p.ringStartedAt, Duration.between(p.ringStartedAt, at), result);
        roster.ringEnded(p.agent.id(), p.id, result);
        floor.publish(new FloorEvent.RingEnded(p.agent.id(), p.id, result));
        log.info("callback {}: agent {} {}", p.id, p.agent.id(), result.wireName());
        p.agent = null;
        p.state = State.WAITING; // still in the ACD line: the next free agent is offered
        p.call.waiting();
        changed(p);
    }

    private void dialCustomer(Pending p, AgiSession session) {
        String dial = settings.dialStringOf(p.number) + "," + settings.customerRing().toSeconds() + ",A("
                + settings.greetingPrompt() + ")";
        p.call.note(clock.instant(), "customer-dialled", p.number);
        session.onClose(() -> thread.execute(() -> customerDialEnded(p, session, "CUT")));
        session.send(new ExecCommand("Dial", dial), null)
                .thenCompose(reply -> session.send(new GetFullVariableCommand("${DIALSTATUS}")))
                .thenAccept(reply -> {
                    String status = DialOutcome.parse(reply).status();
                    thread.execute(() -> customerDialEnded(p, session, status.isEmpty() ? "CUT" : status));
                })
                .exceptionally(error -> {
                    thread.execute(() -> customerDialEnded(p, session, "CUT"));
                    return null;
                });
    }

    /** The Dial of the customer returned (at the end of the conversation when they answered). Once per try. */
    private void customerDialEnded(Pending p, AgiSession session, String status) {
        if (p.state != State.CONNECTING || !session.uniqueId().equals(p.channelId)) {
            return;
        }
        byChannel.remove(p.channelId);
        Instant now = clock.instant();
        Agent agent = p.agent;
        p.tries++;
        boolean reached = status.equalsIgnoreCase("ANSWER");
        p.call.note(now, "customer-" + status.toLowerCase(java.util.Locale.ROOT), "try " + p.tries + " of " + settings.tries());
        log.info("callback {}: try {} of {}: the customer {}", p.id, p.tries, settings.tries(),
                reached ? "was reached" : "did not answer (" + status + ")");
        if (!session.isClosed()) {
            session.send(new HangupCommand()).whenComplete((r, e) -> session.close());
        }
        if (reached) {
            finish(p, now, null);
        } else if (p.tries >= settings.tries()) {
            finish(p, now, CallOutcome.CALLBACK_FAILED);
        } else {
            p.state = State.RETRY_WAIT;
            p.agent = null;
            p.call.waiting();
            changed(p);
            thread.schedule(() -> {
                if (p.state == State.RETRY_WAIT) {
                    p.state = State.WAITING;
                    acd.join(p.place);
                }
            }, settings.retryAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
        roster.callEnded(agent.id(), p.id);
    }

    private void finish(Pending p, Instant end, CallOutcome outcome) {
        p.state = State.DONE;
        pending.remove(p.id);
        acd.leave(p.id);
        p.call.ended(end, outcome);
        liveCalls.remove(p.id);
        CallRecord record = p.call.toRecord(end);
        log.info("callback {} ended: {} (agent {})", p.id, record.outcome().wireName(), record.agent());
        try {
            recorder.accept(record);
        } catch (RuntimeException e) {
            log.error("callback {}: could not hand the record to the store", p.id, e);
        }
        floor.publish(new FloorEvent.CallEnded(record));
    }

    private void changed(Pending p) {
        floor.publish(new FloorEvent.CallChanged(p.call.view()));
    }

    /** Asterisk's reason for an Originate that was not answered. */
    static Result resultOf(int reason) {
        return switch (reason) {
            case 3, 1 -> Result.NO_ANSWER;  // rang until the limit, or was declined
            case 5 -> Result.BUSY;
            default -> Result.UNAVAILABLE; // 0 failed, 8 congestion: not the agent's miss
        };
    }
}

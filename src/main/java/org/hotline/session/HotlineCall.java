package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetFullVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiSession;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.Decimals;
import org.hotline.call.FloorEvent;
import org.hotline.call.LiveCall;
import org.hotline.config.HotlineConfig;
import org.hotline.customer.CustomerView;
import org.hotline.ivr.CallerContext;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrOutcome;
import org.hotline.ivr.IvrRun;
import org.hotline.ivr.Step;
import org.hotline.routing.Acd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to the hotline, driven step by step over its FastAGI session without holding a thread:
 * answer, welcome, music while waiting, ring the agent the ACD picks for at most the ring limit
 * (apologising at the agent's answer when the wait earned it), and on to the next agent after a
 * miss. When the call ends its record goes to the recorder.
 *
 * <p>Every step continues on the session's event loop. If Hotline itself fails mid-call, the
 * session is closed without {@code HOTLINE_DONE}, so the dialplan's fallback answers and queues
 * the caller: a caller is never dropped because Hotline failed.
 *
 * <p>One class on purpose, about 430 lines: the steps of a call (IVR, queue, ring, survey, end)
 * share the session, the agent attempt left open and the flags that make the end happen once; the
 * parts with no share in that state live beside it ({@link IvrDriver}, {@link SurveyDriver},
 * {@link CallerCallback}, {@link OpenAttempt}, {@link ScreenPops}, {@link DialOutcome},
 * {@link CallArrival}).
 */
final class HotlineCall {

    private static final Logger log = LoggerFactory.getLogger(HotlineCall.class);

    private final AgiSession session;
    private final HotlineCallScript shared;
    private final CallFlowSettings settings;
    private LiveCall call;
    /** The call's IVR run, when the flow is configured; event loop only. */
    private IvrRun ivr;
    /** The agent being rung or talked to for this call, until that attempt is closed (exactly once). */
    private OpenAttempt open;
    /** The caller's customer view, looked up as the call arrives so that it is ready for the pop. */
    private CompletableFuture<Optional<CustomerView>> customer;
    private volatile Instant hungUpAt;
    private boolean finished;
    /** The agent who talked to the caller: released once the record is handed on, so aftercare knows the call first. */
    private Agent connected;
    /** Hotline gave up on the call while the caller was there: the dialplan's fallback takes them. */
    private boolean handedToFallback;
    /** Where the caller waits in the ACD line; null before the queue. */
    private Acd.WaitingCall place;
    /** The call's callback: offered once, taken to the desk; set as the call arrives. */
    private CallerCallback callback;
    /** The caller's place-and-wait announcements while they wait; set as they enter the queue. */
    private QueueAnnouncements announcements = QueueAnnouncements.NEVER;

    HotlineCall(AgiSession session, HotlineCallScript shared) {
        this.session = session;
        this.shared = shared;
        this.settings = shared.settings();
    }

    void begin() {
        Instant now = shared.clock().instant();
        String callId = session.environment().uniqueId();
        String caller = CallArrival.callerOf(session.environment().callerId());
        call = new LiveCall(callId, caller, settings.queue(), CallArrival.arrivedAt(session.environment().arguments(), now),
                settings.standards());
        shared.liveCalls().add(call);
        customer = shared.identification().lookup(caller);
        callback = new CallerCallback(session, shared, call, customer);
        customer.thenAccept(found -> found.ifPresent(view -> {
            call.identified(view.customer().id(), view.customer().name(), view.customer().isVip());
            changed();
        }));
        changed();
        session.onHangup(() -> hungUpAt = shared.clock().instant());
        session.onClose(() -> finish(null));
        // One INFO line per call, at its end (with the caller); the arrival only when debugging.
        log.debug("call {} from {} arrived", callId, caller);
        session.send(new AnswerCommand())
                .thenCompose(reply -> {
                    if (reply.isSuccess() && reply.resultOr(-1) == 0) {
                        call.systemAnswered(shared.clock().instant());
                    }
                    return settings.ivr().isPresent() ? runIvr(settings.ivr().get()) : welcome();
                })
                .thenCompose(entry -> entry == null ? CompletableFuture.completedFuture(null) : queue(entry)
                        .thenRunAsync(this::waitForAgent, session.executor()))
                .exceptionally(this::failed);
    }

    /** Where the caller waits for a person, for which skills (name to minimum level), at which priority. */
    private record QueueEntry(String queue, Map<String, Integer> skills, int priority) {
    }

    /** Without an IVR: the welcome prompt, then the first queue. */
    private CompletableFuture<QueueEntry> welcome() {
        return session.send(new StreamFileCommand(settings.welcomePrompt(), ""), PROMPT_DEADLINE)
                .thenApply(reply -> new QueueEntry(settings.queue(), Map.of(), 0));
    }

    /**
     * Runs the IVR flow. It starts once the caller's customer is known (the VIP skip needs it), or
     * after a short wait for the look-up. Completes with where the caller queues, or null when
     * the IVR ended the call (self-service, a closed message) or the caller left.
     */
    private CompletableFuture<QueueEntry> runIvr(IvrFlow flow) {
        return customer.copy().completeOnTimeout(Optional.empty(), CUSTOMER_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenComposeAsync(view -> {
                    CallerContext context = view.map(v -> CallerContext.of(v.customer())).orElse(CallerContext.unknown());
                    ivr = new IvrRun(flow, shared.clock(), context);
                    return new IvrDriver(session, ivr, context, callback.ivrDialogue()).run();
                }, session.executor())
                .thenCompose(this::ivrEnded);
    }

    private CompletableFuture<QueueEntry> ivrEnded(Step last) {
        call.ivrEnded(ivr.trace(), ivr.ivrSeconds());
        changed();
        return switch (last) {
            case Step.Route route -> CompletableFuture.completedFuture(
                    new QueueEntry(route.queue(), route.skills(), route.priority()));
            case Step.Hangup hangup -> (hangup.prompt() == null ? CompletableFuture.<AgiReply>completedFuture(null)
                    : session.send(new StreamFileCommand(hangup.prompt(), ""), PROMPT_DEADLINE))
                    .thenApply(reply -> {
                        finish(selfServed() ? CallOutcome.SELF_SERVED : CallOutcome.ENDED_BY_IVR);
                        return (QueueEntry) null;
                    });
            case null, default -> {
                finish(null);
                yield CompletableFuture.completedFuture(null);
            }
        };
    }

    private boolean selfServed() {
        return ivr != null && ivr.outcome().map(IvrOutcome::selfServed).orElse(false);
    }

    /** Music on, then the caller waits for a person: from here the wait, the apology and ASA count. */
    private CompletableFuture<Void> queue(QueueEntry entry) {
        return session.send(new SetMusicOnCommand(settings.musicClass())).thenCompose(reply -> {
            call.enteredQueue(entry.queue(), shared.clock().instant());
            call.waiting();
            changed();
            // The ACD applies the join on its own thread; the first poll waits for it, so a caller
            // who finds an agent free is rung at once, not one poll later.
            HotlineConfig.QueueSection queue = settings.queueNamed(entry.queue());
            Instant now = shared.clock().instant();
            announcements = shared.announcer().forCall(session, call, queue.name(), queue.skill(),
                    ivr == null ? null : ivr.language(), settings.musicClass(), now);
            place = new Acd.WaitingCall(call.id(), queue.name(), queue.skill(), call.arrivedAt(), now,
                    entry.skills(), entry.priority(), queue.relaxationSteps());
            return shared.acd().join(place);
        });
    }

    /**
     * Rings the agent the ACD has for this caller; else, when one is due, offers a callback (taken:
     * the call ends; declined: back to the music, or at the maximum wait the message) or tells the
     * caller their place and estimated wait; else waits one poll interval on music. Then asks again.
     */
    private void waitForAgent() {
        if (callerGone()) {
            finish(null);
            return;
        }
        if (callback.takenInIvr(place, ivr)) {
            finish(CallOutcome.CALLBACK_REQUESTED);
            return;
        }
        Duration waited = call.waitedBy(shared.clock().instant());
        boolean atMaxWait = !waited.minus(settings.maxWait()).isNegative();
        if (callback.due(place, waited, atMaxWait)) {
            callback.offer(place).thenAccept(taken -> {
                if (taken || callerGone()) {
                    finish(taken ? CallOutcome.CALLBACK_REQUESTED : null);
                } else if (atMaxWait) {
                    maxWaitReached();
                } else {
                    backToWaiting();
                }
            }).exceptionally(this::failed);
            return;
        }
        if (atMaxWait) {
            maxWaitReached();
            return;
        }
        shared.acd().pollOffer(call.id()).ifPresentOrElse(offer -> {
            call.routed(offer.decision());
            ring(offer.agent());
        }, () -> announcements.due(shared.clock().instant()).ifPresentOrElse(
                due -> announcements.announce(due)
                        .thenRun(this::waitForAgent)
                        .exceptionally(this::failed),
                () -> session.send(new WaitForDigitCommand(settings.waitPoll().toMillis()),
                                settings.waitPoll().plus(session.defaultDeadline()))
                        .thenRun(this::waitForAgent)
                        .exceptionally(this::failed)));
    }

    /** The queue's longest wait is over: the caller hears why, and the call ends cleanly (never silence). */
    private void maxWaitReached() {
        shared.acd().leave(call.id());
        call.note(shared.clock().instant(), "max-wait", settings.maxWait().toSeconds() + " s");
        log.info("call {}: waited the queue's maximum of {} s; ending it with the message", call.id(),
                settings.maxWait().toSeconds());
        session.send(new StreamFileCommand(settings.maxWaitPrompt(), ""), PROMPT_DEADLINE)
                .thenRun(() -> finish(CallOutcome.MAX_WAIT))
                .exceptionally(this::failed);
    }

    private void ring(Agent agent) {
        Instant startedAt = shared.clock().instant();
        boolean apologise = settings.standards().owesApology(call.waitedBy(startedAt));
        // g: when the agent hangs up, the caller stays (for the survey); without it the Dial hangs them up.
        String options = "m(" + settings.musicClass() + ")" + (settings.survey().isPresent() ? "g" : "")
                + (apologise ? "A(" + settings.agentApologyCue() + ":" + settings.apologyPrompt() + ")" : "");
        String dial = settings.dialStringOf(agent.extension()) + ","
                + seconds(settings.standards().agentRingLimit()) + "," + options;
        call.note(startedAt, "agent-ringing", agent.id());
        call.ringing(agent.id(), startedAt);
        open = new OpenAttempt(agent, startedAt, apologise);
        changed();
        ScreenPops.publishOnceKnown(shared.floor(), customer, call, agent, startedAt, apologise, settings);
        // No deadline: Dial returns when the conversation ends. A dead peer is found by TCP keep-alive.
        session.send(new ExecCommand("Dial", dial), null)
                .thenCompose(reply -> {
                    if (!reply.isSuccess()) {
                        // Not the agent's doing: the dial string or Asterisk is wrong. Waiting on would
                        // loop for ever, so the caller goes to the dialplan's fallback.
                        throw new IllegalStateException("Asterisk refused the Dial of " + agent.id() + ": " + reply.raw());
                    }
                    return session.send(new GetFullVariableCommand("${DIALSTATUS}"));
                })
                .thenAccept(reply -> ringEnded(agent, startedAt, apologise, DialOutcome.parse(reply)))
                .exceptionally(this::failed);
    }

    private void ringEnded(Agent agent, Instant startedAt, boolean apologise, DialOutcome dial) {
        if (open == null) {
            return; // already closed by the end of the call
        }
        open = null;
        Result result = dial.result(callerGone());
        Duration ringing = Duration.between(startedAt, shared.clock().instant());
        if (result == Result.ANSWERED) {
            // Dial returned at the end of the conversation: the answer time comes from Asterisk's
            // report of the agent's phone going off hook (AMI). Without it, it is unknown.
            ringing = call.pickedUpAt(agent.id()).map(at -> Duration.between(startedAt, at)).orElseGet(() -> {
                log.warn("call {}: no AMI report of agent {}'s answer; ring time recorded as 0", call.id(), agent.id());
                return Duration.ZERO;
            });
        }
        call.agentRung(agent.id(), startedAt, ringing, result);
        shared.roster().ringEnded(agent.id(), call.id(), result);
        if (result == Result.ANSWERED) {
            if (apologise) {
                call.apologised(startedAt.plus(ringing));
            }
            // Dial returns when the conversation is over: the agent is free again (in finish).
            connected = agent;
            if (settings.survey().filter(survey -> survey.asks(ivr)).isPresent() && !callerGone()) {
                survey(settings.survey().get()); // the agent hung up first: the caller is still on the line
            } else {
                finish(null);
            }
            return;
        }
        log.info("call {}: agent {} {} after {} ms", call.id(), agent.id(), result.wireName(), ringing.toMillis());
        shared.floor().publish(new FloorEvent.RingEnded(agent.id(), call.id(), result));
        call.waiting();
        changed();
        shared.acd().ringFailed(call.id());
        if (callerGone()) {
            finish(null);
            return;
        }
        backToWaiting();
    }

    /** Music on again, and the caller waits on for a person. */
    private void backToWaiting() {
        session.send(new SetMusicOnCommand(settings.musicClass()))
                .thenRun(this::waitForAgent)
                .exceptionally(this::failed);
    }

    /**
     * The post-call survey, once the agent hung up first. The talk time ends here; the answers
     * reach the call as they come. However the survey ends (answered, the caller leaving, an
     * error), the call ends normally: the caller was served, so never the dialplan's fallback.
     */
    private void survey(SurveySettings survey) {
        Instant conversationEnd = shared.clock().instant();
        call.conversationEnded(conversationEnd);
        call.note(conversationEnd, "survey", "started");
        // The agent's part is over: wrap-up starts now and the next caller may have them, while
        // this caller answers the survey (a disposition given meanwhile waits for the record).
        shared.roster().callEnded(connected.id(), call.id());
        connected = null;
        new SurveyDriver(session, survey.spokenIn(settings.ivr(), ivr), call::surveyAnswered).run().whenComplete((answers, error) -> {
            if (error != null) {
                log.warn("call {}: the survey ended early: {}", call.id(), error.toString());
            }
            finish(null);
        });
    }

    /**
     * Ends the call once, whatever ended it: leaves the ACD, releases the agent it rang or
     * connected (recording how that attempt ended), records the call, and lets Asterisk finish
     * the dialplan.
     */
    private void finish(CallOutcome outcome) {
        if (finished || call == null) {
            return;
        }
        finished = true;
        shared.acd().leave(call.id());
        Instant end = hungUpAt != null ? hungUpAt : call.callerHungUpAt() != null ? call.callerHungUpAt()
                : shared.clock().instant();
        OpenAttempt attempt = open;
        open = null;
        if (attempt != null && attempt.closeWithTheCall(call, shared.roster(), shared.floor(), end)) {
            connected = attempt.agent();
        }
        if (ivr != null && !ivr.finished()) {
            ivr.callerLeft(); // the caller hung up in the IVR: what they chose so far stays on the record
            call.ivrEnded(ivr.trace(), ivr.ivrSeconds());
        }
        if (outcome == null && selfServed() && !call.agentAnswered()) {
            outcome = CallOutcome.SELF_SERVED;
        }
        call.ended(end, outcome != null ? outcome : outcomeOfAnEndNotFromTheCaller());
        shared.liveCalls().remove(call.id());
        CallRecord record = call.toRecord(end);
        log.info("call {} from {} ended: {} (waited {} s, agent {})", call.id(), record.caller(),
                record.outcome().wireName(), record.waitSeconds(), record.agent());
        try {
            shared.recorder().accept(record);
        } catch (RuntimeException e) {
            log.error("call {}: could not hand the record to the store", call.id(), e);
        }
        shared.floor().publish(new FloorEvent.CallEnded(record));
        if (connected != null) {
            shared.roster().callEnded(connected.id(), call.id());
        }
        if (session.isClosed() || record.outcome() == CallOutcome.FALLBACK) {
            session.close();
            return;
        }
        // The caller was served (or left): tell the dialplan not to fall back, then hang up.
        session.send(new SetVariableCommand("HOTLINE_DONE", "1"))
                .thenCompose(reply -> callerGone() ? CompletableFuture.completedFuture(reply)
                        : session.send(new HangupCommand()))
                .whenComplete((reply, error) -> session.close());
    }

    /**
     * How a call ended that its caller did not end: null (derive it: answered, abandoned) when
     * the caller hung up, a conversation took place, or the call ends normally; {@code fallback}
     * when Hotline closed the session (a deadline, a protocol error, its own failure or shutdown)
     * and the dialplan's fallback takes the caller; {@code interrupted} when the other side cut
     * the session and nothing better is known.
     */
    private CallOutcome outcomeOfAnEndNotFromTheCaller() {
        if (session.isHungUp() || call.callerHungUpAt() != null || call.agentAnswered()) {
            return null;
        }
        if (handedToFallback || session.closedByHotline().isPresent()) {
            return CallOutcome.FALLBACK;
        }
        return session.isClosed() ? CallOutcome.INTERRUPTED : null;
    }

    private void changed() {
        shared.floor().publish(new FloorEvent.CallChanged(call.view()));
    }

    /**
     * Something went wrong on Hotline's side or the session was cut. If the caller is still
     * there, Hotline closes the session without {@code HOTLINE_DONE}: the dialplan's fallback
     * queue takes them, and the outcome says {@code fallback}.
     */
    private Void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (session.isClosed() || callerGone()) {
            log.debug("call {}: session ended: {}", call == null ? "?" : call.id(), cause.toString());
        } else {
            log.error("call {}: Hotline failed, handing the caller to the dialplan fallback", session.uniqueId(), cause);
            handedToFallback = true;
            session.abort(cause);
        }
        finish(null);
        return null;
    }

    private boolean callerGone() {
        return session.isHungUp() || session.isClosed();
    }

    /** How long the IVR waits for the customer look-up before it starts without it. */
    private static final Duration CUSTOMER_WAIT = Duration.ofMillis(300);
    /** A prompt may be long; a hung Asterisk is still noticed. */
    private static final Duration PROMPT_DEADLINE = Duration.ofMinutes(2);

    private static String seconds(Duration d) {
        return Decimals.fixed(d.toMillis() / 1000.0, 1);
    }
}

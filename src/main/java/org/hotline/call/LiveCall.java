package org.hotline.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.call.CallRecord.TimelineEntry;
import org.hotline.standards.PhoneStandards;

/**
 * One call while it is in progress: what happened so far, in domain words. Its session drives it;
 * the AMI adapter may add timeline entries from another thread, hence the monitor.
 * {@link #toRecord} gives the {@link CallRecord} at any moment.
 */
public final class LiveCall {

    private final String id;
    private final String caller;
    /** The queue the caller waits in: the configured first queue until the IVR routes them elsewhere. */
    private String queue;
    private final Instant arrivedAt;
    private final PhoneStandards standards;
    private final List<AgentAttempt> attempts = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final java.util.Map<String, Instant> pickedUp = new java.util.HashMap<>();
    private Instant systemAnsweredAt;
    private String agent;
    private Instant agentAnsweredAt;
    private boolean apologised;
    private Instant endedAt;
    private CallOutcome outcome = CallOutcome.LIVE;
    private Phase phase = Phase.ARRIVED;
    /** The agent being rung or talked to, and their channel as Asterisk named it (for monitoring). */
    private String currentAgent;
    private String currentAgentChannel;
    private String customerId;
    private String customerName;
    private boolean vip;
    private CallRecord.PopTiming pop;
    private Instant callerHungUpAt;
    private final List<RoutingDecision> routing = new ArrayList<>();
    /** When the caller began to wait for a person (entered the queue); null while in the IVR. */
    private Instant enteredQueueAt;
    private org.hotline.ivr.IvrTrace ivr;
    private Double ivrSeconds;
    /** When the conversation with the agent ended (the Dial returned); null: it lasts until the call ends. */
    private Instant conversationEndedAt;
    /** The post-call survey's answers so far; null when no survey was asked. */
    private SurveyAnswers survey;
    /** The callback offered to this caller and their answer; null when none was offered. */
    private CallRecord.CallbackOffer callback;
    /** On a callback Hotline places: the call that asked for it. */
    private String callbackOf;
    private int attemptsLeftOut;
    private int timelineLeftOut;

    /** Attempts kept per call; more (a phone skipped again and again) are counted, not listed. */
    static final int MAX_ATTEMPTS = 100;
    static final int MAX_TIMELINE = 400;

    /** Where the call stands, as the board shows it. */
    public enum Phase {
        /** Answered by the IVR, not yet waiting for a person. */
        ARRIVED,
        WAITING,
        RINGING,
        TALKING;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A live call as the board shows it. {@code waitingSince} is when the wait for a person began. */
    public record View(String callId, String caller, String queue, String customer, boolean vip,
                       Instant waitingSince, String state, String agent) {
    }

    public LiveCall(String id, String caller, String queue, Instant arrivedAt, PhoneStandards standards) {
        this.id = id;
        this.caller = caller;
        this.queue = queue;
        this.arrivedAt = arrivedAt;
        this.standards = standards;
        timeline.add(new TimelineEntry(arrivedAt, "arrived", caller));
    }

    public String id() {
        return id;
    }

    public synchronized String queue() {
        return queue;
    }

    /** The IVR ended: what the caller chose, and how long it took. */
    public synchronized void ivrEnded(org.hotline.ivr.IvrTrace trace, double seconds) {
        ivr = trace;
        ivrSeconds = Math.round(seconds * 1000) / 1000.0;
    }

    public synchronized org.hotline.ivr.IvrTrace ivr() {
        return ivr;
    }

    /** The caller enters {@code queueName} to wait for a person: the wait (apology, ASA, service level) counts from now. */
    public synchronized void enteredQueue(String queueName, Instant at) {
        queue = queueName;
        if (enteredQueueAt == null) {
            enteredQueueAt = at;
            note(at, "queued", queueName);
        }
    }

    /** When the wait for a person began: the queue entry, or the arrival for a call that never had an IVR. */
    private Instant waitStart() {
        return enteredQueueAt != null ? enteredQueueAt : arrivedAt;
    }

    public Instant arrivedAt() {
        return arrivedAt;
    }

    public String caller() {
        return caller;
    }

    public synchronized View view() {
        return new View(id, caller, queue, customerName, vip, waitStart(), phase.wireName(), currentAgent);
    }

    public synchronized Phase phase() {
        return phase;
    }

    /** The caller's number matched a customer. */
    public synchronized void identified(String id, String name, boolean isVip) {
        customerId = id;
        customerName = name;
        vip = isVip;
    }

    public synchronized String customerId() {
        return customerId;
    }

    /** The caller now waits for a person (or again, after an agent did not answer). */
    public synchronized void waiting() {
        phase = Phase.WAITING;
        currentAgent = null;
        currentAgentChannel = null;
    }

    /** Hotline begins ringing {@code agentId}: the pop's clock starts here. */
    public synchronized void ringing(String agentId, Instant at) {
        phase = Phase.RINGING;
        currentAgent = agentId;
        currentAgentChannel = null;
        pop = new CallRecord.PopTiming(agentId, at, null, null);
    }

    /** The pop for the agent now rung left for their desktop. */
    public synchronized void popSent(String agentId, Instant at) {
        if (pop != null && pop.agent().equals(agentId) && pop.sentAt() == null) {
            pop = new CallRecord.PopTiming(agentId, pop.ringingAt(), at, null);
        }
    }

    /**
     * The agent's desktop reported the pop on screen. Returns the time from ringing to the ack,
     * or null when this ack is not for the current pop or came twice.
     */
    public synchronized Duration popAcked(String agentId, Instant at) {
        if (pop == null || !pop.agent().equals(agentId) || pop.ackedAt() != null) {
            return null;
        }
        pop = new CallRecord.PopTiming(agentId, pop.ringingAt(), pop.sentAt(), at);
        return Duration.between(pop.ringingAt(), at);
    }

    /** The ACD gave the caller an agent, for this reason. Bounded like the attempts. */
    public synchronized void routed(RoutingDecision decision) {
        if (routing.size() < MAX_ATTEMPTS) {
            routing.add(decision);
        }
    }

    /** True once an agent answered (the attempt closed as answered). */
    public synchronized boolean agentAnswered() {
        return agentAnsweredAt != null;
    }

    /** Asterisk reported the caller's channel hung up (AMI); the FastAGI session may not have said so. */
    public synchronized void callerHungUp(Instant at) {
        if (callerHungUpAt == null) {
            callerHungUpAt = at;
        }
    }

    public synchronized Instant callerHungUpAt() {
        return callerHungUpAt;
    }

    public synchronized CallRecord.PopTiming pop() {
        return pop;
    }

    /** The agent's leg as Asterisk named it, e.g. {@code PJSIP/1001-0000002a}. */
    public synchronized void agentChannel(String agentId, String channel) {
        if (agentId.equals(currentAgent)) {
            currentAgentChannel = channel;
        }
    }

    /** The channel of the agent talking to the caller, if one is. */
    public synchronized java.util.Optional<String> talkingAgentChannel() {
        return phase == Phase.TALKING ? java.util.Optional.ofNullable(currentAgentChannel) : java.util.Optional.empty();
    }

    public synchronized String currentAgent() {
        return currentAgent;
    }

    public synchronized void systemAnswered(Instant at) {
        systemAnsweredAt = at;
        note(at, "system-answered", Decimals.fixed(standards.rings(Duration.between(arrivedAt, at)), 2) + " rings");
    }

    /** How long the caller has waited for a person by {@code now} (since entering the queue). */
    public synchronized Duration waitedBy(Instant now) {
        return Duration.between(waitStart(), now);
    }

    public synchronized void apologised(Instant at) {
        apologised = true;
        note(at, "apology", "caller waited " + Duration.between(waitStart(), at).toSeconds() + " s");
    }

    /** The ringing of one agent ended; {@code answeredAt} is set when the result is ANSWERED. */
    public synchronized void agentRung(String agentId, Instant startedAt, Duration ringing,
                                       AgentAttempt.Result result) {
        AgentAttempt attempt = new AgentAttempt(agentId, startedAt, seconds(ringing), round2(standards.rings(ringing)), result);
        if (attempts.size() < MAX_ATTEMPTS || result == AgentAttempt.Result.ANSWERED) {
            attempts.add(attempt);
        } else {
            attemptsLeftOut++;
        }
        Instant endedRinging = startedAt.plus(ringing);
        if (result == AgentAttempt.Result.ANSWERED) {
            agent = agentId;
            agentAnsweredAt = endedRinging;
            note(endedRinging, "agent-answered", agentId);
        } else {
            note(endedRinging, "agent-" + result.wireName(), agentId);
        }
    }

    /** Asterisk saw {@code agentId}'s phone go off hook (the SIP answer) for this call. First one wins. */
    public synchronized void agentPickedUp(String agentId, Instant at) {
        pickedUp.putIfAbsent(agentId, at);
        if (agentId.equals(currentAgent)) {
            phase = Phase.TALKING;
            // Known from this moment: a snapshot taken now (the journal's) already says answered.
            if (agentAnsweredAt == null) {
                agent = agentId;
                agentAnsweredAt = pickedUp.get(agentId);
            }
        }
    }

    /** When {@code agentId}'s phone answered this call, as Asterisk reported it. */
    public synchronized java.util.Optional<Instant> pickedUpAt(String agentId) {
        return java.util.Optional.ofNullable(pickedUp.get(agentId));
    }

    /**
     * Adds a timeline entry. A call that waits long while phones are skipped (busy, unreachable)
     * would grow without end: past {@link #MAX_TIMELINE} entries only the end is still noted.
     */
    public synchronized void note(Instant at, String event, String detail) {
        if (timeline.size() < MAX_TIMELINE || event.equals("ended")) {
            timeline.add(new TimelineEntry(at, event, detail));
        } else {
            timelineLeftOut++;
        }
    }

    /**
     * The agent's side of the conversation ended while the caller stays on the line (for the
     * survey): the talk time stops here, not at the end of the call.
     */
    public synchronized void conversationEnded(Instant at) {
        if (conversationEndedAt == null && agentAnsweredAt != null) {
            conversationEndedAt = at;
            note(at, "conversation-ended", agent);
        }
    }

    /** The agent's side of the conversation ended and the caller is still on the line (in the survey). */
    public synchronized boolean conversationOver() {
        return conversationEndedAt != null && endedAt == null;
    }

    /** The caller was offered a callback and answered it (took it, with the number, or declined). */
    public synchronized void callbackOffered(CallRecord.CallbackOffer offer) {
        callback = offer;
        note(offer.offeredAt(), "callback-offered", offer.accepted() ? "accepted " + offer.number() : "declined");
    }

    public synchronized CallRecord.CallbackOffer callbackOffer() {
        return callback;
    }

    /** This call is Hotline calling a customer back for the call {@code originalId}. */
    public synchronized void callbackFor(String originalId, CallRecord.CallbackOffer offer) {
        callbackOf = originalId;
        callback = offer;
    }

    public synchronized String callbackOf() {
        return callbackOf;
    }

    /** The survey's answers so far: kept as they come, so a caller who hangs up mid-survey keeps theirs. */
    public synchronized void surveyAnswered(SurveyAnswers answers) {
        survey = answers;
    }

    /** The call is over. The outcome follows from what happened unless {@code override} is given. */
    public synchronized void ended(Instant at, CallOutcome override) {
        if (endedAt != null) {
            return;
        }
        endedAt = at;
        if (override != null) {
            outcome = override;
        } else if (agentAnsweredAt != null) {
            outcome = CallOutcome.ANSWERED;
        } else if (systemAnsweredAt != null) {
            outcome = CallOutcome.ABANDONED;
        } else {
            outcome = CallOutcome.ABANDONED_RINGING;
        }
        if (attemptsLeftOut > 0 || timelineLeftOut > 0) {
            timeline.add(new TimelineEntry(at, "left-out", attemptsLeftOut + " agent attempts and "
                    + timelineLeftOut + " timeline entries beyond the first " + MAX_ATTEMPTS + " and " + MAX_TIMELINE));
        }
        note(at, "ended", outcome.wireName());
    }

    public synchronized boolean isEnded() {
        return endedAt != null;
    }

    public synchronized CallRecord toRecord(Instant now) {
        Instant end = endedAt != null ? endedAt : now;
        Instant waitEnd = agentAnsweredAt != null ? agentAnsweredAt : end;
        Double answerRings = systemAnsweredAt == null ? null
                : round2(standards.rings(Duration.between(arrivedAt, systemAnsweredAt)));
        Instant talkEnd = conversationEndedAt != null ? conversationEndedAt : end;
        double talk = agentAnsweredAt == null ? 0 : seconds(Duration.between(agentAnsweredAt, talkEnd));
        return new CallRecord(id, caller, queue, arrivedAt, systemAnsweredAt, answerRings, agent, agentAnsweredAt,
                enteredQueueAt == null && ivr != null ? 0 : seconds(Duration.between(waitStart(), waitEnd)),
                apologised, outcome, attempts, endedAt, talk,
                timeline.stream().sorted(java.util.Comparator.comparing(TimelineEntry::at)).toList(),
                customerId, pop, null, null, routing, ivr, ivrSeconds, survey, callback, callbackOf);
    }

    private static double seconds(Duration d) {
        return Math.max(0, d.toMillis()) / 1000.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package org.hotline.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hotline.ivr.IvrTrace;

/**
 * The finished (or, while live, the so-far) account of one call to the hotline. This is what is
 * stored in Redis as JSON and served by {@code /api/calls}; every field name is part of that
 * contract. Times are UTC instants; durations are whole-or-fractional seconds.
 *
 * @param id                unique id of the call (Asterisk's uniqueid of the caller's channel)
 * @param caller            the caller's number (From user part)
 * @param queue             the queue the call was routed to
 * @param arrivedAt         when Asterisk received the call
 * @param systemAnsweredAt  when the IVR answered, null if it never did
 * @param systemAnswerRings rings the caller heard before the IVR answered (seconds / cadence)
 * @param agent             id of the agent who answered, null if none
 * @param agentAnsweredAt   when that agent answered
 * @param waitSeconds       arrival until an agent answered, or until the call ended unanswered
 * @param apologised        whether the apology prompt was played before the agent was connected
 * @param outcome           how the call ended
 * @param agentAttempts     every agent rung, in order
 * @param endedAt           when the call ended, null while live
 * @param talkSeconds       agent answer until the end, 0 if no agent answered
 * @param timeline          what happened, in order
 * @param customerId        the customer the caller's number belongs to, null if unknown
 * @param pop               the screen-pop of the last agent rung: when ringing began, when the pop
 *                          was sent to the agent's desktop, when the desktop showed it; null if none
 * @param disposition       what the agent recorded after the call, null until given
 * @param wrapUpSeconds     the agent's after-call work, null until their wrap-up ended
 * @param routing           every decision the ACD made for the call, in order
 * @param ivr               what the caller chose and entered in the IVR, in order; null without an IVR
 * @param ivrSeconds        time in the IVR, from its first prompt to its end; null without an IVR
 * @param survey            the caller's answers to the post-call survey; null when no survey was asked
 * @param callback          on a caller's call: the callback offered to them and their answer; null when
 *                          none was offered
 * @param callbackOf        on a callback (Hotline calling a customer back): the id of the call that asked
 *                          for it; null on a caller's call. A callback's outcome is {@code answered} when
 *                          the customer was reached and bridged to the agent, else {@code callback-failed}
 */
public record CallRecord(
        String id,
        String caller,
        String queue,
        Instant arrivedAt,
        Instant systemAnsweredAt,
        Double systemAnswerRings,
        String agent,
        Instant agentAnsweredAt,
        double waitSeconds,
        boolean apologised,
        CallOutcome outcome,
        List<AgentAttempt> agentAttempts,
        Instant endedAt,
        double talkSeconds,
        List<TimelineEntry> timeline,
        String customerId,
        PopTiming pop,
        Disposition disposition,
        Double wrapUpSeconds,
        List<RoutingDecision> routing,
        IvrTrace ivr,
        Double ivrSeconds,
        SurveyAnswers survey,
        CallbackOffer callback,
        String callbackOf) {

    public CallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        Objects.requireNonNull(outcome, "outcome");
        agentAttempts = List.copyOf(agentAttempts);
        timeline = List.copyOf(timeline);
        routing = routing == null ? List.of() : List.copyOf(routing);
    }

    /** A record without the screen and after-call parts (customer, pop, disposition, wrap-up). */
    public CallRecord(String id, String caller, String queue, Instant arrivedAt, Instant systemAnsweredAt,
                      Double systemAnswerRings, String agent, Instant agentAnsweredAt, double waitSeconds,
                      boolean apologised, CallOutcome outcome, List<AgentAttempt> agentAttempts, Instant endedAt,
                      double talkSeconds, List<TimelineEntry> timeline) {
        this(id, caller, queue, arrivedAt, systemAnsweredAt, systemAnswerRings, agent, agentAnsweredAt, waitSeconds,
                apologised, outcome, agentAttempts, endedAt, talkSeconds, timeline, null, null, null, null, List.of(), null, null,
                null, null, null);
    }

    /** A record without a survey. */
    public CallRecord(String id, String caller, String queue, Instant arrivedAt, Instant systemAnsweredAt,
                      Double systemAnswerRings, String agent, Instant agentAnsweredAt, double waitSeconds,
                      boolean apologised, CallOutcome outcome, List<AgentAttempt> agentAttempts, Instant endedAt,
                      double talkSeconds, List<TimelineEntry> timeline, String customerId, PopTiming pop,
                      Disposition disposition, Double wrapUpSeconds, List<RoutingDecision> routing, IvrTrace ivr,
                      Double ivrSeconds) {
        this(id, caller, queue, arrivedAt, systemAnsweredAt, systemAnswerRings, agent, agentAnsweredAt, waitSeconds,
                apologised, outcome, agentAttempts, endedAt, talkSeconds, timeline, customerId, pop, disposition,
                wrapUpSeconds, routing, ivr, ivrSeconds, null, null, null);
    }

    /** A caller's call that was offered no callback. */
    public CallRecord(String id, String caller, String queue, Instant arrivedAt, Instant systemAnsweredAt,
                      Double systemAnswerRings, String agent, Instant agentAnsweredAt, double waitSeconds,
                      boolean apologised, CallOutcome outcome, List<AgentAttempt> agentAttempts, Instant endedAt,
                      double talkSeconds, List<TimelineEntry> timeline, String customerId, PopTiming pop,
                      Disposition disposition, Double wrapUpSeconds, List<RoutingDecision> routing, IvrTrace ivr,
                      Double ivrSeconds, SurveyAnswers survey) {
        this(id, caller, queue, arrivedAt, systemAnsweredAt, systemAnswerRings, agent, agentAnsweredAt, waitSeconds,
                apologised, outcome, agentAttempts, endedAt, talkSeconds, timeline, customerId, pop, disposition,
                wrapUpSeconds, routing, ivr, ivrSeconds, survey, null, null);
    }

    public CallRecord withDisposition(Disposition value) {
        return new CallRecord(id, caller, queue, arrivedAt, systemAnsweredAt, systemAnswerRings, agent,
                agentAnsweredAt, waitSeconds, apologised, outcome, agentAttempts, endedAt, talkSeconds, timeline,
                customerId, pop, value, wrapUpSeconds, routing, ivr, ivrSeconds, survey, callback, callbackOf);
    }

    public CallRecord withWrapUpSeconds(double value) {
        return new CallRecord(id, caller, queue, arrivedAt, systemAnsweredAt, systemAnswerRings, agent,
                agentAnsweredAt, waitSeconds, apologised, outcome, agentAttempts, endedAt, talkSeconds, timeline,
                customerId, pop, disposition, value, routing, ivr, ivrSeconds, survey, callback, callbackOf);
    }

    /** True when {@code agentId} answered the call or was rung for it. */
    public boolean involves(String agentId) {
        return agentId.equals(agent) || agentAttempts.stream().anyMatch(a -> agentId.equals(a.agent()));
    }

    /**
     * True when this record is a callback Hotline placed, not a call a caller placed. Not a JSON
     * field: Jackson would write it as {@code "callback": false} over the {@code callback} offer,
     * and then fail to read the record back.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCallback() {
        return callbackOf != null;
    }

    /** True when an agent answered the call. */
    public boolean answeredByAgent() {
        return agentAnsweredAt != null;
    }

    /**
     * How fast the screen-pop reached the agent: {@code ringingAt} when Hotline began ringing the
     * agent, {@code sentAt} when the pop left for their desktop (null: no desktop connected),
     * {@code ackedAt} when the desktop reported it on screen (null: never).
     */
    public record PopTiming(String agent, Instant ringingAt, Instant sentAt, Instant ackedAt) {
    }

    /**
     * A callback offered to a waiting caller: when, whether they took it, and the number to call
     * (the caller's own or one they keyed; null when declined).
     */
    public record CallbackOffer(Instant offeredAt, boolean accepted, String number) {
    }

    /** One line of a call's timeline: {@code at} and what happened, e.g. {@code agent-ringing 1001}. */
    public record TimelineEntry(Instant at, String event, String detail) {
    }
}

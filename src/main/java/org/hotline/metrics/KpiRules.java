package org.hotline.metrics;

import java.time.Duration;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.SurveyAnswers;
import org.hotline.standards.PhoneStandards;

/**
 * The arithmetic of the KPIs: what one finished call adds to its queue's counters, and how the
 * counters become the figures on the board. The formulas are stated in the README.
 *
 * <p>Callbacks. A caller who took a callback ({@code callback-requested}) was offered, but is
 * neither answered nor abandoned nor a service-level miss: the callback serves them. The record of
 * the callback itself ({@code callbackOf} set) is no new offered call: it counts only in
 * {@code callbacksCompleted} (when it reached the customer), in the agent's side (attempts,
 * misses, talk and wrap-up, so AHT divides by answered calls plus completed callbacks) and in the
 * survey, whose answers are about the same service.
 */
public final class KpiRules {

    private final PhoneStandards standards;
    private final FirstContactRule firstContact;

    /** With the default FCR window, numbers compared as received (tests, tools). */
    public KpiRules(PhoneStandards standards) {
        this(standards, FirstContactRule.DEFAULT);
    }

    public KpiRules(PhoneStandards standards, FirstContactRule firstContact) {
        this.standards = standards;
        this.firstContact = firstContact;
    }

    /** Which calls count for first-contact resolution, and for whom; the store matches repeats with it. */
    public FirstContactRule firstContact() {
        return firstContact;
    }

    /** What one finished call adds to its queue's counters. */
    public KpiCounters contribution(CallRecord call) {
        if (call.isCallback()) {
            return callbackContribution(call);
        }
        boolean answered = call.answeredByAgent();
        boolean abandoned = call.outcome() == CallOutcome.ABANDONED || call.outcome() == CallOutcome.ABANDONED_RINGING;
        Duration wait = Duration.ofMillis(Math.round(call.waitSeconds() * 1000));
        boolean withinServiceLevel = standards.withinServiceLevel(wait);
        boolean systemAnswered = call.systemAnsweredAt() != null;
        boolean systemInTime = systemAnswered
                && standards.systemAnswerInTime(Duration.between(call.arrivedAt(), call.systemAnsweredAt()));
        boolean longWaitAnswered = answered && standards.owesApology(wait);
        long misses = call.agentAttempts().stream().filter(AgentAttempt::missed).count();
        SurveyAnswers survey = call.survey() == null ? SurveyAnswers.NONE : call.survey();
        return new KpiCounters(
                1,
                answered ? 1 : 0,
                abandoned ? 1 : 0,
                answered && withinServiceLevel ? 1 : 0,
                abandoned && withinServiceLevel ? 1 : 0,
                answered ? call.waitSeconds() : 0,
                answered ? call.talkSeconds() : 0,
                systemAnswered ? 1 : 0,
                systemInTime ? 1 : 0,
                call.agentAttempts().size(),
                misses,
                longWaitAnswered ? 1 : 0,
                longWaitAnswered && call.apologised() ? 1 : 0,
                0,
                survey.csat() != null ? 1 : 0,
                survey.satisfied() ? 1 : 0,
                survey.nps() != null ? 1 : 0,
                survey.promoter() ? 1 : 0,
                survey.detractor() ? 1 : 0,
                survey.ces() != null ? 1 : 0,
                survey.ces() != null ? survey.ces() : 0,
                call.outcome() == CallOutcome.SELF_SERVED ? 1 : 0,
                call.ivr() != null ? 1 : 0,
                call.outcome() == CallOutcome.MAX_WAIT ? 1 : 0,
                call.callback() != null ? 1 : 0,
                call.callback() != null && call.callback().accepted() ? 1 : 0,
                0,
                firstContact.eligible(call) ? 1 : 0,
                0);
    }

    /** A callback Hotline placed: completed or not, and the agent's side of it; never an offered call. */
    private static KpiCounters callbackContribution(CallRecord call) {
        boolean completed = call.outcome() == CallOutcome.ANSWERED && call.answeredByAgent();
        long misses = call.agentAttempts().stream().filter(AgentAttempt::missed).count();
        SurveyAnswers survey = call.survey() == null ? SurveyAnswers.NONE : call.survey();
        return new KpiCounters(0, 0, 0, 0, 0, 0,
                completed ? call.talkSeconds() : 0,
                0, 0,
                call.agentAttempts().size(),
                misses,
                0, 0, 0,
                survey.csat() != null ? 1 : 0,
                survey.satisfied() ? 1 : 0,
                survey.nps() != null ? 1 : 0,
                survey.promoter() ? 1 : 0,
                survey.detractor() ? 1 : 0,
                survey.ces() != null ? 1 : 0,
                survey.ces() != null ? survey.ces() : 0,
                0, 0, 0, 0, 0,
                completed ? 1 : 0,
                0, 0);
    }

    /**
     * The figures of {@code c}, as if no call's FCR window had passed yet (only repeats decided).
     * Percentages are null when nothing qualifies, not 0 or 100.
     */
    public static KpiReport report(String queue, String window, KpiCounters c) {
        return report(queue, window, c, FcrTally.undecided(c));
    }

    /** The figures of {@code c}, with first-contact resolution as {@code fcr} tallies it. */
    public static KpiReport report(String queue, String window, KpiCounters c, FcrTally fcr) {
        return new KpiReport(queue, window, c.offered(), c.answered(), c.abandoned(),
                percent(c.answeredWithinServiceLevel(), serviceLevelCalls(c)),
                average(c.answerWaitSecondsTotal(), c.answered()),
                // AHT counts wrap-up as the industry does: talk plus after-call work, per handled call
                // (answered calls and completed callbacks, whose talk and wrap-up are in the totals).
                average(c.talkSecondsTotal() + c.wrapUpSecondsTotal(), c.answered() + c.callbacksCompleted()),
                percent(c.abandoned(), c.offered()),
                percent(c.systemAnsweredWithinRingLimit(), c.systemAnswered()),
                c.agentMisses(),
                percent(c.longWaitApologised(), c.longWaitAnswered()),
                percent(c.surveyCsatSatisfied(), c.surveyCsatAnswers()),
                // NPS: promoters (9-10) minus detractors (0-6), as a percentage of the answers: -100..100.
                percent(c.surveyNpsPromoters() - c.surveyNpsDetractors(), c.surveyNpsAnswers()),
                average(c.surveyCesTotal(), c.surveyCesAnswers()),
                c.selfServed(),
                // Containment: of the calls that reached the IVR, the share it served without a person.
                percent(c.selfServed(), c.ivrCalls()),
                fcr.rate(),
                fcr.decided(),
                fcr.pending(),
                c.callbacksOffered(),
                c.callbacksAccepted(),
                c.callbacksCompleted());
    }

    /**
     * The service level's denominator: the calls that waited for a person to a known end.
     * Answered ones; abandoned ones, except those abandoned within the service-level time (a
     * caller who gives up that fast was not failed by the center); and those whose wait reached
     * the queue's maximum (a miss by any measure). Left out: calls that never waited to the end
     * for a person (self-served, ended by the IVR, a callback taken instead of waiting) and those
     * whose end Hotline does not know (fallback to the dialplan, interrupted).
     */
    static long serviceLevelCalls(KpiCounters c) {
        return c.answered() + c.abandoned() - c.abandonedWithinServiceLevel() + c.maxWaitReached();
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static Double average(double total, long count) {
        return count <= 0 ? null : Math.round(10.0 * total / count) / 10.0;
    }
}

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
 */
public final class KpiRules {

    private final PhoneStandards standards;

    public KpiRules(PhoneStandards standards) {
        this.standards = standards;
    }

    /** What one finished call adds to its queue's counters. */
    public KpiCounters contribution(CallRecord call) {
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
                call.ivr() != null ? 1 : 0);
    }

    /** The figures of {@code c}. Percentages are null when nothing qualifies, not 0 or 100. */
    public static KpiReport report(String queue, String window, KpiCounters c) {
        return new KpiReport(queue, window, c.offered(), c.answered(), c.abandoned(),
                percent(c.answeredWithinServiceLevel(), c.offered() - c.abandonedWithinServiceLevel()),
                average(c.answerWaitSecondsTotal(), c.answered()),
                // AHT counts wrap-up as the industry does: talk plus after-call work, per answered call.
                average(c.talkSecondsTotal() + c.wrapUpSecondsTotal(), c.answered()),
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
                percent(c.selfServed(), c.ivrCalls()));
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static Double average(double total, long count) {
        return count <= 0 ? null : Math.round(10.0 * total / count) / 10.0;
    }
}

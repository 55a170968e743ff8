package org.hotline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.LiveCall;
import org.hotline.standards.PhoneStandards;
import org.junit.jupiter.api.Test;

class KpiRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final KpiRules rules = new KpiRules(standards);

    @Test
    void aQuickAnswerCountsInServiceLevelWithoutApologyOwed() {
        KpiCounters c = rules.contribution(answered("q", 1, 8, false, 60));
        assertEquals(1, c.offered());
        assertEquals(1, c.answered());
        assertEquals(1, c.answeredWithinServiceLevel());
        assertEquals(1, c.systemAnsweredWithinRingLimit());
        assertEquals(0, c.longWaitAnswered());
        assertEquals(8.0, c.answerWaitSecondsTotal());
        assertEquals(60.0, c.talkSecondsTotal());
    }

    @Test
    void aLongWaitOwesTheApologyAndMissesTheServiceLevel() {
        KpiCounters apologised = rules.contribution(answered("q", 1, 40, true, 10));
        KpiCounters forgotten = rules.contribution(answered("q", 1, 40, false, 10));
        KpiReport r = KpiRules.report("q", "today", apologised.plus(forgotten));
        assertEquals(2, r.answered());
        assertEquals(0.0, r.serviceLevel());
        assertEquals(50.0, r.apologyCompliance());
        assertEquals(40.0, r.asa());
        assertEquals(10.0, r.aht());
    }

    @Test
    void theFormulasOverAMix() {
        KpiCounters sum = rules.contribution(answered("q", 1, 10, false, 100))       // in SL
                .plus(rules.contribution(answered("q", 20, 30, true, 200)))           // late IVR answer, out of SL
                .plus(rules.contribution(abandoned(5)))                                // short abandon: excluded from SL
                .plus(rules.contribution(abandoned(45)));                              // long abandon
        KpiReport r = KpiRules.report("q", "15m", sum);
        assertEquals(4, r.offered());
        assertEquals(2, r.abandoned());
        assertEquals(50.0, r.abandonRate());
        assertEquals(33.3, r.serviceLevel(), "1 answered in SL / (4 offered - 1 abandoned within SL)");
        assertEquals(75.0, r.systemAnswerWithin3Rings(), "the IVR answered one of four calls after 3 rings");
        assertEquals(20.0, r.asa());
        assertEquals(150.0, r.aht());
        assertEquals(100.0, r.apologyCompliance());
    }

    @Test
    void averageHandleTimeCountsWrapUpAsTheIndustryDoes() {
        KpiCounters talk = new KpiCounters(2, 2, 0, 2, 0, 10, 200, 2, 2, 2, 0, 0, 0);
        KpiReport r = KpiRules.report("q", "today", talk.plus(KpiCounters.wrapUp(40)));
        assertEquals(120.0, r.aht(), "(200 s talk + 40 s wrap-up) / 2 answered");
    }

    @Test
    void nothingToDivideGivesNoPercentage() {
        KpiReport r = KpiRules.report("q", "today", KpiCounters.ZERO);
        assertNull(r.serviceLevel());
        assertNull(r.abandonRate());
        assertNull(r.apologyCompliance());
        assertNull(r.asa());
        assertNull(r.csat());
        assertNull(r.nps());
        assertNull(r.ces());
        assertNull(r.ivrContainment());
        assertEquals(0, r.selfServed());
    }

    @Test
    void surveyFiguresOverTheAnswersGiven() {
        KpiCounters sum = rules.contribution(surveyed(5, 10, 2))       // satisfied, promoter
                .plus(rules.contribution(surveyed(4, 9, 3)))            // satisfied, promoter
                .plus(rules.contribution(surveyed(2, 7, 6)))            // passive on NPS
                .plus(rules.contribution(surveyed(3, 0, null)))         // detractor, no effort answer
                .plus(rules.contribution(surveyed(null, null, null)))   // hung up at once: counts nowhere
                .plus(rules.contribution(answered("q", 1, 8, false, 60))); // no survey asked
        KpiReport r = KpiRules.report("q", "today", sum);
        assertEquals(50.0, r.csat(), "2 of 4 CSAT answers are 4-5");
        assertEquals(25.0, r.nps(), "(2 promoters - 1 detractor) / 4 answers");
        assertEquals(3.7, r.ces(), "(2 + 3 + 6) / 3 answers");
    }

    @Test
    void npsIsNegativeWhenDetractorsOutnumberPromoters() {
        KpiCounters sum = rules.contribution(surveyed(1, 0, 7)).plus(rules.contribution(surveyed(1, 6, 7)))
                .plus(rules.contribution(surveyed(1, 9, 7)));
        KpiReport r = KpiRules.report("q", "today", sum);
        assertEquals(-33.3, r.nps());
        assertEquals(0.0, r.csat());
        assertEquals(7.0, r.ces());
    }

    @Test
    void containmentIsSelfServedOverTheCallsThatReachedTheIvr() {
        KpiCounters sum = rules.contribution(throughIvr(CallOutcome.SELF_SERVED))
                .plus(rules.contribution(throughIvr(CallOutcome.ENDED_BY_IVR)))
                .plus(rules.contribution(throughIvr(null)))                      // went on to a person
                .plus(rules.contribution(throughIvr(CallOutcome.SELF_SERVED)))
                .plus(rules.contribution(answered("q", 1, 8, false, 60)));       // no IVR: not counted
        KpiReport r = KpiRules.report("q", "today", sum);
        assertEquals(2, r.selfServed());
        assertEquals(50.0, r.ivrContainment(), "2 self-served / 4 calls that reached the IVR");
    }

    private CallRecord surveyed(Integer csat, Integer nps, Integer ces) {
        CallRecord r = answered("q", 1, 8, false, 60);
        return new CallRecord(r.id(), r.caller(), r.queue(), r.arrivedAt(), r.systemAnsweredAt(),
                r.systemAnswerRings(), r.agent(), r.agentAnsweredAt(), r.waitSeconds(), r.apologised(), r.outcome(),
                r.agentAttempts(), r.endedAt(), r.talkSeconds(), r.timeline(), r.customerId(), r.pop(),
                r.disposition(), r.wrapUpSeconds(), r.routing(), r.ivr(), r.ivrSeconds(),
                new org.hotline.call.SurveyAnswers(csat, nps, ces));
    }

    private CallRecord throughIvr(CallOutcome outcome) {
        LiveCall call = new LiveCall("ivr-" + outcome, "555", "q", T0, standards);
        call.systemAnswered(T0.plusSeconds(1));
        call.ivrEnded(new org.hotline.ivr.IvrTrace(java.util.List.of(), "en", java.util.Map.of()), 10);
        if (outcome == null) {
            call.agentRung("a", T0.plusSeconds(20), Duration.ofSeconds(1), Result.ANSWERED);
        }
        call.ended(T0.plusSeconds(60), outcome);
        return call.toRecord(T0.plusSeconds(60));
    }

    @Test
    void missesAreCounted() {
        LiveCall call = new LiveCall("id", "555", "q", T0, standards);
        call.systemAnswered(T0.plusSeconds(1));
        call.agentRung("a", T0.plusSeconds(2), Duration.ofSeconds(18), Result.NO_ANSWER);
        call.agentRung("b", T0.plusSeconds(20), Duration.ofSeconds(3), Result.ANSWERED);
        call.ended(T0.plusSeconds(60), null);
        KpiCounters c = rules.contribution(call.toRecord(T0.plusSeconds(60)));
        assertEquals(2, c.agentAttempts());
        assertEquals(1, c.agentMisses());
    }

    private CallRecord answered(String queue, int systemAnswerSecond, int agentAnswerSecond, boolean apology,
                                int talkSeconds) {
        LiveCall call = new LiveCall("id-" + agentAnswerSecond, "555", queue, T0, standards);
        call.systemAnswered(T0.plusSeconds(systemAnswerSecond));
        if (apology) {
            call.apologised(T0.plusSeconds(agentAnswerSecond));
        }
        call.agentRung("a", T0.plusSeconds(agentAnswerSecond - 1), Duration.ofSeconds(1), Result.ANSWERED);
        Instant end = T0.plusSeconds(agentAnswerSecond + talkSeconds);
        call.ended(end, null);
        return call.toRecord(end);
    }

    private CallRecord abandoned(int afterSeconds) {
        LiveCall call = new LiveCall("ab-" + afterSeconds, "555", "q", T0, standards);
        call.systemAnswered(T0.plusSeconds(1));
        call.ended(T0.plusSeconds(afterSeconds), null);
        CallRecord r = call.toRecord(T0.plusSeconds(afterSeconds));
        assertEquals(CallOutcome.ABANDONED, r.outcome());
        return r;
    }
}

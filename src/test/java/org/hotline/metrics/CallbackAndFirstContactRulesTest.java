package org.hotline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.CallRecord.CallbackOffer;
import org.hotline.standards.PhoneStandards;
import org.junit.jupiter.api.Test;

/** The KPI rules for callbacks, the service-level denominator and first-contact resolution, on hand-built records. */
class CallbackAndFirstContactRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final FirstContactRule fcr = new FirstContactRule(Duration.ofDays(7),
            n -> n.replaceAll("[^0-9+]", "").startsWith("+") ? n.replaceAll("[^0-9+]", "") : "+1" + n.replaceAll("\\D", ""));
    private final KpiRules rules = new KpiRules(standards, fcr);

    /** A call as the record contract has it; only what the rules read is set. */
    private static CallRecord call(String id, CallOutcome outcome, double waitSeconds, double talkSeconds,
                                   List<AgentAttempt> attempts, CallbackOffer callback, String callbackOf,
                                   String customerId, String caller) {
        Instant agentAnswered = outcome == CallOutcome.ANSWERED
                ? T0.plusMillis(Math.round(waitSeconds * 1000)) : null;
        return new CallRecord(id, caller, "q", T0, callbackOf == null ? T0.plusSeconds(1) : null,
                callbackOf == null ? 0.2 : null, agentAnswered == null ? null : "1001", agentAnswered, waitSeconds,
                false, outcome, attempts, T0.plusSeconds(600), talkSeconds, List.of(), customerId, null, null, null,
                List.of(), null, null, null, callback, callbackOf);
    }

    private static AgentAttempt attempt(Result result, double ringSeconds) {
        return new AgentAttempt("1001", T0.plusSeconds(5), ringSeconds, ringSeconds / 6, result);
    }

    @Test
    void aCallerWhoTookACallbackIsOfferedButNeitherAnsweredNorAbandonedNorAMiss() {
        CallRecord took = call("c1", CallOutcome.CALLBACK_REQUESTED, 95, 0, List.of(),
                new CallbackOffer(T0.plusSeconds(90), true, "+15550100"), null, "S-1", "5550100");
        KpiCounters c = rules.contribution(took);
        assertEquals(1, c.offered());
        assertEquals(0, c.answered());
        assertEquals(0, c.abandoned());
        assertEquals(1, c.callbacksOffered());
        assertEquals(1, c.callbacksAccepted());
        assertEquals(0, c.callbacksCompleted());
        KpiReport r = KpiRules.report("q", "today", c.plus(rules.contribution(
                call("c2", CallOutcome.ANSWERED, 10, 60, List.of(attempt(Result.ANSWERED, 2)), null, null, null, "5550101"))));
        assertEquals(100.0, r.serviceLevel(), "the callback request is not in the denominator: 1 in SL / 1 answered");
        assertEquals(0.0, r.abandonRate());
        assertEquals(1, r.callbacksOffered());
        assertEquals(1, r.callbacksAccepted());
    }

    @Test
    void aDeclinedOfferCountsAsOfferedOnlyAndTheCallGoesOnAsUsual() {
        CallRecord declined = call("c1", CallOutcome.ANSWERED, 120, 60, List.of(attempt(Result.ANSWERED, 3)),
                new CallbackOffer(T0.plusSeconds(90), false, null), null, null, "5550100");
        KpiCounters c = rules.contribution(declined);
        assertEquals(1, c.callbacksOffered());
        assertEquals(0, c.callbacksAccepted());
        assertEquals(1, c.answered());
        assertEquals(0, c.answeredWithinServiceLevel());
    }

    @Test
    void aCallbackCountsOnlyAsCompletedAndOnTheAgentsSide() {
        CallRecord reached = call("cb1", CallOutcome.ANSWERED, 0, 120,
                List.of(attempt(Result.NO_ANSWER, 18), attempt(Result.ANSWERED, 4)), null, "c1", "S-1", "5550100");
        KpiCounters c = rules.contribution(reached);
        assertEquals(0, c.offered());
        assertEquals(0, c.answered());
        assertEquals(0, c.abandoned());
        assertEquals(0.0, c.answerWaitSecondsTotal(), "ASA is the callers' wait, not the callback's");
        assertEquals(0, c.systemAnswered());
        assertEquals(0, c.fcrCalls(), "a callback belongs to the call that asked for it");
        assertEquals(1, c.callbacksCompleted());
        assertEquals(2, c.agentAttempts());
        assertEquals(1, c.agentMisses());
        assertEquals(120.0, c.talkSecondsTotal());

        CallRecord failed = call("cb2", CallOutcome.CALLBACK_FAILED, 0, 0, List.of(attempt(Result.NO_ANSWER, 18)),
                null, "c9", null, "5550199");
        KpiCounters f = rules.contribution(failed);
        assertEquals(0, f.callbacksCompleted());
        assertEquals(0, f.offered());
        assertEquals(1, f.agentMisses());
    }

    @Test
    void averageHandleTimeDividesByAnsweredCallsAndCompletedCallbacks() {
        KpiCounters sum = rules.contribution(call("c1", CallOutcome.ANSWERED, 5, 100,
                        List.of(attempt(Result.ANSWERED, 2)), null, null, null, "5550100"))
                .plus(rules.contribution(call("cb1", CallOutcome.ANSWERED, 0, 200,
                        List.of(attempt(Result.ANSWERED, 2)), null, "c0", null, "5550101")))
                .plus(KpiCounters.wrapUp(30));
        KpiReport r = KpiRules.report("q", "today", sum);
        assertEquals(1, r.answered());
        assertEquals(165.0, r.aht(), "(100 + 200 talk + 30 wrap-up) / (1 answered + 1 callback)");
        assertEquals(5.0, r.asa());
        assertEquals(1, r.callbacksCompleted());
    }

    @Test
    void theServiceLevelCountsOnlyCallsThatWaitedForAPersonToAKnownEnd() {
        KpiCounters sum = KpiCounters.ZERO;
        sum = sum.plus(rules.contribution(call("in-sl", CallOutcome.ANSWERED, 10, 60,
                List.of(attempt(Result.ANSWERED, 2)), null, null, null, "1")));
        sum = sum.plus(rules.contribution(call("late", CallOutcome.ANSWERED, 40, 60,
                List.of(attempt(Result.ANSWERED, 2)), null, null, null, "2")));
        sum = sum.plus(rules.contribution(call("long-abandon", CallOutcome.ABANDONED, 50, 0, List.of(), null, null,
                null, "3")));
        sum = sum.plus(rules.contribution(call("short-abandon", CallOutcome.ABANDONED, 5, 0, List.of(), null, null,
                null, "4")));
        sum = sum.plus(rules.contribution(call("max-wait", CallOutcome.MAX_WAIT, 900, 0, List.of(), null, null,
                null, "5")));
        for (CallOutcome notWaitingToTheEnd : List.of(CallOutcome.SELF_SERVED, CallOutcome.ENDED_BY_IVR,
                CallOutcome.CALLBACK_REQUESTED, CallOutcome.FALLBACK, CallOutcome.INTERRUPTED)) {
            sum = sum.plus(rules.contribution(call(notWaitingToTheEnd.wireName(), notWaitingToTheEnd, 30, 0,
                    List.of(), null, null, null, "6")));
        }
        KpiReport r = KpiRules.report("q", "today", sum);
        assertEquals(10, r.offered());
        assertEquals(25.0, r.serviceLevel(),
                "1 answered in SL / (2 answered + 2 abandoned - 1 short abandon + 1 max-wait)");
    }

    @Test
    void eligibleCallsAreTheServedOnesOfACustomerWeCanName() {
        assertEquals(Optional.of("customer:S-1"), fcr.customerOf(
                call("a", CallOutcome.ANSWERED, 5, 60, List.of(), null, null, "S-1", "5550100")));
        assertEquals(Optional.of("number:+15550100"), fcr.customerOf(
                call("b", CallOutcome.SELF_SERVED, 0, 0, List.of(), null, null, null, "555-0100")));
        assertEquals(Optional.of("number:+15550100"), fcr.customerOf(
                call("c", CallOutcome.CALLBACK_REQUESTED, 0, 0, List.of(), null, null, null, "5550100")));
        for (CallOutcome unserved : List.of(CallOutcome.ABANDONED, CallOutcome.ABANDONED_RINGING, CallOutcome.MAX_WAIT,
                CallOutcome.FALLBACK, CallOutcome.INTERRUPTED, CallOutcome.ENDED_BY_IVR)) {
            assertFalse(fcr.eligible(call("d", unserved, 5, 0, List.of(), null, null, "S-1", "5550100")),
                    unserved.wireName());
        }
        assertFalse(fcr.eligible(call("cb", CallOutcome.ANSWERED, 0, 60, List.of(), null, "a", "S-1", "5550100")),
                "a callback's own record");
        assertEquals(1, rules.contribution(call("a", CallOutcome.ANSWERED, 5, 60, List.of(), null, null, "S-1",
                "5550100")).fcrCalls());
    }

    @Test
    void fcrCountsACallOnlyOnceItsWindowPassedOrARepeatCame() {
        Duration week = Duration.ofDays(7);
        Instant i1 = Instant.parse("2026-11-10T10:00:00Z");
        Instant i2 = Instant.parse("2026-11-20T10:00:00Z");
        TreeMap<Instant, KpiCounters> intervals = new TreeMap<>();
        intervals.put(i1, fcrCounters(10, 2));   // 8 resolved, 2 repeated
        intervals.put(i2, fcrCounters(5, 1));    // 1 repeated already, 4 still within their window
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        FcrTally tally = FcrTally.of(intervals, now, week);
        assertEquals(new FcrTally(11, 8, 4), tally);
        assertEquals(72.7, tally.rate(), "8 resolved / (10 whose window passed + 1 early repeat)");

        KpiReport r = KpiRules.report("q", "today", fcrCounters(15, 3), tally);
        assertEquals(72.7, r.fcr());
        assertEquals(11, r.fcrDecided());
        assertEquals(4, r.fcrPending());
    }

    @Test
    void anIntervalIsDecidedOnlyWhenItsLastCallsWindowPassed() {
        Instant start = Instant.parse("2026-11-10T10:00:00Z");
        KpiCounters c = fcrCounters(3, 0);
        Duration week = Duration.ofDays(7);
        assertEquals(new FcrTally(0, 0, 3), FcrTally.ofInterval(start, c, start.plus(week).plusSeconds(899), week));
        assertEquals(new FcrTally(3, 3, 0), FcrTally.ofInterval(start, c, start.plus(week).plusSeconds(900), week));
        assertNull(FcrTally.ofInterval(start, c, start, week).rate(), "nothing decided yet: no figure, not 0 or 100");
    }

    private static KpiCounters fcrCounters(long calls, long repeated) {
        return new KpiCounters(calls, calls, 0, calls, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, calls, repeated);
    }

    @Test
    void theFirstContactWindowMustBePositive() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FirstContactRule(Duration.ZERO, n -> n)).getMessage().contains("positive"));
    }
}

package org.hotline.metrics;

/**
 * Additive per-queue counters for one or more 15-minute intervals. Stored as one Redis hash per
 * queue and interval; every field name is a hash field. Only sums, so intervals add up.
 *
 * <p>Every call counts in the interval in which it arrived, with one exception of timing, not of
 * place: {@code fcrRepeated} of a call is added when the customer's next call is stored (up to
 * the FCR window later), still to the first call's own interval. The fields after
 * {@code ivrCalls} came later; a hash written before them reads them as 0.
 *
 * @param maxWaitReached     calls whose wait for a person reached the queue's maximum: service-level misses
 * @param callbacksOffered   callers' calls that were offered a callback
 * @param callbacksAccepted  of those, the ones whose caller took it
 * @param callbacksCompleted callbacks (records with {@code callbackOf}) that reached the customer and
 *                           bridged them to an agent
 * @param fcrCalls           calls that count for first-contact resolution ({@link FirstContactRule#eligible})
 * @param fcrRepeated        of those, the ones followed by another eligible call of the same customer
 *                           within the FCR window
 */
public record KpiCounters(
        long offered,
        long answered,
        long abandoned,
        long answeredWithinServiceLevel,
        long abandonedWithinServiceLevel,
        double answerWaitSecondsTotal,
        double talkSecondsTotal,
        long systemAnswered,
        long systemAnsweredWithinRingLimit,
        long agentAttempts,
        long agentMisses,
        long longWaitAnswered,
        long longWaitApologised,
        double wrapUpSecondsTotal,
        long surveyCsatAnswers,
        long surveyCsatSatisfied,
        long surveyNpsAnswers,
        long surveyNpsPromoters,
        long surveyNpsDetractors,
        long surveyCesAnswers,
        long surveyCesTotal,
        long selfServed,
        long ivrCalls,
        long maxWaitReached,
        long callbacksOffered,
        long callbacksAccepted,
        long callbacksCompleted,
        long fcrCalls,
        long fcrRepeated) {

    public static final KpiCounters ZERO = new KpiCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Counters written before max-wait, callbacks and first-contact resolution were counted: those 0. */
    public KpiCounters(long offered, long answered, long abandoned, long answeredWithinServiceLevel,
                       long abandonedWithinServiceLevel, double answerWaitSecondsTotal, double talkSecondsTotal,
                       long systemAnswered, long systemAnsweredWithinRingLimit, long agentAttempts, long agentMisses,
                       long longWaitAnswered, long longWaitApologised, double wrapUpSecondsTotal,
                       long surveyCsatAnswers, long surveyCsatSatisfied, long surveyNpsAnswers, long surveyNpsPromoters,
                       long surveyNpsDetractors, long surveyCesAnswers, long surveyCesTotal, long selfServed,
                       long ivrCalls) {
        this(offered, answered, abandoned, answeredWithinServiceLevel, abandonedWithinServiceLevel,
                answerWaitSecondsTotal, talkSecondsTotal, systemAnswered, systemAnsweredWithinRingLimit, agentAttempts,
                agentMisses, longWaitAnswered, longWaitApologised, wrapUpSecondsTotal, surveyCsatAnswers,
                surveyCsatSatisfied, surveyNpsAnswers, surveyNpsPromoters, surveyNpsDetractors, surveyCesAnswers,
                surveyCesTotal, selfServed, ivrCalls, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Counters written before the survey and the IVR were counted: the same with those counters 0.
     * {@code wrapUpSecondsTotal} and the counters after it are added to a call after the fact or
     * were introduced later; a hash without them reads as 0.
     */
    public KpiCounters(long offered, long answered, long abandoned, long answeredWithinServiceLevel,
                       long abandonedWithinServiceLevel, double answerWaitSecondsTotal, double talkSecondsTotal,
                       long systemAnswered, long systemAnsweredWithinRingLimit, long agentAttempts, long agentMisses,
                       long longWaitAnswered, long longWaitApologised, double wrapUpSecondsTotal) {
        this(offered, answered, abandoned, answeredWithinServiceLevel, abandonedWithinServiceLevel,
                answerWaitSecondsTotal, talkSecondsTotal, systemAnswered, systemAnsweredWithinRingLimit, agentAttempts,
                agentMisses, longWaitAnswered, longWaitApologised, wrapUpSecondsTotal, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Counters written before wrap-up was counted: the same with {@code wrapUpSecondsTotal} 0. */
    public KpiCounters(long offered, long answered, long abandoned, long answeredWithinServiceLevel,
                       long abandonedWithinServiceLevel, double answerWaitSecondsTotal, double talkSecondsTotal,
                       long systemAnswered, long systemAnsweredWithinRingLimit, long agentAttempts, long agentMisses,
                       long longWaitAnswered, long longWaitApologised) {
        this(offered, answered, abandoned, answeredWithinServiceLevel, abandonedWithinServiceLevel,
                answerWaitSecondsTotal, talkSecondsTotal, systemAnswered, systemAnsweredWithinRingLimit, agentAttempts,
                agentMisses, longWaitAnswered, longWaitApologised, 0);
    }

    /** Only the agent's wrap-up after a call, added once it ends (it ends after the call is stored). */
    public static KpiCounters wrapUp(double seconds) {
        return new KpiCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, seconds);
    }

    public KpiCounters plus(KpiCounters o) {
        return new KpiCounters(
                offered + o.offered,
                answered + o.answered,
                abandoned + o.abandoned,
                answeredWithinServiceLevel + o.answeredWithinServiceLevel,
                abandonedWithinServiceLevel + o.abandonedWithinServiceLevel,
                answerWaitSecondsTotal + o.answerWaitSecondsTotal,
                talkSecondsTotal + o.talkSecondsTotal,
                systemAnswered + o.systemAnswered,
                systemAnsweredWithinRingLimit + o.systemAnsweredWithinRingLimit,
                agentAttempts + o.agentAttempts,
                agentMisses + o.agentMisses,
                longWaitAnswered + o.longWaitAnswered,
                longWaitApologised + o.longWaitApologised,
                wrapUpSecondsTotal + o.wrapUpSecondsTotal,
                surveyCsatAnswers + o.surveyCsatAnswers,
                surveyCsatSatisfied + o.surveyCsatSatisfied,
                surveyNpsAnswers + o.surveyNpsAnswers,
                surveyNpsPromoters + o.surveyNpsPromoters,
                surveyNpsDetractors + o.surveyNpsDetractors,
                surveyCesAnswers + o.surveyCesAnswers,
                surveyCesTotal + o.surveyCesTotal,
                selfServed + o.selfServed,
                ivrCalls + o.ivrCalls,
                maxWaitReached + o.maxWaitReached,
                callbacksOffered + o.callbacksOffered,
                callbacksAccepted + o.callbacksAccepted,
                callbacksCompleted + o.callbacksCompleted,
                fcrCalls + o.fcrCalls,
                fcrRepeated + o.fcrRepeated);
    }
}

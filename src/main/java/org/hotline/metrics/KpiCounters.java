package org.hotline.metrics;

/**
 * Additive per-queue counters for one or more 15-minute intervals. Stored as one Redis hash per
 * queue and interval; every field name is a hash field. Only sums, so intervals add up.
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
        long longWaitApologised) {

    public static final KpiCounters ZERO = new KpiCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

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
                longWaitApologised + o.longWaitApologised);
    }
}

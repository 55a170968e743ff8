package org.hotline.metrics;

/**
 * The KPIs of one queue over one window, as served by {@code /api/kpis}. Percentages are 0–100
 * and null when there is nothing to divide by; seconds are averages. {@code csat} is the share of
 * satisfied answers (4–5), {@code nps} promoters minus detractors in percent (−100..100),
 * {@code ces} the mean effort (1–7), {@code ivrContainment} the share of calls that reached the
 * IVR and were self-served there.
 *
 * <p>{@code fcr} is first-contact resolution in percent over the {@code fcrDecided} calls of the
 * window whose outcome is known (a repeat arrived, or their FCR window passed); {@code fcrPending}
 * eligible calls of the window wait for theirs and are in neither part. With a window of days,
 * today's FCR is mostly pending: the figure says so rather than guess. The callback counts:
 * callers offered a callback, those who took it, and callbacks that reached the customer and
 * bridged them to an agent.
 */
public record KpiReport(
        String queue,
        String window,
        long offered,
        long answered,
        long abandoned,
        Double serviceLevel,
        Double asa,
        Double aht,
        Double abandonRate,
        Double systemAnswerWithin3Rings,
        long agentMisses,
        Double apologyCompliance,
        Double csat,
        Double nps,
        Double ces,
        long selfServed,
        Double ivrContainment,
        Double fcr,
        long fcrDecided,
        long fcrPending,
        long callbacksOffered,
        long callbacksAccepted,
        long callbacksCompleted) {

    /** A report without the survey and IVR figures (all null, none self-served). */
    public KpiReport(String queue, String window, long offered, long answered, long abandoned, Double serviceLevel,
                     Double asa, Double aht, Double abandonRate, Double systemAnswerWithin3Rings, long agentMisses,
                     Double apologyCompliance) {
        this(queue, window, offered, answered, abandoned, serviceLevel, asa, aht, abandonRate,
                systemAnswerWithin3Rings, agentMisses, apologyCompliance, null, null, null, 0, null, null, 0, 0, 0, 0, 0);
    }
}

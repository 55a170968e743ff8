package org.hotline.metrics;

/**
 * The KPIs of one queue over one window, as served by {@code /api/kpis}. Percentages are 0–100
 * and null when there is nothing to divide by; seconds are averages. {@code csat} is the share of
 * satisfied answers (4–5), {@code nps} promoters minus detractors in percent (−100..100),
 * {@code ces} the mean effort (1–7), {@code ivrContainment} the share of calls that reached the
 * IVR and were self-served there.
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
        Double ivrContainment) {

    /** A report without the survey and IVR figures (all null, none self-served). */
    public KpiReport(String queue, String window, long offered, long answered, long abandoned, Double serviceLevel,
                     Double asa, Double aht, Double abandonRate, Double systemAnswerWithin3Rings, long agentMisses,
                     Double apologyCompliance) {
        this(queue, window, offered, answered, abandoned, serviceLevel, asa, aht, abandonRate,
                systemAnswerWithin3Rings, agentMisses, apologyCompliance, null, null, null, 0, null);
    }
}

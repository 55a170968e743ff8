package org.hotline.metrics;

/**
 * The KPIs of one queue over one window, as served by {@code /api/kpis}. Percentages are 0–100
 * and null when there is nothing to divide by; seconds are averages.
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
        Double apologyCompliance) {
}

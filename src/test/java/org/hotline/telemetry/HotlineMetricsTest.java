package org.hotline.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hotline.call.AgentView;
import org.hotline.call.CallOutcome;
import org.hotline.metrics.KpiReport;
import org.junit.jupiter.api.Test;

class HotlineMetricsTest {

    private static AgentView agent(String id, String state) {
        return new AgentView(id, id, id, List.of("support"), state, null, Instant.EPOCH, 0, 0, null);
    }

    private final HotlineMetrics metrics = new HotlineMetrics(new HotlineMetrics.Sources(
            () -> List.of(agent("1", "available"), agent("2", "on-call"), agent("3", "on-call")),
            () -> 7, () -> true, () -> 3, () -> 11L, () -> 1L, () -> false, () -> 2), List.of("support"));

    @Test
    void gaugesReadTheirSourcesAlsoAfterAGarbageCollection() {
        System.gc(); // Micrometer's gauges hold weak references unless told otherwise
        String text = metrics.scrape();
        assertTrue(text.contains("hotline_agents{state=\"on-call\"} 2.0"), text);
        assertTrue(text.contains("hotline_agi_sessions 7.0"), text);
        assertTrue(text.contains("hotline_ami_connected 1.0"), text);
        assertTrue(text.contains("hotline_redis_write_queue 3.0"), text);
        assertTrue(text.contains("hotline_redis_write_failures 11.0"), text);
        assertTrue(text.contains("hotline_websocket_clients 2.0"), text);
        assertTrue(text.contains("hotline_redis_dead_letters 1.0"), text);
        assertTrue(text.contains("hotline_redis_backlog_overflowing 0.0"), text);
    }

    @Test
    void callsByOutcomeKpisAndPopLatency() {
        metrics.callEnded(CallOutcome.ANSWERED);
        metrics.callEnded(CallOutcome.ANSWERED);
        metrics.kpisToday("support", new KpiReport("support", "today", 4, 3, 1, 75.0, 12.5, 90.0, 25.0, 100.0, 0, null));
        metrics.acked(Duration.ofMillis(12));
        String text = metrics.scrape();
        assertTrue(text.contains("hotline_calls_total{outcome=\"answered\"} 2.0"), text);
        assertTrue(text.contains("hotline_kpi{kpi=\"serviceLevel\",queue=\"support\"} 75.0"), text);
        assertTrue(text.contains("hotline_kpi{kpi=\"apologyCompliance\",queue=\"support\"} NaN"), "nothing to measure: " + text);
        assertTrue(text.contains("hotline_pop_latency_seconds_count{stage=\"acked\"} 1"), text);
        assertEquals(12.0, metrics.popLatencyP95Millis(), 1.0);
    }
}

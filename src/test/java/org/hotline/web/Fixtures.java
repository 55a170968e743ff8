package org.hotline.web;

import java.time.Instant;
import java.util.List;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentView;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiReport;

/** Sample domain values for the web tests. */
final class Fixtures {

    static final String TOKEN = "test-token-0123456789";
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    private Fixtures() {
    }

    static CallRecord call(String id) {
        return new CallRecord(id, "+15551230001", "support", T0, T0.plusSeconds(3), 0.5, "1001",
                T0.plusSeconds(20), 20.0, true, CallOutcome.ANSWERED,
                List.of(new AgentAttempt("1001", T0.plusSeconds(14), 6.0, 1.0, AgentAttempt.Result.ANSWERED)),
                T0.plusSeconds(200), 180.0, List.of(new CallRecord.TimelineEntry(T0, "arrived", null)));
    }

    static AgentView agent(String id, String state, String reason) {
        return new AgentView(id, "Agent " + id, "PJSIP/" + id, List.of("billing"), state, reason, T0, 0, 2, null);
    }

    static KpiReport report(String queue, String window) {
        return new KpiReport(queue, window, 10, 8, 2, 75.0, 12.5, 190.0, 20.0, 100.0, 1, null);
    }
}

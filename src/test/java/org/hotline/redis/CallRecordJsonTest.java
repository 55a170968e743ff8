package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.json.Json;
import org.junit.jupiter.api.Test;

class CallRecordJsonTest {

    private final ObjectMapper json = Json.newMapper();

    static CallRecord sample(String id, Instant arrived) {
        return new CallRecord(id, "+15551230001", "support", arrived,
                arrived.plusMillis(2500), 0.42, "1001", arrived.plusSeconds(20), 20.0, true,
                CallOutcome.ANSWERED,
                List.of(new AgentAttempt("1002", arrived.plusSeconds(5), 18.0, 3.0, AgentAttempt.Result.NO_ANSWER),
                        new AgentAttempt("1001", arrived.plusSeconds(14), 6.0, 1.0, AgentAttempt.Result.ANSWERED)),
                arrived.plusSeconds(200), 180.0,
                List.of(new CallRecord.TimelineEntry(arrived, "arrived", "+15551230001"),
                        new CallRecord.TimelineEntry(arrived.plusSeconds(5), "agent-ringing", "1002")));
    }

    @Test
    void roundTrips() throws Exception {
        CallRecord r = sample("1700000000.1", Instant.parse("2026-11-23T10:15:30.123Z"));
        assertEquals(r, json.readValue(json.writeValueAsString(r), CallRecord.class));
    }

    @Test
    void aCallbackOfferAndACallbackRoundTrip() throws Exception {
        CallRecord r = sample("1700000000.2", Instant.parse("2026-11-23T10:15:30.123Z"));
        CallRecord offered = new CallRecord(r.id(), r.caller(), r.queue(), r.arrivedAt(), r.systemAnsweredAt(),
                r.systemAnswerRings(), null, null, 95, false, CallOutcome.CALLBACK_REQUESTED, List.of(), r.endedAt(), 0,
                r.timeline(), "S-1", null, null, null, List.of(), null, null, null,
                new CallRecord.CallbackOffer(r.arrivedAt().plusSeconds(90), true, "+15551230001"), null);
        CallRecord callback = new CallRecord("1700000100.7", r.caller(), r.queue(), r.arrivedAt().plusSeconds(600),
                null, null, "1001", r.arrivedAt().plusSeconds(610), 0, false, CallOutcome.ANSWERED, r.agentAttempts(),
                r.endedAt().plusSeconds(900), 120, r.timeline(), "S-1", null, null, null, List.of(), null, null, null,
                null, offered.id());
        String text = json.writeValueAsString(offered);
        assertEquals(offered, json.readValue(text, CallRecord.class), text);
        assertEquals(callback, json.readValue(json.writeValueAsString(callback), CallRecord.class));
    }

    @Test
    void writesIsoInstantsWireEnumsAndNulls() throws Exception {
        CallRecord abandoned = new CallRecord("x", null, "support", Instant.parse("2026-11-23T10:15:30Z"),
                null, null, null, null, 12.5, false, CallOutcome.ABANDONED_RINGING, List.of(),
                Instant.parse("2026-11-23T10:15:42.5Z"), 0, List.of());
        JsonNode tree = json.readTree(json.writeValueAsString(abandoned));
        assertEquals("2026-11-23T10:15:30Z", tree.get("arrivedAt").asText());
        assertEquals("abandoned-ringing", tree.get("outcome").asText());
        assertTrue(tree.has("agent") && tree.get("agent").isNull(), tree.toString());
        assertEquals(abandoned, json.readValue(tree.toString(), CallRecord.class));

        JsonNode attempt = json.readTree(json.writeValueAsString(sample("y", Instant.EPOCH))).get("agentAttempts").get(0);
        assertEquals("no-answer", attempt.get("result").asText());
    }

    @Test
    void readsRecordsWithFieldsItDoesNotKnow() throws Exception {
        CallRecord r = sample("z", Instant.parse("2026-11-23T10:15:30Z"));
        String text = json.writeValueAsString(r).replaceFirst("\\{", "{\"addedLater\":1,");
        assertEquals(r, json.readValue(text, CallRecord.class));
    }
}

package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callbacks through the real sandbox. The only agent is busy; a waiting caller is offered a
 * callback, takes it with real RFC 4733 keys ({@code 1}, then {@code 1}: their own number) and
 * hangs up. A later caller declines the offer and waits. When the agent frees, the callback comes
 * first: the agent's phone is rung (AMI Originate), and once the agent answers, the "PSTN" SIPp
 * phone on 127.0.0.1:5080 is called and bridged to them. Only then does the later caller get
 * the agent.
 */
class CallbackIT {

    private static final String FIRST = "5559401";
    private static final String TAKES_CALLBACK = "5559402";
    private static final String LATER = "5559403";
    /** The agent talks this long on each call, then hangs up. */
    private static final long AGENT_TALK_MS = 20_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void sandboxIsUp() {
        Sandbox.requireUp();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        Sandbox.asterisk("channel request hangup all");
    }

    private <T extends AutoCloseable> T keep(T part) {
        running.add(part);
        return part;
    }

    @Test
    void aCallbackKeepsTheCallersPlaceAndBridgesTheAgentToTheCustomer() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.startWith(List.of("1001"), false, false, """
                queues: [ { name: support, skill: support, callbackOfferAfterSeconds: 2 } ]
                callbacks:
                  enabled: true
                  customerDialString: "PJSIP/{number}@pstn-out"
                  agiUrl: "agi://127.0.0.1:4573/callback"
                  tries: 2
                  retryAfterSeconds: 10
                """));
        keep(Sipp.agentHangingUp(1, 500, AGENT_TALK_MS));
        keep(Sipp.pstn(1000, 3000));
        Sipp first = keep(Sipp.callers("caller.xml", "555940", 1, 60_000, 1000));
        Poll.until("the first caller talking to agent 1001", Duration.ofSeconds(20),
                () -> "on-call".equals(hotline.agent("1001").path("state").asText()) ? true : null);

        // Offered 2 s into the wait (after the welcome): "1" during the offer, "1" (my own number) during the next prompt.
        DtmfCaller takesCallback = keep(DtmfCaller.call(5079, TAKES_CALLBACK, "5000",
                DtmfPresses.of("1", Duration.ofMillis(300)).then('1', Duration.ofSeconds(3)), Duration.ofSeconds(4),
                Duration.ZERO));
        JsonNode asked = record(hotline, TAKES_CALLBACK, call -> call.path("callbackOf").isNull(), Duration.ofSeconds(40));
        takesCallback.awaitSuccess(Duration.ofSeconds(20));
        assertEquals("callback-requested", asked.path("outcome").asText(), asked.toPrettyString());
        assertTrue(asked.path("callback").path("accepted").asBoolean(), asked.toPrettyString());
        assertEquals(TAKES_CALLBACK, asked.path("callback").path("number").asText());

        // A later caller is offered the callback too, declines (2), and waits on.
        DtmfCaller later = keep(DtmfCaller.call(5078, LATER, "5000", DtmfPresses.of("2", Duration.ofMillis(300)),
                Duration.ofSeconds(4), Duration.ZERO));

        JsonNode callback = record(hotline, TAKES_CALLBACK, call -> asked.path("id").asText().equals(
                call.path("callbackOf").asText()), CALL_TIMEOUT);
        assertEquals("answered", callback.path("outcome").asText(), callback.toPrettyString());
        assertEquals("1001", callback.path("agent").asText());
        assertEquals(asked.path("id").asText() + "-callback", callback.path("id").asText());
        assertTrue(timeline(callback).contains("customer-answer"), callback.toPrettyString());
        JsonNode agentRing = callback.path("agentAttempts").get(0);
        assertEquals("answered", agentRing.path("result").asText(), callback.toPrettyString());

        JsonNode waited = hotline.finishedCall(LATER, CALL_TIMEOUT);
        later.awaitSuccess(Duration.ofSeconds(30));
        assertFalse(waited.path("callback").path("accepted").asBoolean(true), waited.toPrettyString());
        assertEquals("answered", waited.path("outcome").asText(), waited.toPrettyString());
        Instant callbackRung = Instant.parse(agentRing.path("startedAt").asText());
        Instant laterRung = Instant.parse(waited.path("agentAttempts").get(0).path("startedAt").asText());
        Instant laterQueued = Instant.parse(waited.path("arrivedAt").asText());
        assertTrue(laterQueued.isBefore(callbackRung), "the later caller was already waiting when the agent freed");
        assertTrue(callbackRung.isBefore(laterRung), "the callback (the earlier place) went first: "
                + callbackRung + " vs " + laterRung);
        first.awaitSuccess(Duration.ofSeconds(30));
    }

    private static JsonNode record(HotlineUnderTest hotline, String caller, Predicate<JsonNode> which, Duration timeout) {
        return Poll.until("a record of " + caller, timeout, () -> {
            for (JsonNode call : hotline.get("/api/calls?limit=100")) {
                if (caller.equals(call.path("caller").asText()) && call.hasNonNull("endedAt") && which.test(call)) {
                    return call;
                }
            }
            return null;
        });
    }

    private static String timeline(JsonNode call) {
        StringBuilder events = new StringBuilder();
        call.path("timeline").forEach(entry -> events.append(entry.path("event").asText()).append(' '));
        return events.toString();
    }
}

package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.customer.Customer;
import org.hotline.customer.Order;
import org.junit.jupiter.api.Test;

/**
 * The shipped IVR flow through the real sandbox: SIPp callers press real RFC 4733 digits
 * (rewritten so that every press arrives), Asterisk hands them to Hotline, and the call records
 * say what the caller chose, in order.
 */
class IvrIT extends SandboxTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PAUSE = Duration.ofMillis(400);

    private static List<String> path(JsonNode call) {
        List<String> steps = new ArrayList<>();
        call.path("ivr").path("path").forEach(p -> steps.add(p.path("node").asText() + "=" + p.path("input").asText("")));
        return steps;
    }

    @Test
    void aCustomerHearsTheirOrderStatusAndHangsUpSelfServed() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), true));
        hotline.customers().save(new Customer("ivr-c1", "Olga Order", List.of("+14155550711"), null, "en", "standard",
                null, null, List.of(), List.of(new Order("12345", "shipped"))));
        // 1 for order status, then the order number and #, then listen to the status and hang up.
        DtmfPresses keys = DtmfPresses.of("1", PAUSE).then('1', Duration.ofSeconds(2))
                .then('2', PAUSE).then('3', PAUSE).then('4', PAUSE).then('5', PAUSE).then('#', PAUSE);
        keep(DtmfCaller.call("4155550711", "5000", keys, Duration.ofSeconds(14))).awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("4155550711", CALL_TIMEOUT);
        assertEquals("self-served", call.path("outcome").asText(), call::toString);
        assertEquals("12345", call.path("ivr").path("entered").path("order-number").asText(), call.path("ivr")::toString);
        assertEquals("shipped", call.path("ivr").path("entered").path("order-status").asText());
        List<String> path = path(call);
        assertTrue(path.contains("main-menu=1"), path::toString);
        assertTrue(path.contains("order-lookup=found"), path::toString);
        assertTrue(path.indexOf("main-menu=1") < path.indexOf("order-lookup=found"), "in order: " + path);
        assertEquals(0, call.path("agentAttempts").size(), "no agent for a self-served call");
        assertTrue(call.path("ivrSeconds").asDouble() > 1, call::toString);
    }

    @Test
    void zeroReachesAPersonAndTheWaitCountsFromTheQueue() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), true));
        keep(Sipp.agent(1, "agent.xml", 500));
        keep(DtmfCaller.call("5559001", "5000", DtmfPresses.of("0", PAUSE), Duration.ofSeconds(6)))
                .awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("5559001", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        assertTrue(path(call).contains("main-menu=0"), path(call)::toString);
        double sinceArrival = Duration.between(Instant.parse(call.path("arrivedAt").asText()),
                Instant.parse(call.path("agentAnsweredAt").asText())).toMillis() / 1000.0;
        assertTrue(call.path("waitSeconds").asDouble() < sinceArrival - 0.5,
                "the wait for a person starts at the queue, after the IVR: " + call.path("waitSeconds") + " vs " + sinceArrival);
        assertTrue(call.path("timeline").toString().contains("\"queued\""), call::toString);
    }

    @Test
    void aCallerWhoPressesNothingStillReachesAPerson() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), true));
        keep(Sipp.agent(1, "agent.xml", 500));
        // No key at all: the menu asks again, then hands the caller to a person.
        keep(Sipp.callers("caller.xml", "555902", 1, 100_000, 1000)).awaitSuccess(Duration.ofSeconds(150));
        JsonNode call = hotline.finishedCall("5559021", Duration.ofSeconds(30));
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        assertEquals("1001", call.path("agent").asText());
        assertTrue(path(call).stream().anyMatch(p -> p.startsWith("person")), path(call)::toString);
    }

    @Test
    void nineSwitchesToMandarinAndAnInvalidKeyIsAskedAgain() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), true));
        keep(Sipp.agent(1, "agent.xml", 500));
        DtmfPresses keys = DtmfPresses.of("9", PAUSE).then('7', Duration.ofSeconds(3)).then('0', Duration.ofSeconds(4));
        keep(DtmfCaller.call("5559003", "5000", keys, Duration.ofSeconds(6))).awaitSuccess(CALL_TIMEOUT);
        JsonNode call = hotline.finishedCall("5559003", CALL_TIMEOUT);
        assertEquals("zh", call.path("ivr").path("language").asText(), call.path("ivr")::toString);
        List<String> path = path(call);
        assertTrue(path.contains("main-menu=9"), path::toString);
        assertTrue(path.contains("main-menu=7") || path.stream().anyMatch(p -> p.contains("=7")), "the invalid key is on the path: " + path);
        assertTrue(path.contains("main-menu=0"), path::toString);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
    }

    @Test
    void aVipCallerSkipsTheMenuAndOvertakesAnEarlierCaller() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), true));
        keep(Sipp.agent(1, "agent.xml", 500));
        hotline.post("/api/agents/1001/state", "{\"state\":\"paused\",\"reason\":\"break\"}");
        hotline.customers().save(new Customer("ivr-vip", "Vera Important", List.of("+14155550721"), null, "en", "vip",
                null, null, List.of(), List.of()));
        // An ordinary caller asks for a person first and waits; then the VIP calls.
        keep(DtmfCaller.call("5559004", "5000", DtmfPresses.of("0", PAUSE), Duration.ofSeconds(40)));
        Poll.until("the first caller waiting in the queue", Duration.ofSeconds(40), () ->
                hotline.metric("hotline_agi_sessions") >= 1.0 && queued(hotline, "5559004") ? true : null);
        keep(Sipp.callers("caller.xml", "415555072", 1, 20_000, 1000));
        Poll.until("the VIP in the queue", Duration.ofSeconds(20), () -> queued(hotline, "4155550721") ? true : null);
        hotline.post("/api/agents/1001/state", "{\"state\":\"available\"}");

        JsonNode vip = hotline.finishedCall("4155550721", CALL_TIMEOUT);
        assertEquals("answered", vip.path("outcome").asText(), vip::toString);
        assertTrue(path(vip).stream().anyMatch(p -> p.endsWith("=vip")), "the menu was skipped: " + path(vip));
        JsonNode first = vip.path("routing").get(0);
        assertEquals("1001", first.path("agent").asText(), vip.path("routing")::toString);
        JsonNode ordinary = hotline.finishedCall("5559004", CALL_TIMEOUT);
        assertTrue(Instant.parse(ordinary.path("agentAnsweredAt").asText("2999-01-01T00:00:00Z"))
                .isAfter(Instant.parse(vip.path("agentAnsweredAt").asText())) || !"answered".equals(ordinary.path("outcome").asText()),
                "the VIP was served before the earlier caller: " + ordinary);
    }

    @Test
    void technicalSupportWaitsForASkilledAgentThenRelaxesAndSaysWhy() throws Exception {
        // Agent 1007 has support level 1; technical support asks for level 3, relaxed to 1 after 30 s.
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1007"), true));
        keep(Sipp.agent(7, "agent.xml", 500));
        keep(DtmfCaller.call("5559005", "5000", DtmfPresses.of("3", PAUSE), Duration.ofSeconds(60)))
                .awaitSuccess(CALL_TIMEOUT);
        JsonNode call = hotline.finishedCall("5559005", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        JsonNode decision = call.path("routing").get(0);
        assertEquals("1007", decision.path("agent").asText(), call.path("routing")::toString);
        assertEquals(1, decision.path("relaxationStep").asInt(), decision::toString);
        assertTrue(decision.path("reason").asText().contains("relaxed"), decision::toString);
        assertTrue(call.path("waitSeconds").asDouble() >= 29, "waited for the relaxation: " + call.path("waitSeconds"));
    }

    /** True once the caller's call entered the queue (its live view says it waits for a person). */
    private static boolean queued(HotlineUnderTest hotline, String caller) {
        return hotline.metrics().contains("hotline_agi_sessions") && hotline.liveCallWaiting(caller);
    }
}

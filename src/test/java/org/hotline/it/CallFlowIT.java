package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real calls through the sandbox: SIPp callers dial 5000 on Asterisk 22, which hands them to
 * Hotline over FastAGI; SIPp agents' phones ring and answer (or not); the assertions read what
 * a supervisor would: the REST API and Redis.
 */
class CallFlowIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final double CADENCE = HotlineUnderTest.CADENCE_SECONDS;

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
    }

    @Test
    void anAgentWhoAnswersAtTheFirstRingMeetsEveryStandard() throws IOException {
        HotlineUnderTest hotline = hotline("1001");
        agent(1, "agent.xml", 1000);

        callers("5551", 1, 5000).awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("55511", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        assertEquals("1001", call.path("agent").asText());
        assertFalse(call.path("apologised").asBoolean(), "no apology after a short wait: " + call);
        assertTrue(call.path("systemAnswerRings").asDouble() < 3, "IVR answered within 3 rings: " + call);
        assertTrue(call.path("waitSeconds").asDouble() < 3 * CADENCE, call::toString);
        assertTrue(call.path("talkSeconds").asDouble() > 1, call::toString);
        JsonNode attempts = call.path("agentAttempts");
        assertEquals(1, attempts.size(), call::toString);
        assertEquals("answered", attempts.get(0).path("result").asText());
        assertTrue(attempts.get(0).path("rings").asDouble() < 1, "answered at ring 1: " + attempts);
        for (String field : List.of("id", "caller", "queue", "arrivedAt", "systemAnsweredAt", "agentAnsweredAt",
                "endedAt")) {
            assertFalse(call.path(field).asText().isEmpty(), field + " missing in " + call);
        }
        assertTrue(call.path("arrivedAt").asText().endsWith("Z"), "ISO-8601 UTC: " + call.path("arrivedAt"));

        JsonNode stored = hotline.storedInRedis(call.path("id").asText());
        assertNotNull(stored, "the record is in Redis");
        assertEquals(call.path("agentAnsweredAt"), stored.path("agentAnsweredAt"));

        JsonNode kpis = hotline.kpisToday();
        assertEquals(1, kpis.path("offered").asInt(), kpis::toString);
        assertEquals(1, kpis.path("answered").asInt());
        assertEquals(100.0, kpis.path("serviceLevel").asDouble());
        assertEquals(100.0, kpis.path("systemAnswerWithin3Rings").asDouble());
        assertEquals(0, kpis.path("agentMisses").asInt());
    }

    @Test
    void anUnansweredPhoneRingsThreeRingsThenTheNextAgentTakesTheCallAndTwoMissesPause() {
        HotlineUnderTest hotline = hotline("1001", "1002");
        agent(1, "agent-no-answer.xml", 0);
        agent(2, "agent.xml", 500);

        callers("5552", 1, 10000).awaitSuccess(CALL_TIMEOUT);
        JsonNode first = hotline.finishedCall("55521", CALL_TIMEOUT);
        assertEquals("answered", first.path("outcome").asText(), first::toString);
        assertEquals("1002", first.path("agent").asText());
        JsonNode miss = first.path("agentAttempts").get(0);
        assertEquals("1001", miss.path("agent").asText(), first::toString);
        assertEquals("no-answer", miss.path("result").asText());
        assertEquals(3.0, miss.path("rings").asDouble(), 0.5, "rang 3 rings (+-0.5): " + miss);
        assertEquals(3 * CADENCE, miss.path("ringSeconds").asDouble(), 0.5 * CADENCE);
        assertEquals("answered", first.path("agentAttempts").get(1).path("result").asText());
        JsonNode alice = hotline.agent("1001");
        assertEquals(1, alice.path("missedRings").asInt(), alice::toString);
        assertEquals("available", alice.path("state").asText(), "one miss does not pause: " + alice);

        callers("5553", 1, 10000).awaitSuccess(CALL_TIMEOUT);
        JsonNode second = hotline.finishedCall("55531", CALL_TIMEOUT);
        assertEquals("1002", second.path("agent").asText(), second::toString);
        alice = hotline.agent("1001");
        assertEquals("paused", alice.path("state").asText(), "two misses in a row pause: " + alice);
        assertEquals("missed-rings", alice.path("reason").asText());
        assertEquals(2, hotline.kpisToday().path("agentMisses").asInt());
    }

    @Test
    void aCallerWhoWaitedWhileEveryAgentWasBusyHearsTheApologyBeforeTheAgent() {
        HotlineUnderTest hotline = hotline("1001");
        agent(1, "agent.xml", 300);
        // Agent 1001 is on another call for 9 s (3 s beyond the apology threshold of 3 rings).
        Sandbox.asterisk("channel originate PJSIP/1001 application Wait 9");
        Poll.until("agent 1001 on a call (AMI device state)", Duration.ofSeconds(10),
                () -> "on-call".equals(hotline.agent("1001").path("state").asText()) ? true : null);

        callers("5554", 1, 16000).awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("55541", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        assertTrue(call.path("waitSeconds").asDouble() > 3 * CADENCE, "waited past the threshold: " + call);
        assertTrue(call.path("apologised").asBoolean(), "the apology was played: " + call);
        List<String> events = new ArrayList<>();
        call.path("timeline").forEach(e -> events.add(e.path("event").asText()));
        assertTrue(events.indexOf("apology") >= 0 && events.indexOf("apology") < events.indexOf("ended"), events::toString);
        assertEquals(100.0, hotline.kpisToday().path("apologyCompliance").asDouble());
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsCountedAsAbandoned() {
        HotlineUnderTest hotline = hotline("1001");
        agent(1, "agent.xml", 300);
        JsonNode paused = hotline.post("/api/agents/1001/state", "{\"state\":\"paused\",\"reason\":\"training\"}");
        assertEquals("paused", paused.path("state").asText(), paused::toString);

        callers("5555", 1, 4000).awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("55551", CALL_TIMEOUT);
        assertEquals("abandoned", call.path("outcome").asText(), call::toString);
        assertTrue(call.path("agent").isNull() || call.path("agent").isMissingNode(), call::toString);
        assertEquals(0, call.path("agentAttempts").size(), "a paused agent is never rung: " + call);
        assertEquals(4.0, call.path("waitSeconds").asDouble(), 1.5, call::toString);
        JsonNode kpis = hotline.kpisToday();
        assertEquals(1, kpis.path("abandoned").asInt(), kpis::toString);
        assertEquals(100.0, kpis.path("abandonRate").asDouble());
    }

    @Test
    void withHotlineStoppedTheDialplanStillAnswersAndQueuesTheCaller() throws IOException {
        try (ServerSocket probe = new ServerSocket(4573, 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.close(); // nothing serves FastAGI: the AGI connection is refused
        }
        agent(1, "agent.xml", 300);
        // Only agent 1001 has a phone in this test; the queue would ring the others for nothing.
        for (int n = 2; n <= 8; n++) {
            Sandbox.asterisk("queue pause member PJSIP/100" + n + " queue hotline-fallback");
        }
        try {
            int completedBefore = fallbackQueueCompleted();
            callers("5556", 1, 5000).awaitSuccess(CALL_TIMEOUT);
            Poll.until("the fallback queue to count the call completed", Duration.ofSeconds(10),
                    () -> fallbackQueueCompleted() == completedBefore + 1 ? true : null);
        } finally {
            for (int n = 2; n <= 8; n++) {
                Sandbox.asterisk("queue unpause member PJSIP/100" + n + " queue hotline-fallback");
            }
        }
    }

    @Test
    void restartingRedisWhileCallsAreInProgressLosesNoRecord() {
        HotlineUnderTest hotline = hotline("1001", "1002", "1003");
        for (int n = 1; n <= 3; n++) {
            agent(n, "agent.xml", 300);
        }
        Sipp callers = callers("5557", 3, 7000, 300);
        Poll.until("three agents talking", Duration.ofSeconds(20), () ->
                List.of("1001", "1002", "1003").stream()
                        .allMatch(a -> "on-call".equals(hotline.agent(a).path("state").asText())) ? true : null);

        // Redis goes away while the three calls talk, and the calls end while it is away.
        Sandbox.Result stop = Sandbox.run("redis", "stop");
        assertEquals(0, stop.exit(), stop::output);
        callers.awaitSuccess(CALL_TIMEOUT);
        Sandbox.Result start = Sandbox.run("redis", "start");
        assertEquals(0, start.exit(), start::output);

        for (int i = 0; i < 3; i++) {
            JsonNode call = hotline.finishedCall(Sipp.callerNumber("5557", i), CALL_TIMEOUT);
            assertEquals("answered", call.path("outcome").asText(), call::toString);
        }
        assertEquals(3, hotline.kpisToday().path("offered").asInt(), "counted once each");
    }

    private HotlineUnderTest hotline(String... agents) {
        try {
            HotlineUnderTest hotline = HotlineUnderTest.start(List.of(agents));
            running.add(hotline);
            return hotline;
        } catch (Exception e) {
            throw new AssertionError("Hotline did not start: " + e, e);
        }
    }

    private void agent(int n, String scenario, long ringMillis) {
        running.add(Sipp.agent(n, scenario, ringMillis));
    }

    private Sipp callers(String prefix, int count, long holdMillis) {
        return callers(prefix, count, holdMillis, 500);
    }

    private Sipp callers(String prefix, int count, long holdMillis, long spacingMillis) {
        Sipp sipp = Sipp.callers("caller.xml", prefix, count, holdMillis, spacingMillis);
        running.add(sipp);
        return sipp;
    }

    private static int fallbackQueueCompleted() {
        Matcher m = Pattern.compile("C:(\\d+)").matcher(Sandbox.asterisk("queue show hotline-fallback"));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}

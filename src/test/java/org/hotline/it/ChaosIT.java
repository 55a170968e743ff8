package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The days that go wrong, through the real sandbox: Asterisk restarts, the AMI connection drops,
 * Hotline is killed with SIGKILL, Redis is away for a minute. After each, no agent is left stuck,
 * every call has exactly one record with the best outcome known, and each is counted once.
 */
class ChaosIT extends SandboxTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> STUCK = List.of("ringing", "on-call");

    @Test
    void asteriskRestartingWhileOneCallTalksAndAnotherRingsLeavesNoAgentStuck() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001", "1002")));
        keep(Sipp.agent(1, "agent.xml", 300));
        keep(Sipp.agent(2, "agent-no-answer.xml", 0));
        // The first caller talks to 1001; the second, while 1001 is busy, rings 1002, who never answers.
        keep(Sipp.callers("caller.xml", "5571", 2, 60_000, 3000));
        Poll.until("1001 talking", Duration.ofSeconds(20), () -> state(hotline, "1001").equals("on-call") ? true : null);
        Poll.until("1002 ringing", Duration.ofSeconds(20), () -> state(hotline, "1002").equals("ringing") ? true : null);

        Sandbox.asterisk("core restart now");

        JsonNode talking = hotline.finishedCall("55711", CALL_TIMEOUT);
        assertEquals("answered", talking.path("outcome").asText(), "the pickup Asterisk reported stands: " + talking);
        assertEquals("1001", talking.path("agent").asText());
        // Asterisk hangs its channels up before it stops: over FastAGI that reads as the caller
        // hanging up (abandoned), or as a cut session when the socket closes first (interrupted).
        JsonNode ringing = hotline.finishedCall("55712", CALL_TIMEOUT);
        assertTrue(List.of("abandoned", "interrupted").contains(ringing.path("outcome").asText()), ringing::toString);
        JsonNode attempt = ringing.path("agentAttempts").get(ringing.path("agentAttempts").size() - 1);
        assertEquals("1002", attempt.path("agent").asText());
        assertTrue(List.of("caller-hung-up", "cut").contains(attempt.path("result").asText()),
                "not the agent's miss: " + attempt);
        Poll.until("AMI back after the restart (resync)", Duration.ofSeconds(60),
                () -> hotline.metric("hotline_ami_connected") == 1.0 ? true : null);
        for (String agent : List.of("1001", "1002")) {
            Poll.until("agent " + agent + " free again", Duration.ofSeconds(30),
                    () -> STUCK.contains(state(hotline, agent)) ? null : true);
        }
        assertEquals(0, hotline.get("/api/agents").findValues("missedRings").stream().mapToInt(JsonNode::asInt).sum());
        assertEquals(2, hotline.kpisToday().path("offered").asInt(), "each call counted once");
    }

    @Test
    void theAmiConnectionDroppingWhileAnAgentRingsLosesNeitherTheCallNorTheAgent() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001")));
        keep(Sipp.agent(1, "agent.xml", 3000));
        Sipp caller = keep(Sipp.callers("caller.xml", "5573", 1, 9000, 1000));
        Poll.until("1001 ringing", Duration.ofSeconds(20), () -> state(hotline, "1001").equals("ringing") ? true : null);

        String connected = Sandbox.asterisk("manager show connected");
        Matcher session = Pattern.compile("(?m)^\\s*hotline\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\d+)").matcher(connected);
        assertTrue(session.find(), "Hotline's manager session in:\n" + connected);
        Sandbox.asterisk("manager kick session " + session.group(1));
        Poll.until("the AMI connection to drop", Duration.ofSeconds(10),
                () -> hotline.metric("hotline_ami_connected") == 0.0 ? true : null);

        caller.awaitSuccess(CALL_TIMEOUT);
        JsonNode call = hotline.finishedCall("55731", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), "the Dial itself reports the answer: " + call);
        assertEquals("1001", call.path("agent").asText());
        Poll.until("AMI reconnected", Duration.ofSeconds(30),
                () -> hotline.metric("hotline_ami_connected") == 1.0 ? true : null);
        assertTrue(hotline.metric("hotline_ami_reconnects_total") >= 1.0);
        Poll.until("1001 free again", Duration.ofSeconds(20), () -> STUCK.contains(state(hotline, "1001")) ? null : true);
    }

    @Test
    void hotlineKilledWithFiveCallersWaitingAndTwoTalkingLosesNoCallerAndNoRecord() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.startProcess(List.of("1001", "1002")));
        keep(Sipp.agent(1, "agent.xml", 300));
        keep(Sipp.agent(2, "agent.xml", 300));
        // The fallback queue's agents for the five: phones 1003 and 1004 answer, 1005-1008 have no phone.
        keep(Sipp.agent(3, "agent.xml", 300));
        keep(Sipp.agent(4, "agent.xml", 300));
        for (int n = 5; n <= 8; n++) {
            Sandbox.asterisk("queue pause member PJSIP/100" + n + " queue hotline-fallback");
        }
        keep(() -> {
            for (int n = 5; n <= 8; n++) {
                Sandbox.asterisk("queue unpause member PJSIP/100" + n + " queue hotline-fallback");
            }
        });
        int enteredBefore = fallbackQueueEntered();
        Sipp callers = keep(Sipp.callers("caller.xml", "5574", 7, 25_000, 400));
        Poll.until("two talking and five waiting", Duration.ofSeconds(30), () ->
                hotline.metric("hotline_agi_sessions") == 7.0
                        && state(hotline, "1001").equals("on-call") && state(hotline, "1002").equals("on-call") ? true : null);

        hotline.killHard();

        Poll.until("the five waiting callers in the fallback queue", Duration.ofSeconds(30),
                () -> fallbackQueueEntered() - enteredBefore >= 5 ? true : null);
        callers.awaitSuccess(CALL_TIMEOUT);
        hotline.startAgain();

        Map<String, String> outcomes = Poll.until("seven records after the restart", Duration.ofSeconds(30), () -> {
            Map<String, String> byCaller = new HashMap<>();
            for (JsonNode call : hotline.get("/api/calls?limit=100")) {
                byCaller.merge(call.path("caller").asText(), call.path("outcome").asText(), (a, b) -> a + "+" + b);
            }
            return byCaller.size() == 7 ? byCaller : null;
        });
        long answered = outcomes.values().stream().filter("answered"::equals).count();
        long interrupted = outcomes.values().stream().filter("interrupted"::equals).count();
        assertEquals(2, answered, outcomes::toString);
        assertEquals(5, interrupted, outcomes::toString);
        outcomes.values().forEach(o -> assertTrue(!o.contains("+"), "one record per call: " + outcomes));
        JsonNode kpis = hotline.kpisToday();
        assertEquals(7, kpis.path("offered").asInt(), "counted once each: " + kpis);
        assertEquals(2, kpis.path("answered").asInt(), kpis::toString);
    }

    @Test
    void redisAwayForAMinuteUnderACallStreamLosesNoRecord() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001", "1002")));
        keep(Sipp.agent(1, "agent.xml", 300));
        keep(Sipp.agent(2, "agent.xml", 300));
        Sandbox.Result stop = Sandbox.run("redis", "stop");
        assertEquals(0, stop.exit(), stop::output);
        long stoppedAt = System.nanoTime();
        try {
            // Ten calls over about 45 s, each talking 2 s: all of them end while Redis is away.
            keep(Sipp.callers("caller.xml", "5575", 10, 2000, 4500)).awaitSuccess(CALL_TIMEOUT);
            assertNotEquals(0.0, hotline.metric("hotline_redis_write_queue"), "records wait for Redis");
            Poll.until("a minute without Redis", Duration.ofSeconds(30),
                    () -> System.nanoTime() - stoppedAt >= Duration.ofSeconds(60).toNanos() ? true : null);
        } finally {
            Sandbox.Result start = Sandbox.run("redis", "start");
            assertEquals(0, start.exit(), start::output);
        }
        for (int i = 0; i < 10; i++) {
            JsonNode call = hotline.finishedCall(Sipp.callerNumber("5575", i), Duration.ofSeconds(30));
            assertEquals("answered", call.path("outcome").asText(), call::toString);
        }
        assertEquals(10, hotline.kpisToday().path("offered").asInt(), "counted once each");
        Poll.until("nothing left to write", Duration.ofSeconds(10),
                () -> hotline.metric("hotline_redis_write_queue") == 0.0 ? true : null);
    }

    private static String state(HotlineUnderTest hotline, String agent) {
        return hotline.agent(agent).path("state").asText();
    }

    /** Callers who entered the fallback queue so far: completed plus abandoned. */
    private static int fallbackQueueEntered() {
        String show = Sandbox.asterisk("queue show hotline-fallback");
        Matcher completed = Pattern.compile("C:(\\d+)").matcher(show);
        Matcher abandoned = Pattern.compile("A:(\\d+)").matcher(show);
        return (completed.find() ? Integer.parseInt(completed.group(1)) : 0)
                + (abandoned.find() ? Integer.parseInt(abandoned.group(1)) : 0);
    }
}

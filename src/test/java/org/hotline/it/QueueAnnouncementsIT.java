package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A waiting caller hears their place in line through the real sandbox: two SIPp callers wait
 * while the only agent is paused, and within the queue's announceEverySeconds (5 s here) the
 * first hears "you are next" and the second "you are caller number 2". The assertions read what a
 * user would check: the call records' timelines (REST API) and what Asterisk played to each
 * caller's channel (its full.log).
 */
class QueueAnnouncementsIT extends SandboxTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void waitingCallersHearTheirPlaceInLine() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.startWith(List.of("1001"), false, false,
                "queues: [ { name: support, skill: support, announceEverySeconds: 5 } ]"));
        keep(Sipp.agent(1, "agent.xml", 500));
        JsonNode paused = hotline.post("/api/agents/1001/state", "{\"state\":\"paused\",\"reason\":\"training\"}");
        assertEquals("paused", paused.path("state").asText(), paused::toString);
        AsteriskLog asterisk = AsteriskLog.fromNow();

        // Two callers 1 s apart, each holding 14 s: each is in the queue well past 5 s.
        String prefix = "5571";
        keep(Sipp.callers("caller.xml", prefix, 2, 14_000, 1000)).awaitSuccess(CALL_TIMEOUT);

        JsonNode first = hotline.finishedCall(Sipp.callerNumber(prefix, 0), CALL_TIMEOUT);
        JsonNode second = hotline.finishedCall(Sipp.callerNumber(prefix, 1), CALL_TIMEOUT);
        for (JsonNode call : List.of(first, second)) {
            assertEquals("abandoned", call.path("outcome").asText(), "they hung up waiting, not the fallback: " + call);
        }
        List<String> firstHeard = announced(first);
        List<String> secondHeard = announced(second);
        assertTrue(!firstHeard.isEmpty() && firstHeard.get(0).equals("position 1, next"), firstHeard::toString);
        assertTrue(!secondHeard.isEmpty() && secondHeard.get(0).startsWith("position 2, wait unknown"),
                "nobody staffs the queue, so no time is promised: " + secondHeard);
        assertTrue(announcedWithin(first, 7) && announcedWithin(second, 7),
                "within announceEverySeconds (+ the poll and a tick) of entering the queue: " + first.path("timeline"));

        // What Asterisk played to each caller's channel.
        List<String> firstPlayed = asterisk.playedTo(Sipp.callerNumber(prefix, 0));
        List<String> secondPlayed = asterisk.playedTo(Sipp.callerNumber(prefix, 1));
        assertTrue(firstPlayed.contains("hotline/queue-you-are-next"), firstPlayed::toString);
        int callerNumber = secondPlayed.indexOf("hotline/queue-caller-number");
        assertTrue(callerNumber >= 0 && secondPlayed.size() > callerNumber + 1
                && secondPlayed.get(callerNumber + 1).equals("digits/2"), "\"you are caller number\" then 2: " + secondPlayed);
    }

    private static List<String> announced(JsonNode call) {
        List<String> heard = new ArrayList<>();
        call.path("timeline").forEach(e -> {
            if ("announced".equals(e.path("event").asText())) {
                heard.add(e.path("detail").asText());
            }
        });
        return heard;
    }

    /** The first announcement came at most {@code seconds} after the caller entered the queue. */
    private static boolean announcedWithin(JsonNode call, int seconds) {
        java.time.Instant queued = null;
        for (JsonNode e : call.path("timeline")) {
            String event = e.path("event").asText();
            java.time.Instant at = java.time.Instant.parse(e.path("at").asText());
            if (event.equals("queued") && queued == null) {
                queued = at;
            }
            if (event.equals("announced")) {
                return queued != null && Duration.between(queued, at).compareTo(Duration.ofSeconds(seconds)) <= 0;
            }
        }
        return false;
    }
}

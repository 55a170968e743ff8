package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey through the real sandbox: the agent's phone hangs up first, the caller
 * stays on the line and answers the three questions with real RFC 4733 digits, and the record
 * and the KPIs carry the answers.
 */
class SurveyIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    /** The agent talks this long, then hangs up. */
    private static final long TALK_MS = 3000;
    /**
     * From the caller's answer to the first key: the welcome, the ring (0.5 s) and the talk (3 s)
     * end about 4.5 s in, the survey's introduction (about 5 s) about 9.5 s in; the satisfaction
     * question then takes a key during its prompt (about 8 s) and 5 s after it. 13 s lands in
     * the prompt with seconds to spare on both sides.
     */
    private static final Duration FIRST_KEY_AFTER = Duration.ofSeconds(13);

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
    void theCallerAnswersTheSurveyAfterTheAgentHangsUp() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), false, true));
        keep(Sipp.agentHangingUp(1, 500, TALK_MS));
        // CSAT 5; NPS 10 (1, then 0 well within 2 s); CES 2. Each key interrupts its question's prompt.
        DtmfPresses keys = DtmfPresses.of("5", Duration.ofMillis(300))
                .then('1', Duration.ofSeconds(3)).then('0', Duration.ofMillis(400))
                .then('2', Duration.ofSeconds(3));
        keep(DtmfCaller.call(DtmfCaller.DEFAULT_PORT, "5559301", "5000", keys, FIRST_KEY_AFTER, Duration.ZERO))
                .awaitSuccess(CALL_TIMEOUT);

        JsonNode call = hotline.finishedCall("5559301", CALL_TIMEOUT);
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        JsonNode survey = call.path("survey");
        assertEquals(5, survey.path("csat").asInt(-1), call::toString);
        assertEquals(10, survey.path("nps").asInt(-1), call::toString);
        assertEquals(2, survey.path("ces").asInt(-1), call::toString);
        assertTrue(call.path("talkSeconds").asDouble() < TALK_MS / 1000.0 + 1.5,
                "the talk ends with the agent's hang-up, not the survey: " + call.path("talkSeconds"));

        JsonNode kpis = Poll.until("the survey in today's KPIs", Duration.ofSeconds(10), () -> {
            JsonNode k = hotline.kpisToday();
            return k.path("csat").isNumber() ? k : null;
        });
        assertEquals(100.0, kpis.path("csat").asDouble(), kpis::toString);
        assertEquals(100.0, kpis.path("nps").asDouble(), kpis::toString);
        assertEquals(2.0, kpis.path("ces").asDouble(), kpis::toString);
    }
}

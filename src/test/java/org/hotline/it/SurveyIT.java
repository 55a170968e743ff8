package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey through the real sandbox: the agent's phone hangs up first, the caller
 * stays on the line and answers the three questions with real RFC 4733 digits, and the record
 * and the KPIs carry the answers. With {@code survey.who: opted-in}, only a caller who passed the
 * IVR's opt-in node is asked; and a caller who chose 中文 hears the survey, and the queue's
 * announcements, in Mandarin (what Asterisk played, from its full.log).
 */
class SurveyIT extends SandboxTest {

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

    @Test
    void theCallerAnswersTheSurveyAfterTheAgentHangsUp() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1001"), false, true));
        keep(Sipp.agentHangingUp(1, 500, TALK_MS));
        // CSAT 5; NPS 10 (1, then 0 well within 2 s); CES 2. Each key interrupts its question's prompt.
        DtmfPresses keys = DtmfPresses.of("5", Duration.ofMillis(300))
                .then('1', Duration.ofSeconds(3)).then('0', Duration.ofMillis(400))
                .then('2', Duration.ofSeconds(3));
        DtmfCaller caller = keep(DtmfCaller.call(DtmfCaller.DEFAULT_PORT, "5559301", "5000", keys, FIRST_KEY_AFTER,
                Duration.ZERO));
        // the agent's part ended with their hang-up: in wrap-up while the caller still answers
        Poll.until("agent 1001 in wrap-up while the caller is in the survey", Duration.ofSeconds(20),
                () -> hotline.liveCallInSurvey("5559301")
                        && "wrap-up".equals(hotline.agent("1001").path("state").asText()) ? true : null);
        caller.awaitSuccess(CALL_TIMEOUT);

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

    /** The shipped flow with an opt-in: 8 at the main menu says the survey will come, then the menu again. */
    private static final String OPT_IN = """
            survey: { enabled: true, who: opted-in }
            queues: [ { name: support, skill: support, announceEverySeconds: 5 } ]
            ivr:
              nodes:
                main-menu: { options: { "8": survey-yes } }
                survey-yes: { type: play, prompt: survey-opt-in, next: main-menu, surveyOptIn: true }
            """;
    private static final String OPTED_IN = "5559311";
    private static final String NOT_OPTED_IN = "5559312";
    private static final List<String> SURVEY_IN_MANDARIN = List.of("hotline/zh/survey-intro", "hotline/zh/survey-csat",
            "hotline/zh/survey-nps", "hotline/zh/survey-ces", "hotline/zh/survey-thanks");

    /**
     * Two Mandarin callers ({@code 9} at the menu), one agent who hangs up first. The first opts
     * in ({@code 8}), asks for a person ({@code 0}) and gets the agent at once; after the agent
     * hangs up they answer the survey, in Mandarin. The second only asks for a person, and
     * waits while the agent serves the first (talk and survey): they hear their place in
     * Mandarin; then the agent talks to them and hangs up, and they are not asked.
     */
    @Test
    void withOptInOnlyTheCallerWhoOptedInIsAskedAndMandarinCallersHearTheQueueAndTheSurveyInMandarin() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.startWith(List.of("1001"), true, false, OPT_IN));
        keep(Sipp.agentHangingUp(1, 500, TALK_MS));
        AsteriskLog asterisk = AsteriskLog.fromNow();

        // 9 (中文) during the welcome, 8 (opt in) during the Mandarin menu, 0 (a person) during the
        // opt-in message. The agent answers about 5 s in and hangs up about 8 s in; the survey's
        // introduction (about 7 s in Mandarin) ends about 15 s in, and the satisfaction question
        // (about 10 s, then 5 s for the key) takes the key until about 30 s in: 19 s is well inside.
        // CSAT 5; NPS 10 (1, then 0 within 2 s); CES 2, each during its question.
        DtmfPresses optedIn = DtmfPresses.of("9", Duration.ofMillis(300)).then('8', Duration.ofMillis(1500))
                .then('0', Duration.ofMillis(1500)).then('5', Duration.ofSeconds(15))
                .then('1', Duration.ofSeconds(3)).then('0', Duration.ofMillis(400)).then('2', Duration.ofSeconds(3));
        DtmfCaller first = keep(DtmfCaller.call(DtmfCaller.DEFAULT_PORT, OPTED_IN, "5000", optedIn,
                Duration.ofSeconds(1), Duration.ZERO));
        Poll.until("the first caller talking to agent 1001", Duration.ofSeconds(20),
                () -> "on-call".equals(hotline.agent("1001").path("state").asText()) ? true : null);
        DtmfCaller second = keep(DtmfCaller.call(5078, NOT_OPTED_IN, "5000",
                DtmfPresses.of("9", Duration.ofMillis(300)).then('0', Duration.ofMillis(1500)), Duration.ofSeconds(1),
                Duration.ZERO));

        JsonNode asked = hotline.finishedCall(OPTED_IN, CALL_TIMEOUT);
        first.awaitSuccess(Duration.ofSeconds(30));
        JsonNode notAsked = hotline.finishedCall(NOT_OPTED_IN, CALL_TIMEOUT);
        second.awaitSuccess(Duration.ofSeconds(30));

        assertEquals("answered", asked.path("outcome").asText(), asked::toPrettyString);
        assertEquals("zh", asked.path("ivr").path("language").asText(), asked.path("ivr")::toString);
        assertEquals("yes", asked.path("ivr").path("entered").path("surveyOptIn").asText(), asked.path("ivr")::toString);
        JsonNode survey = asked.path("survey");
        assertEquals(5, survey.path("csat").asInt(-1), asked::toPrettyString);
        assertEquals(10, survey.path("nps").asInt(-1), asked::toPrettyString);
        assertEquals(2, survey.path("ces").asInt(-1), asked::toPrettyString);

        assertEquals("answered", notAsked.path("outcome").asText(), notAsked::toPrettyString);
        assertEquals("zh", notAsked.path("ivr").path("language").asText(), notAsked.path("ivr")::toString);
        assertTrue(notAsked.path("ivr").path("entered").path("surveyOptIn").isMissingNode(), notAsked.path("ivr")::toString);
        assertTrue(notAsked.path("survey").isNull() || notAsked.path("survey").isMissingNode(),
                "not opted in, not asked: " + notAsked.path("survey"));
        assertFalse(events(notAsked).contains("survey"), "no survey on the timeline: " + events(notAsked));
        assertTrue(events(notAsked).contains("announced"), "waited long enough to hear their place: " + events(notAsked));

        List<String> firstHeard = asterisk.playedTo(OPTED_IN);
        List<String> secondHeard = asterisk.playedTo(NOT_OPTED_IN);
        assertTrue(firstHeard.contains("hotline/zh/survey-opt-in"), firstHeard::toString);
        assertEquals(SURVEY_IN_MANDARIN, firstHeard.stream().filter(s -> s.contains("survey-") && !s.endsWith("opt-in"))
                .toList(), "the whole survey in Mandarin, in order: " + firstHeard);
        assertTrue(secondHeard.contains("hotline/zh/queue-you-are-next"), "their place, in Mandarin: " + secondHeard);
        assertFalse(secondHeard.contains("hotline/queue-you-are-next"), secondHeard::toString);
        assertTrue(secondHeard.stream().noneMatch(s -> s.contains("survey-")), "never asked: " + secondHeard);

        JsonNode kpis = Poll.until("both calls in today's KPIs", Duration.ofSeconds(10), () -> {
            JsonNode k = hotline.kpisToday();
            return k.path("answered").asLong() >= 2 ? k : null;
        });
        assertEquals(2, kpis.path("answered").asLong(), kpis::toString);
        assertEquals(100.0, kpis.path("csat").asDouble(), "one answer, satisfied: " + kpis);
        assertEquals(100.0, kpis.path("nps").asDouble(), kpis::toString);
        assertEquals(2.0, kpis.path("ces").asDouble(), kpis::toString);
    }

    private static List<String> events(JsonNode call) {
        List<String> events = new ArrayList<>();
        call.path("timeline").forEach(e -> events.add(e.path("event").asText()));
        return events;
    }
}

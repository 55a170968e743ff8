package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.agi.FakeAsterisk;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.call.SurveyAnswers;
import org.hotline.routing.Acd;
import org.hotline.standards.Greeting;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey on the call script: asked only when the agent hung up first, its answers
 * on the record as they come (a caller who leaves mid-survey keeps theirs), the talk time ending
 * with the conversation, and the call ending as any served call does.
 */
class HotlineCallSurveyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CALL = "1700000000.9";
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(new Agent("1001", "Alice", "1001", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final List<CallRecord> records = new ArrayList<>();
    private final SurveySettings survey = new SurveySettings("hotline/survey-intro", "hotline/survey-csat",
            "hotline/survey-nps", "hotline/survey-ces", "hotline/survey-thanks", Duration.ofSeconds(5));
    private final CallFlowSettings settings = new CallFlowSettings("support", "support", "PJSIP/{extension}",
            Duration.ofSeconds(1), "hotline/welcome", "hotline/sorry", "hotline/cue", "default", standards,
            new Greeting("Acme", "Hi {customer}", "Hello"), Duration.ofSeconds(60), "hotline/max-wait-reached",
            Optional.empty(), Map.of(), Optional.of(survey));
    private final HotlineCallScript script = new HotlineCallScript(settings, roster, new Acd(roster), new LiveCalls(),
            records::add, new CallerIdentification(new HotlineCallEndsTest.NoCustomers(), n -> n, Runnable::run),
            new FloorEvents(Runnable::run), clock);
    private final FakeAsterisk asterisk = new FakeAsterisk(script, CALL, "4155550100", Duration.ofSeconds(10));

    /** Up to the Dial to the only agent, which keeps the caller on the line when the agent hangs up. */
    private void untilTheAgentRings() {
        assertEquals("ANSWER", asterisk.next());
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("STREAM FILE \"hotline/welcome\""));
        asterisk.reply("200 result=0 endpos=8000");
        assertTrue(asterisk.next().startsWith("SET MUSIC ON"));
        asterisk.reply("200 result=0");
        String dial = asterisk.next();
        assertTrue(dial.startsWith("EXEC \"Dial\" \"PJSIP/1001,18.0,m(default)g"), dial);
    }

    /** The agent answered, talked {@code talk}, and hung up: the Dial returns with ANSWER. */
    private void theAgentHangsUpAfter(Duration talk) {
        untilTheAgentRings();
        clock.advance(talk);
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("GET FULL VARIABLE"));
        asterisk.reply("200 result=1 (ANSWER)");
    }

    private void expect(String commandStart) {
        String command = asterisk.next();
        assertTrue(command.startsWith(commandStart), () -> "expected " + commandStart + ", got " + command);
    }

    private CallRecord record() {
        assertEquals(1, records.size(), "exactly one record: " + records);
        return records.get(0);
    }

    @Test
    void theAgentHangingUpFirstLeavesTheCallerTheThreeQuestions() {
        theAgentHangsUpAfter(Duration.ofSeconds(30));
        expect("STREAM FILE \"hotline/survey-intro\" \"\"");
        assertEquals("wrap-up", roster.view("1001").state(), "the agent's part ended when they hung up");
        clock.advance(Duration.ofSeconds(3));
        asterisk.reply("200 result=0 endpos=24000");
        expect("GET DATA \"hotline/survey-csat\" 5000 1");
        asterisk.reply("200 result=5");
        expect("GET DATA \"hotline/survey-nps\" 5000 1");
        asterisk.reply("200 result=1");
        expect("WAIT FOR DIGIT 2000");
        asterisk.reply("200 result=48"); // '0' within the wait: 10
        expect("GET DATA \"hotline/survey-ces\" 5000 1");
        asterisk.reply("200 result=2");
        assertTrue(records.isEmpty(), "the record waits for the end of the survey");
        expect("STREAM FILE \"hotline/survey-thanks\" \"\"");
        clock.advance(Duration.ofSeconds(10));
        asterisk.reply("200 result=0 endpos=16000");
        expect("SET VARIABLE \"HOTLINE_DONE\"");
        asterisk.reply("200 result=1");
        assertEquals("HANGUP", asterisk.next());

        CallRecord r = record();
        assertEquals(new SurveyAnswers(5, 10, 2), r.survey());
        assertEquals(CallOutcome.ANSWERED, r.outcome(), "the agent's outcome stays answered");
        assertEquals(30.0, r.talkSeconds(), "the talk ends when the agent hung up, not after the survey");
        assertEquals(T0.plusSeconds(43), r.endedAt());
    }

    @Test
    void oneAloneIsOneAndKeysOffTheScaleAreNoAnswer() {
        theAgentHangsUpAfter(Duration.ofSeconds(5));
        expect("STREAM FILE \"hotline/survey-intro\"");
        asterisk.reply("200 result=0 endpos=24000");
        expect("GET DATA \"hotline/survey-csat\"");
        asterisk.reply("200 result=9");
        expect("GET DATA \"hotline/survey-nps\"");
        asterisk.reply("200 result=1");
        expect("WAIT FOR DIGIT 2000");
        asterisk.reply("200 result=0"); // no second key
        expect("GET DATA \"hotline/survey-ces\"");
        asterisk.reply("200 result= (timeout)");
        expect("STREAM FILE \"hotline/survey-thanks\"");
        asterisk.reply("200 result=0 endpos=16000");
        expect("SET VARIABLE \"HOTLINE_DONE\"");
        assertEquals(new SurveyAnswers(null, 1, null), record().survey());
    }

    @Test
    void aCallerWhoHangsUpMidSurveyKeepsTheAnswersGiven() {
        theAgentHangsUpAfter(Duration.ofSeconds(20));
        expect("STREAM FILE \"hotline/survey-intro\"");
        asterisk.reply("200 result=0 endpos=24000");
        expect("GET DATA \"hotline/survey-csat\"");
        asterisk.reply("200 result=4");
        expect("GET DATA \"hotline/survey-nps\"");
        clock.advance(Duration.ofSeconds(2));
        asterisk.hangUp();
        asterisk.reply("200 result=-1");
        expect("SET VARIABLE \"HOTLINE_DONE\"");
        asterisk.cut();

        CallRecord r = record();
        assertEquals(new SurveyAnswers(4, null, null), r.survey());
        assertEquals(CallOutcome.ANSWERED, r.outcome());
        assertEquals(20.0, r.talkSeconds());
        assertEquals("wrap-up", roster.view("1001").state(), "the agent is released with the call");
    }

    @Test
    void aCallerWhoHungUpFirstIsNotSurveyed() {
        untilTheAgentRings();
        clock.advance(Duration.ofSeconds(25));
        asterisk.hangUp();
        asterisk.reply("200 result=-1");
        expect("GET FULL VARIABLE");
        asterisk.reply("200 result=1 (ANSWER)");
        expect("SET VARIABLE \"HOTLINE_DONE\"");
        asterisk.cut();

        CallRecord r = record();
        assertNull(r.survey(), "no survey was asked");
        assertEquals(CallOutcome.ANSWERED, r.outcome());
    }
}

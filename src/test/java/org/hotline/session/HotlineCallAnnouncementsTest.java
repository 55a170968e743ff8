package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hotline.agi.FakeAsterisk;
import org.hotline.call.Agent;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.ivr.PromptSet;
import org.hotline.routing.Acd;
import org.hotline.routing.WaitEstimator;
import org.hotline.standards.Greeting;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A waiting caller hears their place and wait every announceEverySeconds of their queue, between
 * the polls of the waiting loop, with the music off meanwhile; a caller who hangs up during it
 * ends as abandoned, never handed to the fallback.
 */
class HotlineCallAnnouncementsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CALL = "1700000000.9";
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(new Agent("1001", "Alice", "1001", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final Acd acd = new Acd(roster);
    private final List<CallRecord> records = new ArrayList<>();
    private final CallFlowSettings settings = new CallFlowSettings("support", "support", "PJSIP/{extension}",
            Duration.ofSeconds(1), "hotline/welcome", "hotline/sorry", "hotline/cue", "default", standards,
            new Greeting("Acme", "Hi {customer}", "Hello"), Duration.ofSeconds(600), "hotline/max-wait-reached",
            Optional.empty(), Map.of());
    private final QueueAnnouncer announcer = new QueueAnnouncer(acd,
            new WaitEstimator(clock, Duration.ofSeconds(15), T0.minus(Duration.ofHours(1))), roster::staffedWith,
            Map.of("support", Duration.ofSeconds(5)), new PromptSet("en", List.of("en", "zh"), "hotline"), clock);
    private final HotlineCallScript script = new HotlineCallScript(settings, roster, acd, new LiveCalls(), records::add,
            new CallerIdentification(new HotlineCallEndsTest.NoCustomers(), n -> n, Runnable::run),
            new FloorEvents(Runnable::run), clock, announcer);
    private FakeAsterisk asterisk;

    @BeforeEach
    void aCallerWaitsWithTheOnlyAgentPaused() {
        roster.changePresence("1001", AgentPresence.PAUSED, "break");
        asterisk = new FakeAsterisk(script, CALL, "4155550100", Duration.ofSeconds(10));
        assertEquals("ANSWER", asterisk.next());
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("STREAM FILE \"hotline/welcome\""));
        asterisk.reply("200 result=0 endpos=8000");
        assertTrue(asterisk.next().startsWith("SET MUSIC ON"));
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("WAIT FOR DIGIT 1000"));
    }

    /** Lets the waiting loop's polls pass until {@code at} (the ACD ticking every second), then returns the next command. */
    private String pollUntil(Duration sinceStart) {
        while (clock.instant().isBefore(T0.plus(sinceStart))) {
            clock.advance(Duration.ofSeconds(1));
            acd.tick();
            asterisk.reply("200 result=0");
            String command = asterisk.next();
            if (!command.startsWith("WAIT FOR DIGIT")) {
                return command;
            }
        }
        return asterisk.next();
    }

    @Test
    void afterTheIntervalTheMusicStopsForYouAreNextAndComesBack() {
        assertEquals("SET MUSIC OFF", pollUntil(Duration.ofSeconds(6)));
        assertEquals(T0.plusSeconds(5), clock.instant(), "due 5 s after entering the queue");
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("STREAM FILE \"hotline/queue-you-are-next\" \"\""));
        asterisk.reply("200 result=0 endpos=8000");
        assertTrue(asterisk.next().startsWith("SET MUSIC ON"));
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("WAIT FOR DIGIT"), "back to waiting for an agent");
        assertEquals(OptionalInt.of(1), acd.placeInLine(CALL), "the place is kept");

        asterisk.hangUp();
        asterisk.reply("200 result=-1");
        CallRecord record = records.get(0);
        assertTrue(record.timeline().stream().anyMatch(e -> e.event().equals("announced")
                && e.detail().equals("position 1, next")), record.timeline()::toString);
    }

    @Test
    void theNextAnnouncementComesAnIntervalAfterTheLastAndSaysThePlaceAndNothingUnknown() {
        // The only agent is paused: nobody staffs the queue, so the wait is not said.
        acd.join(new Acd.WaitingCall("earlier", "support", "support", T0.minusSeconds(30)));
        assertEquals("SET MUSIC OFF", pollUntil(Duration.ofSeconds(6)));
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("STREAM FILE \"hotline/queue-caller-number\""));
        asterisk.reply("200 result=0 endpos=8000");
        assertTrue(asterisk.next().startsWith("SAY NUMBER \"2\""), "then the place by SAY NUMBER");
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("SET MUSIC ON"), "no time: nobody staffs the queue");
        Instant announcedAt = clock.instant();
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("WAIT FOR DIGIT"));
        assertEquals("SET MUSIC OFF", pollUntil(Duration.ofSeconds(20)));
        assertEquals(announcedAt.plusSeconds(5), clock.instant(), "again one interval after the last");
    }

    @Test
    void aCallerWhoHangsUpDuringTheAnnouncementIsAbandonedAndLeavesTheLine() {
        pollUntil(Duration.ofSeconds(6));
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("STREAM FILE \"hotline/queue-you-are-next\""));
        asterisk.hangUp();
        asterisk.reply("200 result=-1 endpos=0");
        assertTrue(asterisk.next().startsWith("SET VARIABLE \"HOTLINE_DONE\" \"1\""), "not the fallback");
        asterisk.reply("200 result=1");
        assertEquals(1, records.size());
        assertEquals(CallOutcome.ABANDONED, records.get(0).outcome());
        assertTrue(acd.waiting("support").isEmpty(), "the place in line is left");
        acd.tick();
        assertEquals(OptionalInt.empty(), acd.placeInLine(CALL));
    }
}

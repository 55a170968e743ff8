package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline.agi.FakeAsterisk;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;
import org.hotline.routing.Acd;
import org.hotline.standards.Greeting;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Whatever ends a call (the caller, a cut connection, Asterisk refusing the Dial, Hotline
 * stopping, a deadline, the queue's maximum wait), the agent it rang or connected is released
 * exactly once, the attempt's result is recorded, and the outcome is the best one known.
 */
class HotlineCallEndsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CALL = "1700000000.7";
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(new Agent("1001", "Alice", "1001", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final LiveCalls liveCalls = new LiveCalls();
    private final List<CallRecord> records = new ArrayList<>();
    private final FloorEvents floor = new FloorEvents(Runnable::run);
    private final CallFlowSettings settings = new CallFlowSettings("support", "support", "PJSIP/{extension}",
            Duration.ofSeconds(1), "hotline/welcome", "hotline/sorry", "hotline/cue", "default", standards,
            new Greeting("Acme", "Hi {customer}", "Hello"), Duration.ofSeconds(60), "hotline/max-wait-reached",
            Optional.empty(), java.util.Map.of());
    private final HotlineCallScript script = new HotlineCallScript(settings, roster, new Acd(roster), liveCalls,
            records::add, new CallerIdentification(new NoCustomers(), n -> n, Runnable::run),
            floor, clock);
    private final FakeAsterisk asterisk = new FakeAsterisk(script, CALL, "4155550100", Duration.ofSeconds(10));

    /** Answers the IVR's first steps and returns the Dial it sends to the only agent. */
    private String untilTheAgentRings() {
        assertEquals("ANSWER", asterisk.next());
        asterisk.reply("200 result=0");
        String welcome = asterisk.next();
        assertTrue(welcome.startsWith("STREAM FILE \"hotline/welcome\""), welcome);
        asterisk.reply("200 result=0 endpos=8000");
        String music = asterisk.next();
        assertTrue(music.startsWith("SET MUSIC ON"), music);
        asterisk.reply("200 result=0");
        String dial = asterisk.next();
        assertTrue(dial.startsWith("EXEC \"Dial\" \"PJSIP/1001,18.0"), dial);
        assertEquals("ringing", roster.view("1001").state());
        return dial;
    }

    private CallRecord record() {
        assertEquals(1, records.size(), "exactly one record: " + records);
        return records.get(0);
    }

    private AgentAttempt.Result lastAttempt() {
        List<AgentAttempt> attempts = record().agentAttempts();
        return attempts.get(attempts.size() - 1).result();
    }

    @Test
    void theRungAgentsScreenIsPoppedEvenWithoutAnIvr() {
        List<org.hotline.call.ScreenPop> pops = new ArrayList<>();
        floor.subscribe(e -> {
            if (e instanceof org.hotline.call.FloorEvent.PopReady p) {
                pops.add(p.pop());
            }
        });
        untilTheAgentRings();
        assertEquals(1, pops.size(), "one pop for the one agent rung");
        assertEquals("1001", pops.get(0).agentId());
        assertEquals("support", pops.get(0).ivr().get("queue"));
        assertTrue(pops.get(0).ivr().containsKey("language"), "the IVR part is there, empty: " + pops.get(0).ivr());
    }

    @Test
    void aConnectionCutWhileTheAgentRingsFreesTheAgentAndRecordsAnInterruption() {
        untilTheAgentRings();
        clock.advance(Duration.ofSeconds(4));
        asterisk.cut();
        assertEquals("available", roster.view("1001").state(), "the agent is not left ringing");
        assertEquals(CallOutcome.INTERRUPTED, record().outcome());
        assertEquals(AgentAttempt.Result.CUT, lastAttempt());
        assertEquals(4.0, record().agentAttempts().get(0).ringSeconds());
        assertEquals(0, roster.view("1001").missedRings(), "a cut is not the agent's miss");
        assertTrue(liveCalls.find(CALL).isEmpty());
    }

    @Test
    void aConnectionCutDuringTheConversationKeepsTheAnswerAsteriskReported() {
        untilTheAgentRings();
        clock.advance(Duration.ofSeconds(3));
        liveCalls.find(CALL).orElseThrow().agentPickedUp("1001", clock.instant()); // AMI: the agent's leg is Up
        roster.ringEnded("1001", CALL, AgentAttempt.Result.ANSWERED);
        clock.advance(Duration.ofSeconds(30));
        asterisk.cut();
        CallRecord r = record();
        assertEquals(CallOutcome.ANSWERED, r.outcome());
        assertEquals("1001", r.agent());
        assertEquals(T0.plusSeconds(3), r.agentAnsweredAt());
        assertEquals(30.0, r.talkSeconds());
        assertEquals("wrap-up", roster.view("1001").state(), "the agent is off the call, in wrap-up");
    }

    @Test
    void aDialAsteriskRefusesSendsTheCallerToTheFallbackAndFreesTheAgent() {
        untilTheAgentRings();
        asterisk.reply("510 Invalid or unknown command");
        assertFalse(asterisk.isOpen(), "Hotline closed the session: the dialplan's fallback takes the caller");
        assertEquals(CallOutcome.FALLBACK, record().outcome());
        assertEquals(AgentAttempt.Result.CUT, lastAttempt());
        assertEquals("available", roster.view("1001").state());
    }

    @Test
    void hotlineStoppingDuringARingHandsTheCallerToTheFallback() {
        untilTheAgentRings();
        asterisk.hotlineStops();
        assertEquals(CallOutcome.FALLBACK, record().outcome());
        assertEquals("available", roster.view("1001").state());
    }

    @Test
    void withoutAmiAnAnsweredDialStillEndsTheCallAndFreesTheAgent() {
        untilTheAgentRings();
        clock.advance(Duration.ofSeconds(40));
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("GET FULL VARIABLE"));
        asterisk.reply("200 result=1 (ANSWER)");
        assertEquals(CallOutcome.ANSWERED, record().outcome());
        assertEquals(0.0, record().agentAttempts().get(0).ringSeconds(), "no pickup time known without AMI");
        assertEquals("wrap-up", roster.view("1001").state());
        assertTrue(asterisk.next().startsWith("SET VARIABLE \"HOTLINE_DONE\""));
    }

    @Test
    void aCommandWithoutReplyPastItsDeadlineEndsTheSessionIntoTheFallback() {
        assertEquals("ANSWER", asterisk.next());
        asterisk.advance(Duration.ofSeconds(11));
        assertFalse(asterisk.isOpen());
        assertEquals(CallOutcome.FALLBACK, record().outcome());
    }

    @Test
    void theQueuesMaximumWaitEndsWithTheMessageAndACleanHangUp() {
        roster.changePresence("1001", org.hotline.call.AgentPresence.PAUSED, "break");
        assertEquals("ANSWER", asterisk.next());
        asterisk.reply("200 result=0");
        asterisk.next();
        asterisk.reply("200 result=0 endpos=8000");
        asterisk.next();
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("WAIT FOR DIGIT 1000"));
        clock.advance(Duration.ofSeconds(61));
        asterisk.reply("200 result=0");
        String message = asterisk.next();
        assertTrue(message.startsWith("STREAM FILE \"hotline/max-wait-reached\""), message);
        asterisk.reply("200 result=0 endpos=8000");
        assertTrue(asterisk.next().startsWith("SET VARIABLE \"HOTLINE_DONE\""));
        asterisk.reply("200 result=1");
        assertEquals("HANGUP", asterisk.next());
        assertEquals(CallOutcome.MAX_WAIT, record().outcome());
    }

    @Test
    void theCallerHangingUpWhileTheAgentRingsIsTheCallersDoing() {
        untilTheAgentRings();
        asterisk.hangUp();
        asterisk.reply("200 result=0");
        assertTrue(asterisk.next().startsWith("GET FULL VARIABLE"));
        asterisk.reply("200 result=1 (CANCEL)");
        assertEquals(CallOutcome.ABANDONED, record().outcome());
        assertEquals(AgentAttempt.Result.CALLER_HUNG_UP, lastAttempt());
        assertEquals("available", roster.view("1001").state());
        asterisk.cut();
        assertEquals(1, records.size(), "the later close changes nothing");
    }

    static final class NoCustomers implements CustomerDirectory {
        @Override
        public Optional<CustomerView> findByPhone(String number) {
            return Optional.empty();
        }

        @Override
        public Optional<CustomerView> find(String id) {
            return Optional.empty();
        }

        @Override
        public void save(Customer customer) {
        }

        @Override
        public void record(String customerId, Interaction interaction) {
        }

        @Override
        public List<Interaction> history(String customerId, int limit) {
            return List.of();
        }
    }
}

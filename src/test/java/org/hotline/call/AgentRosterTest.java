package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.TelephonyEvent.DeviceState;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AgentRosterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final AgentRoster roster = new AgentRoster(List.of(
            new Agent("a", "Alice", "1001", List.of("support")),
            new Agent("b", "Bob", "1002", List.of("support", "billing")),
            new Agent("c", "Carol", "1003", List.of("billing"))),
            agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), clock);

    @Test
    void theLongestIdleAgentWithTheSkillIsChosen() {
        endCall("a", "x");           // a idle since 10:00:01
        clock.advance(Duration.ofSeconds(1));
        endCall("b", "y");           // b idle since 10:00:02
        assertEquals("a", roster.reserveLongestIdle("support", "call-1").orElseThrow().id());
        assertEquals("b", roster.reserveLongestIdle("support", "call-2").orElseThrow().id());
        assertEquals(Optional.empty(), roster.reserveLongestIdle("support", "call-3"), "both are ringing now");
        assertEquals("ringing", roster.view("a").state());
    }

    @Test
    void aPausedAgentIsNeverRung() {
        roster.changePresence("a", AgentPresence.PAUSED, "lunch");
        roster.changePresence("b", AgentPresence.PAUSED, "");
        assertEquals(Optional.empty(), roster.reserveLongestIdle("support", "call-1"));
        assertEquals("lunch", roster.view("a").reason());
        assertEquals("paused", roster.view("b").reason());
    }

    @Test
    void consecutiveMissesPauseTheAgentAndAlert() {
        List<AgentRoster.Alert> alerts = new ArrayList<>();
        roster.onAlert(alerts::add);
        miss("a", "call-1");
        assertEquals("available", roster.view("a").state());
        assertEquals(1, roster.view("a").consecutiveMisses());
        miss("a", "call-2");
        AgentView a = roster.view("a");
        assertEquals("paused", a.state());
        assertEquals(AgentRoster.MISSED_RINGS, a.reason());
        assertEquals(2, a.missedRings());
        assertEquals(1, alerts.size());
        assertEquals("a", alerts.get(0).agentId());
    }

    @Test
    void anAnswerResetsTheMissStreak() {
        miss("a", "call-1");
        reserve("a", "call-2");
        roster.ringEnded("a", "call-2", Result.ANSWERED);
        assertEquals("on-call", roster.view("a").state());
        roster.callEnded("a", "call-2");
        miss("a", "call-3");
        assertEquals("available", roster.view("a").state());
        assertEquals(1, roster.view("a").consecutiveMisses());
    }

    @Test
    void aBusyPhoneIsSkippedForAWhileWithoutCountingAMiss() {
        reserve("a", "call-1");
        roster.ringEnded("a", "call-1", Result.BUSY);
        roster.changePresence("b", AgentPresence.PAUSED, "x");
        assertEquals(0, roster.view("a").missedRings());
        assertEquals(Optional.empty(), roster.reserveLongestIdle("support", "call-2"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals("a", roster.reserveLongestIdle("support", "call-2").orElseThrow().id());
    }

    @Test
    void asteriskDeviceStateKeepsBusyOrUnreachablePhonesOut() {
        roster.deviceStateChanged("PJSIP/1001", DeviceState.INUSE);
        roster.deviceStateChanged("pjsip/1002", DeviceState.UNAVAILABLE);
        roster.deviceStateChanged("PJSIP/9999", DeviceState.INUSE);
        assertEquals(Optional.empty(), roster.reserveLongestIdle("support", "call-1"));
        assertEquals("on-call", roster.view("a").state());
        assertEquals("unavailable", roster.view("b").state());
        roster.deviceStateChanged("PJSIP/1001", DeviceState.NOT_INUSE);
        assertTrue(roster.reserveLongestIdle("support", "call-1").isPresent());
    }

    @Test
    void reservingAnAgentByIdRefusesOneWhoMayNotBeOffered() {
        roster.changePresence("a", AgentPresence.PAUSED, "lunch");
        roster.deviceStateChanged("PJSIP/1003", DeviceState.INUSE);
        assertFalse(roster.reserve("a", "call-1"), "paused");
        assertFalse(roster.reserve("c", "call-1"), "phone busy");
        assertTrue(roster.reserve("b", "call-1"));
        assertFalse(roster.reserve("b", "call-2"), "already ringing");
        assertEquals("call-1", roster.view("b").currentCall());
    }

    @Test
    void eligibilityIsReportedAtSubscriptionOnEachChangeAndWhenABusySkipEnds() {
        List<AgentRoster.Eligibility> seen = new ArrayList<>();
        roster.onEligibilityChange(seen::add);
        assertEquals(List.of("a", "b", "c"), seen.stream().map(e -> e.agent().id()).toList());
        assertTrue(seen.stream().allMatch(AgentRoster.Eligibility::eligible));
        seen.clear();
        assertTrue(roster.reserve("a", "call-1"));
        roster.ringEnded("a", "call-1", Result.BUSY);
        assertEquals(List.of(false, false), seen.stream().map(AgentRoster.Eligibility::eligible).toList(),
                "ringing, then skipped");
        assertEquals("call-1", seen.get(0).call());
        clock.advance(Duration.ofSeconds(4));
        roster.tick();
        assertEquals(2, seen.size());
        clock.advance(Duration.ofSeconds(1));
        roster.tick();
        assertTrue(seen.get(2).eligible(), "the skip ended");
        roster.changePresence("a", AgentPresence.PAUSED, "x");
        roster.deviceStateChanged("PJSIP/1001", DeviceState.INUSE); // no visible change while paused
        roster.changePresence("a", AgentPresence.AVAILABLE, null);
        assertFalse(seen.get(seen.size() - 1).eligible(), "the phone is still busy");
    }

    @Test
    void channelsMapToTheirAgent() {
        assertEquals("b", roster.agentOfChannel("PJSIP/1002-0000002a").orElseThrow().id());
        assertEquals("b", roster.agentOfChannel("PJSIP/1002").orElseThrow().id());
        assertEquals(Optional.empty(), roster.agentOfChannel("PJSIP/pstn-00000001"));
    }

    @Test
    void unknownAgentsAreRefused() {
        assertThrows(NoSuchElementException.class, () -> roster.changePresence("zz", AgentPresence.PAUSED, "x"));
    }

    private void reserve(String agent, String call) {
        for (String other : List.of("a", "b", "c")) {
            if (!other.equals(agent)) {
                roster.changePresence(other, AgentPresence.PAUSED, "test");
            }
        }
        assertEquals(agent, roster.reserveLongestIdle(roster.view(agent).skills().get(0), call).orElseThrow().id());
        for (String other : List.of("a", "b", "c")) {
            if (!other.equals(agent)) {
                roster.changePresence(other, AgentPresence.AVAILABLE, null);
            }
        }
    }

    private void miss(String agent, String call) {
        reserve(agent, call);
        roster.ringEnded(agent, call, Result.NO_ANSWER);
    }

    private void endCall(String agent, String call) {
        clock.advance(Duration.ofSeconds(1));
        reserve(agent, call);
        roster.ringEnded(agent, call, Result.ANSWERED);
        roster.callEnded(agent, call);
    }
}

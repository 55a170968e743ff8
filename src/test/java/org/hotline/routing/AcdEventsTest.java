package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentRoster;
import org.hotline.call.TelephonyEvent.DeviceState;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The ACD driven by changes: who gets whom when an agent frees or a caller joins, and what a poll costs. */
class AcdEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AgentRoster roster = roster(clock);
    /** The owner's tasks, run when the test says: shows what is decided on a change and what a poll does. */
    private final List<Runnable> ownerTasks = new ArrayList<>();
    private final Executor manualOwner = ownerTasks::add;

    private static AgentRoster roster(MutableClock clock) {
        return new AgentRoster(List.of(
                new Agent("a", "Alice", "1001", List.of("support")),
                new Agent("b", "Bob", "1002", List.of("support", "billing")),
                new Agent("c", "Carol", "1003", List.of("billing"))),
                agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    }

    @Test
    void aFreedAgentGoesToTheLongestWaitingCallerOfAnyOfTheirSkills() {
        pauseAll(roster);
        Acd acd = new Acd(roster);
        acd.join(call("support-young", "support", 20));
        acd.join(call("billing-old", "billing", 10));
        acd.join(call("support-old", "support", 5));
        roster.changePresence("b", AgentPresence.AVAILABLE, null);
        assertEquals("b", acd.poll("support-old").orElseThrow().id(), "b has both skills; support-old waited longest");
        roster.changePresence("c", AgentPresence.AVAILABLE, null);
        assertEquals("c", acd.poll("billing-old").orElseThrow().id());
        roster.changePresence("a", AgentPresence.AVAILABLE, null);
        assertEquals("a", acd.poll("support-young").orElseThrow().id());
    }

    @Test
    void afterAMissTheCallerIsOfferedTheNextAgentNotTheOneWhoMissed() {
        Acd acd = new Acd(roster);
        acd.join(call("caller", "support", 1));
        assertEquals("a", acd.poll("caller").orElseThrow().id(), "a and b idle alike: a is listed first");
        clock.advance(Duration.ofSeconds(18));
        roster.ringEnded("a", "caller", Result.NO_ANSWER);
        acd.ringFailed("caller");
        assertEquals("b", acd.poll("caller").orElseThrow().id(), "b has been idle longer than a, who just missed");
    }

    @Test
    void aJoiningCallerTakesTheLongestIdleAgentWithTheirSkill() {
        Acd acd = new Acd(roster);
        talk(acd, "a", "x", 1);      // a idle since T0+61s
        talk(acd, "b", "y", 2);      // b idle since T0+122s
        clock.advance(Duration.ofSeconds(15));
        roster.tick();               // the wrap-ups end
        acd.join(call("new", "support", 200));
        assertEquals("a", acd.poll("new").orElseThrow().id());
        acd.join(call("newer", "support", 201));
        assertEquals("b", acd.poll("newer").orElseThrow().id());
    }

    @Test
    void pausedWrapUpAndBusyPhonesAreNotGiven() {
        Acd acd = new Acd(roster);
        talk(acd, "a", "x", 1);                                    // a is in wrap-up after the call
        roster.changePresence("c", AgentPresence.PAUSED, "lunch");
        roster.deviceStateChanged("PJSIP/1002", DeviceState.INUSE);   // b's phone is busy elsewhere
        acd.join(call("s", "support", 100));
        acd.join(call("bill", "billing", 101));
        assertEquals(Optional.empty(), acd.poll("s"));
        assertEquals(Optional.empty(), acd.poll("bill"));
        roster.deviceStateChanged("PJSIP/1002", DeviceState.NOT_INUSE);
        assertEquals("b", acd.poll("s").orElseThrow().id(), "b's phone is free again; s waited longest");
        roster.changePresence("c", AgentPresence.AVAILABLE, null);
        assertEquals("c", acd.poll("bill").orElseThrow().id());
    }

    @Test
    void aBusySkipEndsAtTheRostersTickAndTheAgentIsGivenThen() {
        roster.changePresence("b", AgentPresence.PAUSED, "x");
        Acd acd = new Acd(roster);
        acd.join(call("c1", "support", 0));
        assertEquals("a", acd.poll("c1").orElseThrow().id());
        roster.ringEnded("a", "c1", Result.BUSY);
        acd.ringFailed("c1");
        assertEquals(Optional.empty(), acd.poll("c1"), "a is skipped for 5 s");
        clock.advance(Duration.ofSeconds(4));
        roster.tick();
        assertEquals(Optional.empty(), acd.poll("c1"));
        clock.advance(Duration.ofSeconds(1));
        roster.tick();
        assertEquals("a", acd.poll("c1").orElseThrow().id(), "the skip is over");
        assertEquals(0, roster.view("a").missedRings());
    }

    @Test
    void leavingReleasesAReservationNotYetRung() {
        Acd acd = new Acd(roster);
        acd.join(call("gone", "billing", 0));
        assertEquals("gone", roster.view("b").currentCall(), "b and c idle alike: b comes first in the configuration");
        acd.leave("gone");
        assertEquals("available", roster.view("b").state());
        assertNull(roster.view("b").currentCall());
        assertEquals(Optional.empty(), acd.poll("gone"));
        assertEquals(0, acd.positionOf("gone"));
    }

    @Test
    void aPollOnlyReadsTheCallersOfferAndNeverDistributes() {
        Acd acd = new Acd(roster, manualOwner);
        runOwner();
        pauseAll(roster);
        runOwner();
        acd.join(call("c1", "support", 0));
        runOwner();
        roster.changePresence("a", AgentPresence.AVAILABLE, null);
        assertEquals(Optional.empty(), acd.poll("c1"), "a is free, but the owner has not applied the change yet");
        assertEquals("available", roster.view("a").state());
        runOwner();
        assertEquals("ringing", roster.view("a").state(), "the change reserved a for c1");
        assertEquals("a", acd.poll("c1").orElseThrow().id());
        assertEquals(Optional.empty(), acd.poll("c1"), "an offer is taken once");
    }

    @Test
    void theSameStateGivesTheSameChoice() {
        List<String> first = choices(new MutableClock(T0));
        List<String> second = choices(new MutableClock(T0));
        assertEquals(first, second);
        assertEquals(List.of("a", "b", "c"), first, "idle since the same instant: configuration order");
    }

    private List<String> choices(MutableClock clock) {
        AgentRoster fresh = roster(clock);
        Acd acd = new Acd(fresh);
        List<String> chosen = new ArrayList<>();
        acd.join(call("s1", "support", 0));
        acd.join(call("s2", "support", 0));
        acd.join(call("b1", "billing", 0));
        for (String call : List.of("s1", "s2", "b1")) {
            chosen.add(acd.poll(call).map(Agent::id).orElse("-"));
        }
        return chosen;
    }

    /** Agent {@code agent} takes and ends a call of 60 s, with the other agents paused meanwhile. */
    private void talk(Acd acd, String agent, String callId, int arrivedSecond) {
        clock.advance(Duration.ofSeconds(1));
        List<String> others = new ArrayList<>(List.of("a", "b", "c"));
        others.remove(agent);
        others.forEach(o -> roster.changePresence(o, AgentPresence.PAUSED, "test"));
        acd.join(call(callId, roster.view(agent).skills().get(0), arrivedSecond));
        assertEquals(agent, acd.poll(callId).orElseThrow().id());
        roster.ringEnded(agent, callId, Result.ANSWERED);
        acd.leave(callId);
        clock.advance(Duration.ofSeconds(60));
        roster.callEnded(agent, callId);
        others.forEach(o -> roster.changePresence(o, AgentPresence.AVAILABLE, null));
        assertEquals("wrap-up", roster.view(agent).state());
    }

    private void runOwner() {
        while (!ownerTasks.isEmpty()) {
            ownerTasks.remove(0).run();
        }
    }

    private static void pauseAll(AgentRoster roster) {
        for (String id : List.of("a", "b", "c")) {
            roster.changePresence(id, AgentPresence.PAUSED, "test");
        }
    }

    private static Acd.WaitingCall call(String id, String skill, int secondsAfterStart) {
        return new Acd.WaitingCall(id, skill, skill, T0.plusSeconds(secondsAfterStart));
    }
}

package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentRoster;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AcdTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AgentRoster roster = new AgentRoster(List.of(
            new Agent("a", "Alice", "1001", List.of("support")),
            new Agent("b", "Bob", "1002", List.of("billing"))),
            agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), clock);
    private final Acd acd = new Acd(roster);

    @Test
    void theLongestWaitingCallerGetsTheFreeAgentEvenIfAYoungerOnePollsFirst() {
        roster.changePresence("a", AgentPresence.PAUSED, "break");
        acd.join(call("old", 0));
        acd.join(call("young", 5));
        roster.changePresence("a", AgentPresence.AVAILABLE, null);
        assertEquals(Optional.empty(), acd.poll("young"), "agent a is held for the older caller");
        assertEquals("a", acd.poll("old").orElseThrow().id());
        assertEquals(2, acd.positionOf("young"));
    }

    @Test
    void aCallerBeingRungGetsNoSecondAgentAndKeepsTheirPlaceAfterAMiss() {
        acd.join(call("c1", 0));
        Agent first = acd.poll("c1").orElseThrow();
        acd.join(call("c2", 1));
        assertEquals(Optional.empty(), acd.poll("c2"), "the only support agent is ringing for c1");
        roster.ringEnded(first.id(), "c1", Result.NO_ANSWER);
        acd.ringFailed("c1");
        assertEquals(Optional.empty(), acd.poll("c2"), "c1 still comes first");
        assertEquals("a", acd.poll("c1").orElseThrow().id());
    }

    @Test
    void leavingReleasesAHeldAgent() {
        acd.join(call("gone", 0));
        acd.join(call("next", 1));
        assertEquals(Optional.empty(), acd.poll("next"));
        acd.leave("gone");
        assertEquals("next", roster.view("a").currentCall(), "released, and at once reserved for the next caller");
        assertEquals("a", acd.poll("next").orElseThrow().id());
        assertEquals(0, acd.positionOf("gone"));
    }

    @Test
    void skillsMatchQueues() {
        acd.join(new Acd.WaitingCall("bill", "billing", "billing", T0));
        assertEquals("b", acd.poll("bill").orElseThrow().id());
        assertTrue(acd.waiting("support").isEmpty());
    }

    @Test
    void placesInLineComeFromTheLastTickAndCountOnlyCallersStillWaitingForAnAgent() {
        roster.changePresence("a", AgentPresence.PAUSED, "break");
        acd.join(call("first", 0));
        acd.join(call("second", 1));
        acd.join(new Acd.WaitingCall("vip", "support", "support", T0.plusSeconds(2), T0.plusSeconds(2), java.util.Map.of(),
                10, List.of()));
        acd.join(new Acd.WaitingCall("bill", "billing", "billing", T0));
        assertEquals(java.util.OptionalInt.empty(), acd.placeInLine("first"), "no tick has taken the places yet");
        acd.tick();
        assertEquals(java.util.OptionalInt.of(1), acd.placeInLine("vip"), "higher priority first");
        assertEquals(java.util.OptionalInt.of(2), acd.placeInLine("first"));
        assertEquals(java.util.OptionalInt.of(3), acd.placeInLine("second"));
        assertEquals(java.util.OptionalInt.empty(), acd.placeInLine("bill"), "bill has agent b ringing: being served");

        roster.changePresence("a", AgentPresence.AVAILABLE, null); // a goes to vip, who is being served now
        acd.tick();
        assertEquals(java.util.OptionalInt.empty(), acd.placeInLine("vip"));
        assertEquals(java.util.OptionalInt.of(1), acd.placeInLine("first"), "next");
        assertEquals(java.util.OptionalInt.of(2), acd.placeInLine("second"));
        acd.leave("first");
        acd.tick();
        assertEquals(java.util.OptionalInt.of(1), acd.placeInLine("second"));

        clock.advance(Duration.ofSeconds(3));
        assertEquals(java.util.OptionalInt.empty(), acd.placeInLine("second"), "places 3 s old are not answered");
        acd.tick();
        assertEquals(java.util.OptionalInt.of(1), acd.placeInLine("second"));
    }

    private static Acd.WaitingCall call(String id, int secondsAfterStart) {
        return new Acd.WaitingCall(id, "support", "support", T0.plusSeconds(secondsAfterStart));
    }
}

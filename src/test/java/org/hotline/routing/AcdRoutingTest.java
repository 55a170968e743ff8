package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.call.Agent;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentRoster;
import org.hotline.call.RoutingDecision;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Skills with levels, priorities and relaxation: who gets whom, and the decision that says why. */
class AcdRoutingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> ALL = List.of("lou", "mia", "hal", "zoe");
    private static final List<RelaxationStep> SUPPORT_RELAXES = List.of(
            RelaxationStep.toLevel(Duration.ofSeconds(30), 1),
            RelaxationStep.anyAgentOfQueue(Duration.ofSeconds(90)));

    private final MutableClock clock = new MutableClock(T0);
    private final AgentRoster roster = roster(clock);
    private final Acd acd = new Acd(roster);

    /** Everyone idle since T0; configuration order lou, mia, hal, zoe. */
    private static AgentRoster roster(MutableClock clock) {
        return new AgentRoster(List.of(
                new Agent("lou", "Lou", "1001", List.of("support:1")),
                new Agent("mia", "Mia", "1002", List.of("support:3")),
                new Agent("hal", "Hal", "1003", List.of("support:5", "zh:2")),
                new Agent("zoe", "Zoe", "1004", List.of("support:2", "zh:5"))),
                agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), clock);
    }

    @Test
    void aCallerGetsTheHighestLevelAndTheDecisionSaysWhy() {
        acd.join(route("c1", Map.of("support", 1), 0));
        Acd.Offer offer = acd.pollOffer("c1").orElseThrow();
        assertEquals("hal", offer.agent().id());
        RoutingDecision d = offer.decision();
        assertEquals(new RoutingDecision(T0, "hal", "support", Map.of("support", 1), 0, 4,
                "highest level: support 5 (4 candidates)"), d);
        acd.join(route("c2", Map.of("support", 1), 0));
        assertEquals("mia", acd.poll("c2").orElseThrow().id(), "support 3 is the best of those left");
    }

    @Test
    void amongEqualLevelsTheAgentIdleLongestThenTheFirstConfigured() {
        AgentRoster equals = new AgentRoster(List.of(
                new Agent("p", "P", "1", List.of("support:3")),
                new Agent("q", "Q", "2", List.of("support:3")),
                new Agent("r", "R", "3", List.of("support:1"))),
                agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), clock);
        Acd acd = new Acd(equals);
        acd.join(route("c1", Map.of(), 0));
        RoutingDecision first = acd.pollOffer("c1").orElseThrow().decision();
        assertEquals("p", first.agent());
        assertEquals("highest level: support 3 (3 candidates), then longest idle 0 s, then configuration order",
                first.reason());
        clock.advance(Duration.ofSeconds(42));
        equals.ringEnded("p", "c1", org.hotline.call.AgentAttempt.Result.ANSWERED);
        equals.callEnded("p", "c1");   // p idle since now; q since T0
        acd.leave("c1");
        acd.join(route("c2", Map.of(), 0));
        RoutingDecision second = acd.pollOffer("c2").orElseThrow().decision();
        assertEquals("q", second.agent());
        assertEquals("highest level: support 3 (3 candidates), then longest idle 42 s", second.reason());
    }

    @Test
    void everyRequiredSkillMustBeMetAndThePrimaryRanks() {
        acd.join(route("mandarin", Map.of("zh", 3), 0));
        RoutingDecision zh = acd.pollOffer("mandarin").orElseThrow().decision();
        assertEquals("zoe", zh.agent(), "hal speaks zh at 2 only");
        assertEquals(Map.of("support", 1, "zh", 3), zh.skills(), "the queue's skill is always required");
        assertEquals(1, zh.candidates());
        assertEquals("only qualified free agent: zh 5, idle 0 s", zh.reason());

        acd.join(route("both", Map.of("support", 4, "zh", 2), 0));
        assertEquals("hal", acd.poll("both").orElseThrow().id(), "support 4 is the primary: hal has 5 and zh 2");

        acd.join(route("nobody", Map.of("support", 3, "zh", 3), 0));
        assertEquals(Optional.empty(), acd.poll("nobody"), "mia lacks zh, lou both");
    }

    @Test
    void higherPriorityCallersGoFirstThenQueueEntry() {
        pauseAll();
        acd.join(route("early", Map.of(), 0, T0));
        acd.join(route("later", Map.of(), 0, T0.plusSeconds(5)));
        acd.join(route("vip", Map.of(), 9, T0.plusSeconds(10)));
        assertEquals(List.of("vip", "early", "later"), acd.waiting("support").stream().map(Acd.WaitingCall::callId).toList());
        assertEquals(1, acd.positionOf("vip"));
        roster.changePresence("lou", AgentPresence.AVAILABLE, null);
        assertEquals("lou", acd.poll("vip").orElseThrow().id());
        roster.changePresence("mia", AgentPresence.AVAILABLE, null);
        assertEquals("mia", acd.poll("early").orElseThrow().id());
        assertEquals(Optional.empty(), acd.poll("later"));
    }

    @Test
    void aFreedAgentGoesToTheHighestPriorityCallerTheyQualifyFor() {
        pauseAll();
        acd.join(route("expert-vip", Map.of("support", 5), 9));
        acd.join(route("plain", Map.of("support", 1), 0));
        roster.changePresence("mia", AgentPresence.AVAILABLE, null);
        Acd.Offer plain = acd.pollOffer("plain").orElseThrow();
        assertEquals("mia", plain.agent().id(), "mia (support 3) cannot serve the VIP's support 5");
        assertTrue(plain.decision().reason().startsWith("agent free: first caller in line they qualify for (priority 0"),
                plain.decision().reason());
        roster.changePresence("hal", AgentPresence.AVAILABLE, null);
        assertEquals("hal", acd.poll("expert-vip").orElseThrow().id());
    }

    @Test
    void afterTheConfiguredWaitALevelOneAgentMayTakeTheCall() {
        only("lou");
        acd.join(relaxing("c1", Map.of("support", 3)));
        clock.advance(Duration.ofSeconds(29));
        acd.tick();
        assertEquals(Optional.empty(), acd.poll("c1"), "29 s: lou's level 1 is not enough yet");
        clock.advance(Duration.ofSeconds(1));
        acd.tick();
        RoutingDecision d = acd.pollOffer("c1").orElseThrow().decision();
        assertEquals("lou", d.agent());
        assertEquals(1, d.relaxationStep());
        assertEquals(Map.of("support", 1), d.skills());
        assertEquals(T0.plusSeconds(30), d.at());
        assertTrue(d.reason().endsWith("; relaxed to support 1 (step 1, after 30 s in queue)"), d.reason());
    }

    @Test
    void afterTheLastStepAnyAgentOfTheQueueWillDo() {
        only("mia");
        acd.join(relaxing("mandarin", Map.of("zh", 4)));
        clock.advance(Duration.ofSeconds(30));
        acd.tick();
        assertEquals(Optional.empty(), acd.poll("mandarin"), "level 1 is enough, but mia has no zh at all");
        clock.advance(Duration.ofSeconds(60));
        acd.tick();
        RoutingDecision d = acd.pollOffer("mandarin").orElseThrow().decision();
        assertEquals("mia", d.agent());
        assertEquals(2, d.relaxationStep());
        assertEquals(Map.of("support", 1), d.skills());
    }

    @Test
    void theWaitThatRelaxesCountsFromEnteringTheQueue() {
        only("lou");
        clock.advance(Duration.ofSeconds(100));
        acd.join(new Acd.WaitingCall("long-ivr", "support", "support", T0, T0.plusSeconds(95), Map.of("support", 3),
                0, SUPPORT_RELAXES));
        assertEquals(Optional.empty(), acd.poll("long-ivr"), "100 s since arrival, but 5 s in the queue");
        acd.join(new Acd.WaitingCall("queued-long", "support", "support", T0, T0, Map.of("support", 3), 0,
                SUPPORT_RELAXES));
        RoutingDecision d = acd.pollOffer("queued-long").orElseThrow().decision();
        assertEquals(2, d.relaxationStep(), "joined 100 s after entering: both steps apply at once");
    }

    @Test
    void aRelaxedCallerKeepsTheirPlaceBehindAHigherPriorityOne() {
        pauseAll();
        acd.join(new Acd.WaitingCall("relaxed", "support", "support", T0, T0, Map.of("support", 3), 0, SUPPORT_RELAXES));
        acd.join(route("vip", Map.of("support", 1), 5));
        clock.advance(Duration.ofSeconds(30));
        acd.tick();
        roster.changePresence("lou", AgentPresence.AVAILABLE, null);
        assertEquals("lou", acd.poll("vip").orElseThrow().id(), "both qualify for lou now: priority decides");
        assertEquals(Optional.empty(), acd.poll("relaxed"));
    }

    @Test
    void theSameChangesOnTwoFreshAcdsGiveTheSameDecisions() {
        List<Map.Entry<String, RoutingDecision>> first = decisions();
        assertEquals(first, decisions());
        assertEquals(List.of("c-lou@0", "a-mia@0", "b-zoe@0", "b-zoe@0", "d-hal@1", "e-lou@0"), matches(first),
                "lou (support 1) only serves c; zoe alone speaks zh 4; after the miss no other agent is free, so b gets"
                        + " zoe again; d needs zh 4, which hal (zh 2) meets only once 30 s relax it to 1");
    }

    /** A fixed script of joins, presence changes, a miss and relaxation; every call's decisions, in the order taken. */
    private static List<Map.Entry<String, RoutingDecision>> decisions() {
        MutableClock clock = new MutableClock(T0);
        AgentRoster roster = roster(clock);
        Acd acd = new Acd(roster);
        List<String> calls = List.of("a", "b", "c", "d", "e");
        java.util.List<Map.Entry<String, RoutingDecision>> made = new java.util.ArrayList<>();
        Runnable collect = () -> calls.forEach(id -> acd.pollOffer(id).ifPresent(o -> made.add(Map.entry(id, o.decision()))));
        for (String id : ALL) {
            roster.changePresence(id, AgentPresence.PAUSED, "script");
        }
        acd.join(new Acd.WaitingCall("a", "support", "support", T0, T0, Map.of("support", 3), 0, SUPPORT_RELAXES));
        acd.join(new Acd.WaitingCall("b", "support", "support", T0, T0, Map.of("zh", 4), 2, SUPPORT_RELAXES));
        acd.join(new Acd.WaitingCall("c", "support", "support", T0, T0, Map.of(), 0, SUPPORT_RELAXES));
        roster.changePresence("lou", AgentPresence.AVAILABLE, null);
        collect.run();
        clock.advance(Duration.ofSeconds(5));
        roster.changePresence("zoe", AgentPresence.AVAILABLE, null);
        roster.changePresence("mia", AgentPresence.AVAILABLE, null);
        collect.run();
        clock.advance(Duration.ofSeconds(18));
        roster.ringEnded("zoe", "b", org.hotline.call.AgentAttempt.Result.NO_ANSWER);
        collect.run();
        acd.join(new Acd.WaitingCall("d", "support", "support", T0, clock.instant(), Map.of("zh", 4), 0, SUPPORT_RELAXES));
        roster.changePresence("hal", AgentPresence.AVAILABLE, null);
        clock.advance(Duration.ofSeconds(30));
        acd.tick();
        collect.run();
        acd.join(new Acd.WaitingCall("e", "support", "support", T0, clock.instant(), Map.of(), 0, SUPPORT_RELAXES));
        roster.ringEnded("lou", "c", org.hotline.call.AgentAttempt.Result.ANSWERED);
        acd.leave("c");
        roster.callEnded("lou", "c");
        collect.run();
        return made;
    }

    /** Who got whom at which relaxation step, e.g. {@code b-zoe@0}. */
    private static List<String> matches(List<Map.Entry<String, RoutingDecision>> decisions) {
        return decisions.stream()
                .map(e -> e.getKey() + "-" + e.getValue().agent() + "@" + e.getValue().relaxationStep()).toList();
    }

    private void pauseAll() {
        for (String id : ALL) {
            roster.changePresence(id, AgentPresence.PAUSED, "test");
        }
    }

    private void only(String available) {
        for (String id : ALL) {
            if (!id.equals(available)) {
                roster.changePresence(id, AgentPresence.PAUSED, "test");
            }
        }
    }

    private static Acd.WaitingCall route(String id, Map<String, Integer> skills, int priority) {
        return route(id, skills, priority, T0);
    }

    private static Acd.WaitingCall route(String id, Map<String, Integer> skills, int priority, Instant entered) {
        return new Acd.WaitingCall(id, "support", "support", T0, entered, skills, priority, List.of());
    }

    private static Acd.WaitingCall relaxing(String id, Map<String, Integer> skills) {
        return new Acd.WaitingCall(id, "support", "support", T0, T0, skills, 0, SUPPORT_RELAXES);
    }
}

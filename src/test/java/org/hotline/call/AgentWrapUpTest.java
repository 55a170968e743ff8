package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline.call.AgentAttempt.Result;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Wrap-up after each call, and the roster's change notifications that the screens follow. */
class AgentWrapUpTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AgentRoster roster = new AgentRoster(List.of(
            new Agent("a", "Alice", "1001", List.of("support")),
            new Agent("b", "Bob", "1002", List.of("support"))),
            agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final List<AgentView> changes = new ArrayList<>();
    private final List<AgentRoster.WrapUpEnded> wrapUps = new ArrayList<>();

    AgentWrapUpTest() {
        roster.onChange(changes::add);
        roster.onWrapUpEnded(wrapUps::add);
    }

    private void talkAndHangUp(String agent, String call) {
        assertEquals(agent, roster.reserveLongestIdle("support", call).orElseThrow().id());
        roster.ringEnded(agent, call, Result.ANSWERED);
        clock.advance(Duration.ofSeconds(60));
        roster.callEnded(agent, call);
    }

    @Test
    void afterACallTheAgentIsInWrapUpAndOfferedNoCallsUntilItEnds() {
        talkAndHangUp("a", "call-1");
        AgentView a = roster.view("a");
        assertEquals("wrap-up", a.state());
        assertEquals(clock.instant().plusSeconds(15), a.wrapUpUntil());
        assertEquals("call-1", a.wrapUpCall(), "the call whose disposition ends the wrap-up");
        assertNull(a.currentCall());
        assertEquals("b", roster.reserveLongestIdle("support", "call-2").orElseThrow().id(), "a is in wrap-up");
        assertEquals(Optional.empty(), roster.reserveLongestIdle("support", "call-3"));

        clock.advance(Duration.ofSeconds(15));
        assertEquals("a", roster.reserveLongestIdle("support", "call-3").orElseThrow().id(),
                "the wrap-up ended by itself");
        assertEquals(List.of(new AgentRoster.WrapUpEnded("a", "call-1", Duration.ofSeconds(15))), wrapUps);
    }

    @Test
    void theTickerEndsWrapUpsOnTimeAndReportsTheirLength() {
        talkAndHangUp("a", "call-1");
        clock.advance(Duration.ofSeconds(14));
        roster.expireWrapUps();
        assertEquals("wrap-up", roster.view("a").state());
        clock.advance(Duration.ofSeconds(3));
        roster.expireWrapUps();
        assertEquals("available", roster.view("a").state());
        assertEquals(Duration.ofSeconds(15), wrapUps.get(0).duration(), "counted up to its end, not the tick");
        assertNull(roster.view("a").wrapUpUntil());
        assertNull(roster.view("a").wrapUpCall());
    }

    @Test
    void theDispositionEndsWrapUpEarly() {
        talkAndHangUp("a", "call-1");
        clock.advance(Duration.ofSeconds(4));
        assertFalse(roster.endWrapUp("a", "another-call"), "only the wrap-up of that call");
        assertTrue(roster.endWrapUp("a", "call-1"));
        assertEquals("available", roster.view("a").state());
        assertEquals(Duration.ofSeconds(4), wrapUps.get(0).duration());
        assertFalse(roster.endWrapUp("a", "call-1"), "once");
    }

    @Test
    void anAgentWhoAsksForWrapUpStaysInItUntilTheySayAvailable() {
        talkAndHangUp("a", "call-1");
        roster.changePresence("a", AgentPresence.WRAP_UP, null);
        clock.advance(Duration.ofMinutes(5));
        roster.expireWrapUps();
        assertEquals("wrap-up", roster.view("a").state(), "no automatic end once the agent took more time");
        assertNull(roster.view("a").wrapUpUntil());
        roster.changePresence("a", AgentPresence.AVAILABLE, null);
        assertEquals("available", roster.view("a").state());
        assertEquals(Duration.ofMinutes(5), wrapUps.get(0).duration(), "the whole after-call work counts");
    }

    @Test
    void aPausedAgentIsNotPutInWrapUpAndHasNoneToCount() {
        assertEquals("a", roster.reserveLongestIdle("support", "call-1").orElseThrow().id());
        roster.ringEnded("a", "call-1", Result.ANSWERED);
        roster.changePresence("a", AgentPresence.PAUSED, "break");
        roster.callEnded("a", "call-1");
        assertEquals("paused", roster.view("a").state());
        assertEquals(List.of(new AgentRoster.WrapUpEnded("a", "call-1", Duration.ZERO)), wrapUps);
    }

    @Test
    void everyChangeOfStateIsReportedInOrder() {
        talkAndHangUp("a", "call-1");
        List<String> states = changes.stream().filter(v -> v.id().equals("a")).map(AgentView::state).toList();
        assertEquals(List.of("ringing", "on-call", "wrap-up"), states);
    }
}

package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

class FloorWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final LiveCalls calls = new LiveCalls();
    private final List<FloorEvent.Alert> alerts = new ArrayList<>();
    private final FloorWatch watch;

    FloorWatchTest() {
        FloorEvents floor = new FloorEvents(Runnable::run);
        floor.subscribe(e -> alerts.add(((FloorEvent.AlertRaised) e).alert()));
        watch = new FloorWatch(calls, standards, floor, clock);
    }

    @Test
    void aCallerWaitingPastThreeRingsRaisesOneAlert() {
        LiveCall call = new LiveCall("c1", "+14155550101", "support", T0, standards);
        calls.add(call);
        call.waiting();
        clock.advance(Duration.ofSeconds(18));
        watch.tick();
        assertEquals(List.of(), alerts, "exactly three rings is not past three");
        clock.advance(Duration.ofMillis(100));
        watch.tick();
        watch.tick();
        assertEquals(1, alerts.size());
        assertEquals(FloorWatch.CALLER_WAITING, alerts.get(0).kind());
        assertEquals("c1", alerts.get(0).callId());
    }

    @Test
    void aCallerTalkingToAnAgentIsNotWaiting() {
        LiveCall call = new LiveCall("c1", "+14155550101", "support", T0, standards);
        calls.add(call);
        call.ringing("1001", T0);
        call.agentPickedUp("1001", T0.plusSeconds(2));
        clock.advance(Duration.ofSeconds(60));
        watch.tick();
        assertEquals(List.of(), alerts);
    }

    @Test
    void serviceLevelAlertsWhenItFallsUnderTheTargetAndAgainOnlyAfterRecovering() {
        watch.serviceLevel("support", null, 80);
        watch.serviceLevel("support", 90.0, 80);
        watch.serviceLevel("support", 75.0, 80);
        watch.serviceLevel("support", 70.0, 80);
        assertEquals(1, alerts.size());
        assertEquals(FloorWatch.SERVICE_LEVEL, alerts.get(0).kind());
        watch.serviceLevel("support", 85.0, 80);
        watch.serviceLevel("support", 60.0, 80);
        assertEquals(2, alerts.size());
    }
}

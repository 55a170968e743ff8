package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hotline.agi.FakeAsterisk;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.call.TelephonyEvent;
import org.hotline.config.HotlineConfig;
import org.hotline.routing.Acd;
import org.hotline.standards.Greeting;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Callbacks from the offer to the bridge, with the real call script, ACD, roster and callback
 * desk; Asterisk's side is a {@link FakeAsterisk} per FastAGI session and a recording ringer for
 * the Originates.
 */
class CallbackTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String CALL = "1700000000.9";
    private static final String CALLER = "4155550100";

    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(new Agent("1001", "Alice", "1001", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), clock);
    private final Acd acd = new Acd(roster);
    private final LiveCalls liveCalls = new LiveCalls();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final List<FloorEvent> floorEvents = new CopyOnWriteArrayList<>();
    private final FloorEvents floor = new FloorEvents(Runnable::run);
    private final CallFlowSettings flow = new CallFlowSettings("support", "support", "PJSIP/{extension}",
            Duration.ofSeconds(1), "hotline/welcome", "hotline/sorry", "hotline/cue", "default", standards,
            new Greeting("Acme", "Hi {customer}", "Hello"), Duration.ofSeconds(600), "hotline/max-wait-reached",
            Optional.empty(), Map.of("support", new HotlineConfig.QueueSection("support", "support", 600, null, 0, 30)));
    private final CallbackSettings settings = new CallbackSettings("PJSIP/{number}@pstn-out",
            "agi://127.0.0.1:4573/callback", Duration.ofSeconds(30), 2, Duration.ofMillis(50), 7, 15,
            "hotline/callback-offer", "hotline/callback-number", "hotline/callback-confirmed", "hotline/callback-greeting");
    private final ScheduledExecutorService deskThread = Executors.newSingleThreadScheduledExecutor();
    private final List<String> rings = new CopyOnWriteArrayList<>();
    private final CallbackDesk desk = new CallbackDesk(settings, flow, roster, acd, liveCalls, floor, records::add,
            (channelId, dialString, ringFor, agiUrl, name, number) -> {
                rings.add(channelId + " " + dialString + " " + ringFor.toSeconds() + "s " + agiUrl + " " + number);
                return CompletableFuture.completedFuture(null);
            }, deskThread, clock);
    private final HotlineCallScript script = new HotlineCallScript(flow, roster, acd, liveCalls, records::add,
            new CallerIdentification(new HotlineCallEndsTest.NoCustomers(), n -> n, Runnable::run), floor, clock, desk);

    CallbackTest() {
        floor.subscribe(floorEvents::add);
        desk.start();
    }

    @AfterEach
    void stop() {
        deskThread.shutdownNow();
    }

    /** The caller answers the offer with {@code offerKey} and the number question with {@code numberKeys}. */
    private FakeAsterisk callerAnswersTheOffer(String offerKey, String numberKeys) {
        FakeAsterisk caller = new FakeAsterisk(script, CALL, CALLER, Duration.ofSeconds(10));
        assertEquals("ANSWER", caller.next());
        caller.reply("200 result=0");
        assertTrue(caller.next().startsWith("STREAM FILE \"hotline/welcome\""));
        caller.reply("200 result=0 endpos=8000");
        assertTrue(caller.next().startsWith("SET MUSIC ON"));
        caller.reply("200 result=0");
        // the only agent is paused: no one staffs the queue, so the offer comes at once
        String offer = caller.next();
        assertTrue(offer.startsWith("GET DATA \"hotline/callback-offer\""), offer);
        caller.reply("200 result=" + offerKey);
        if (!offerKey.equals("1")) {
            return caller;
        }
        String number = caller.next();
        assertTrue(number.startsWith("GET DATA \"hotline/callback-number\" 6000 1"), number);
        caller.reply("200 result=" + numberKeys.charAt(0));
        if (numberKeys.length() > 1) {
            String rest = caller.next();
            assertTrue(rest.startsWith("GET DATA \"silence/1\""), rest);
            caller.reply("200 result=" + numberKeys.substring(1));
        }
        return caller;
    }

    private void confirmAndLeave(FakeAsterisk caller) {
        assertTrue(caller.next().startsWith("STREAM FILE \"hotline/callback-confirmed\""));
        caller.reply("200 result=0 endpos=8000");
        assertTrue(caller.next().startsWith("SET VARIABLE \"HOTLINE_DONE\" \"1\""));
        caller.reply("200 result=1");
        assertEquals("HANGUP", caller.next());
    }

    private static <T> T eventually(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("never happened: " + what);
    }

    private CallRecord recordOf(String id) {
        return eventually("the record of " + id, () -> records.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null));
    }

    @Test
    void theCallerKeepsTheirPlaceAndTheAgentIsRungBeforeTheCustomerIsDialled() {
        roster.changePresence("1001", AgentPresence.PAUSED, "break");
        FakeAsterisk caller = callerAnswersTheOffer("1", "1");
        confirmAndLeave(caller);
        CallRecord asked = recordOf(CALL);
        assertEquals(CallOutcome.CALLBACK_REQUESTED, asked.outcome());
        assertEquals(new CallRecord.CallbackOffer(T0, true, CALLER), asked.callback());
        String callbackId = CALL + "-callback";
        eventually("the callback waiting", () -> liveCalls.find(callbackId).isPresent());

        // The agent comes back: rung first, for the ring limit; they do not answer (a miss, not a try).
        roster.changePresence("1001", AgentPresence.AVAILABLE, null);
        eventually("the agent rung", () -> rings.size() == 1);
        assertEquals(callbackId + "-1 PJSIP/1001 18s agi://127.0.0.1:4573/callback " + CALLER, rings.get(0));
        assertTrue(floorEvents.stream().anyMatch(e -> e instanceof FloorEvent.PopReady p && p.pop().callback()),
                "the agent's pop says it is a callback");
        clock.advance(Duration.ofSeconds(18));
        desk.originateEnded(new TelephonyEvent.OriginateEnded(clock.instant(), callbackId + "-1", false, 3));
        eventually("the miss counted", () -> roster.view("1001").missedRings() == 1);

        // Rung again; this time they answer, and their channel comes back over FastAGI to dial the customer.
        eventually("the agent rung again", () -> rings.size() == 2);
        clock.advance(Duration.ofSeconds(2));
        FakeAsterisk agentLeg = new FakeAsterisk(desk, callbackId + "-2", "1001", Duration.ofSeconds(10));
        String dial = eventually("the customer dialled", () -> agentLeg.quiet() ? null : agentLeg.next());
        assertEquals("EXEC \"Dial\" \"PJSIP/" + CALLER + "@pstn-out,30,A(hotline/callback-greeting)\"", dial);
        assertEquals("on-call", roster.view("1001").state());
        clock.advance(Duration.ofSeconds(60));
        agentLeg.reply("200 result=0");
        assertTrue(agentLeg.next().startsWith("GET FULL VARIABLE"));
        agentLeg.reply("200 result=1 (ANSWER)");

        CallRecord callback = recordOf(callbackId);
        assertEquals(CallOutcome.ANSWERED, callback.outcome());
        assertEquals(CALL, callback.callbackOf());
        assertEquals("1001", callback.agent());
        assertEquals(List.of(AgentAttempt.Result.NO_ANSWER, AgentAttempt.Result.ANSWERED),
                callback.agentAttempts().stream().map(AgentAttempt::result).toList());
        assertTrue(callback.timeline().stream().anyMatch(t -> t.event().equals("customer-answer")), callback.timeline().toString());
        assertEquals("HANGUP", eventually("the agent's leg hung up", () -> agentLeg.quiet() ? null : agentLeg.next()));
        assertTrue(liveCalls.find(callbackId).isEmpty());
        assertEquals("available", eventually("the agent free", () -> roster.view("1001").state().equals("available")
                ? "available" : null));
    }

    @Test
    void aCustomerWhoNeverAnswersIsTriedAgainThenRecordedAsFailed() {
        roster.changePresence("1001", AgentPresence.PAUSED, "break");
        confirmAndLeave(callerAnswersTheOffer("1", "4155550199"));
        assertEquals("4155550199", recordOf(CALL).callback().number());
        String callbackId = CALL + "-callback";
        roster.changePresence("1001", AgentPresence.AVAILABLE, null);
        for (int attempt = 1; attempt <= 2; attempt++) {
            int ringsSoFar = attempt;
            eventually("ring " + attempt, () -> rings.size() == ringsSoFar);
            FakeAsterisk agentLeg = new FakeAsterisk(desk, callbackId + "-" + attempt, "1001", Duration.ofSeconds(10));
            String dial = eventually("the customer dialled", () -> agentLeg.quiet() ? null : agentLeg.next());
            assertTrue(dial.contains("PJSIP/4155550199@pstn-out"), dial);
            agentLeg.reply("200 result=0");
            agentLeg.next();
            agentLeg.reply("200 result=1 (NOANSWER)");
        }
        CallRecord failed = recordOf(callbackId);
        assertEquals(CallOutcome.CALLBACK_FAILED, failed.outcome());
        assertEquals(2, failed.timeline().stream().filter(t -> t.event().equals("customer-noanswer")).count());
    }

    @Test
    void aDeclinedOfferLeavesTheCallerWaitingAndIsRecorded() {
        roster.changePresence("1001", AgentPresence.PAUSED, "break");
        FakeAsterisk caller = callerAnswersTheOffer("2", "");
        assertTrue(caller.next().startsWith("SET MUSIC ON"), "back to the music");
        caller.reply("200 result=0");
        assertTrue(caller.next().startsWith("WAIT FOR DIGIT"), "waiting on, not offered again");
        caller.hangUp();
        caller.reply("200 result=-1");
        CallRecord r = recordOf(CALL);
        assertEquals(CallOutcome.ABANDONED, r.outcome());
        assertFalse(r.callback().accepted());
        assertNull(r.callback().number());
        assertTrue(rings.isEmpty());
    }

    @Test
    void aCallbackTakenAtAnIvrNodeWaitsInTheQueueItsAcceptedBranchRoutesTo() {
        roster.changePresence("1001", AgentPresence.PAUSED, "break");
        CallFlowSettings withIvr = new CallFlowSettings(flow.queue(), flow.skill(), flow.agentChannel(), flow.waitPoll(),
                flow.welcomePrompt(), flow.apologyPrompt(), flow.agentApologyCue(), flow.musicClass(), standards,
                flow.greeting(), flow.maxWait(), flow.maxWaitPrompt(), Optional.of(org.hotline.ivr.IvrFlows.of("offer", """
                offer: { type: callback-offer, prompt: offer-callback, accepted: queue, declined: queue }
                queue: { type: route, queue: support }
                """)), flow.queues());
        HotlineCallScript ivrScript = new HotlineCallScript(withIvr, roster, acd, liveCalls, records::add,
                new CallerIdentification(new HotlineCallEndsTest.NoCustomers(), n -> n, Runnable::run), floor, clock, desk);
        FakeAsterisk caller = new FakeAsterisk(ivrScript, CALL, CALLER, Duration.ofSeconds(10));
        assertEquals("ANSWER", caller.next());
        caller.reply("200 result=0");
        String offer = eventually("the IVR's offer", () -> caller.quiet() ? null : caller.next());
        assertTrue(offer.startsWith("GET DATA \"hotline/offer-callback\""), offer);
        caller.reply("200 result=1");
        assertTrue(caller.next().startsWith("GET DATA \"hotline/callback-number\""));
        caller.reply("200 result=1");
        assertTrue(caller.next().startsWith("STREAM FILE \"hotline/callback-confirmed\""));
        caller.reply("200 result=0 endpos=8000");
        assertTrue(caller.next().startsWith("SET MUSIC ON"), "into the queue of the accepted branch");
        caller.reply("200 result=0");
        assertTrue(eventually("the end", () -> caller.quiet() ? null : caller.next()).startsWith("SET VARIABLE \"HOTLINE_DONE\""));
        CallRecord asked = recordOf(CALL);
        assertEquals(CallOutcome.CALLBACK_REQUESTED, asked.outcome());
        assertEquals(CALLER, asked.callback().number());
        assertEquals("accepted", asked.ivr().entered().get("callback"));
        eventually("the callback keeping the place", () -> liveCalls.find(CALL + "-callback").isPresent());
    }

    @Test
    void aKeyedNumberMustHaveAnAllowedLength() {
        CallbackDialogue dialogue = new CallbackDialogue(null, settings, CALLER);
        assertEquals(Optional.of(CALLER), dialogue.numberFrom("1"));
        assertEquals(Optional.of("4155550199"), dialogue.numberFrom("4155550199"));
        assertEquals(Optional.empty(), dialogue.numberFrom("415"), "shorter than minDigits");
        assertEquals(Optional.empty(), dialogue.numberFrom("4155550199123456"), "longer than maxDigits");
        assertEquals(Optional.empty(), dialogue.numberFrom(null));
        assertEquals(Optional.empty(), new CallbackDialogue(null, settings, "anonymous").numberFrom("1"),
                "no number to call back when the caller's is not a number");
    }

    @Test
    void anOriginateThatWasNotAnsweredIsTheAgentsMissOnlyWhenItRang() {
        assertEquals(AgentAttempt.Result.NO_ANSWER, CallbackDesk.resultOf(3));
        assertEquals(AgentAttempt.Result.BUSY, CallbackDesk.resultOf(5));
        assertEquals(AgentAttempt.Result.UNAVAILABLE, CallbackDesk.resultOf(0));
        assertEquals(AgentAttempt.Result.UNAVAILABLE, CallbackDesk.resultOf(8));
    }
}

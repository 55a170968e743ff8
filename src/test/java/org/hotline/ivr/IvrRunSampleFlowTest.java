package org.hotline.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.customer.Customer;
import org.hotline.customer.Order;
import org.hotline.ivr.Event.Digits;
import org.hotline.ivr.Event.LookupResult;
import org.hotline.ivr.Event.Played;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The sandbox's sample flow, path by path, as the call script will drive it. */
class IvrRunSampleFlowTest {

    private static final IvrFlow SAMPLE = IvrFlows.sample();
    private static final Duration MENU_WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private IvrRun run(CallerContext caller) {
        return new IvrRun(SAMPLE, clock, caller);
    }

    /** Welcome played through, main menu played through: the run waits for the menu's key. */
    private IvrRun atMainMenuWait(CallerContext caller) {
        IvrRun run = run(caller);
        assertEquals(new Step.Play("hotline/ivr-welcome", true), run.start());
        assertEquals(new Step.Play("hotline/main-menu", true), run.on(new Played(null)));
        assertEquals(new Step.Collect(null, 1, 1, null, MENU_WAIT), run.on(new Played(null)));
        return run;
    }

    private static List<String> inputs(IvrRun run) {
        return run.trace().path().stream().map(e -> e.node() + "=" + e.input()).toList();
    }

    @Test
    void twoIsBillingInTheSupportQueue() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        assertEquals(new Step.Route("support", Map.of("support", 1), 0), run.on(new Digits("2")));
        assertEquals(new IvrOutcome.Routed("billing", "support", Map.of("support", 1), 0, false), run.outcome().orElseThrow());
        assertEquals(List.of("welcome=null", "main-menu=2", "billing=null"), inputs(run));
        assertNull(run.pending(), "nothing is answered to a route");
    }

    @Test
    void threeIsTechnicalSupportAndZeroIsAnyAgentOfTheQueue() {
        assertEquals(new Step.Route("support", Map.of("support", 3), 0),
                atMainMenuWait(CallerContext.unknown()).on(new Digits("3")));
        assertEquals(new Step.Route("support", Map.of(), 0), atMainMenuWait(CallerContext.unknown()).on(new Digits("0")));
    }

    @Test
    void aKeyPressedDuringTheMenuPromptIsTheChoiceAtOnce() {
        IvrRun run = run(CallerContext.unknown());
        run.start();
        run.on(new Played(null));
        assertEquals(new Step.Route("support", Map.of("support", 3), 0), run.on(new Played("3")));
        assertEquals(List.of("welcome=null", "main-menu=3", "support=null"), inputs(run));
    }

    @Test
    void aKeyPressedDuringTheWelcomeIsTypedAheadIntoTheMenu() {
        IvrRun run = run(CallerContext.unknown());
        run.start();
        assertEquals(new Step.Route("support", Map.of(), 0), run.on(new Played("0")),
                "no menu prompt: the caller already chose");
        assertEquals(List.of("welcome=0", "main-menu=0", "person=null"), inputs(run));
    }

    @Test
    void aWrongKeyHearsWhyThenTheMenuAgainAndMayChooseThen() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        assertEquals(new Step.Play("hotline/invalid-choice", true), run.on(new Digits("7")));
        assertEquals(new Step.Play("hotline/main-menu", true), run.on(new Played(null)));
        assertEquals(new Step.Collect(null, 1, 1, null, MENU_WAIT), run.on(new Played(null)));
        assertEquals(new Step.Route("support", Map.of("support", 1), 0), run.on(new Digits("2")));
        assertEquals(List.of("welcome=null", "main-menu=7", "main-menu=2", "billing=null"), inputs(run));
    }

    @Test
    void aCallerWhoPressesNothingReachesAPersonAfterTheRetries() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        for (int retry = 0; retry < 2; retry++) {
            clock.advance(MENU_WAIT);
            assertEquals(new Step.Play("hotline/main-menu", true), run.on(new Digits(null)));
            assertEquals(new Step.Collect(null, 1, 1, null, MENU_WAIT), run.on(new Played(null)));
        }
        clock.advance(MENU_WAIT);
        assertEquals(new Step.Route("support", Map.of(), 0), run.on(new Digits(null)));
        assertEquals(List.of("welcome=null", "main-menu=null", "main-menu=null", "main-menu=null", "person=null"),
                inputs(run));
        assertEquals(15.0, run.ivrSeconds());
    }

    @Test
    void nineReplaysTheMenuInMandarinAndTheRestFollowsInMandarin() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        assertEquals(new Step.Play("hotline/zh/main-menu", true), run.on(new Digits("9")));
        assertEquals("zh", run.language());
        assertEquals(new Step.Collect("hotline/zh/enter-order", 1, 12, "#", Duration.ofSeconds(7)), run.on(new Played("1")));
        assertEquals(new Step.Lookup(IvrNode.LookupKind.ORDER, "42"), run.on(new Digits("42#")));
        assertEquals(new Step.Say(IvrNode.SayKind.PROMPT, "hotline/zh/order-status-shipped", "zh", true),
                run.on(new LookupResult("Shipped")));
        assertEquals("zh", run.trace().language());
        assertEquals(List.of("welcome=null", "main-menu=9", "chinese=zh", "main-menu=1", "order-status=42",
                "order-lookup=found"), inputs(run));
    }

    @Test
    void orderStatusIsReadBackAndTheCallerWhoHangsUpThenWasSelfServed() {
        Customer ann = new Customer("c1", "Ann", List.of("+15550001"), null, "en", "standard", null, null, List.of(),
                List.of(new Order("O-500123", "out for delivery")));
        CallerContext context = CallerContext.of(ann);
        IvrRun run = atMainMenuWait(context);
        assertEquals(new Step.Collect("hotline/enter-order", 1, 12, "#", Duration.ofSeconds(7)), run.on(new Digits("1")));
        Step.Lookup lookup = assertInstanceOf(Step.Lookup.class, run.on(new Digits("500123#")));
        assertEquals(new Step.Lookup(IvrNode.LookupKind.ORDER, "500123"), lookup);
        assertEquals(new Step.Say(IvrNode.SayKind.PROMPT, "hotline/order-status-out-for-delivery", "en", true),
                run.on(context.answer(lookup)));
        assertEquals(new Step.Play("hotline/press-0-or-hang-up", true), run.on(new Played(null)));
        run.callerLeft();
        assertEquals(new IvrOutcome.SelfServed("after-status"), run.outcome().orElseThrow());
        assertTrue(run.outcome().get().selfServed());
        assertEquals(Map.of("order-number", "500123", "order-status", "out for delivery"), run.trace().entered());
        assertEquals(List.of("order-number", "order-status"), List.copyOf(run.trace().entered().keySet()), "in order");
    }

    @Test
    void afterTheStatusZeroStillReachesAPersonAndSilenceSaysGoodbye() {
        IvrRun toPerson = atMainMenuWait(CallerContext.unknown());
        toPerson.on(new Digits("1"));
        toPerson.on(new Digits("77#"));
        toPerson.on(new LookupResult("delivered"));
        toPerson.on(new Played(null));
        assertEquals(new Step.Route("support", Map.of(), 0), toPerson.on(new Played("0")));
        assertFalse(toPerson.outcome().get().selfServed(), "routed to a person after all");

        IvrRun silent = atMainMenuWait(CallerContext.unknown());
        silent.on(new Digits("1"));
        silent.on(new Digits("77#"));
        silent.on(new LookupResult("delivered"));
        silent.on(new Played(null));
        silent.on(new Played(null));
        silent.on(new Digits(null));
        silent.on(new Played(null));
        assertEquals(new Step.Hangup("hotline/goodbye"), silent.on(new Digits(null)));
        assertEquals(new IvrOutcome.SelfServed("goodbye"), silent.outcome().orElseThrow());
    }

    @Test
    void anUnknownOrderIsSaidSoAndAnUnreadableStatusGetsTheGenericPrompt() {
        IvrRun notFound = atMainMenuWait(CallerContext.unknown());
        notFound.on(new Digits("1"));
        Step lookup = notFound.on(new Digits("999#"));
        assertEquals(new Step.Play("hotline/order-not-found", true),
                notFound.on(CallerContext.unknown().answer((Step.Lookup) lookup)));
        assertEquals(new Step.Play("hotline/press-0-or-hang-up", true), notFound.on(new Played(null)));
        notFound.callerLeft();
        assertEquals(new IvrOutcome.CallerLeft("after-status"), notFound.outcome().orElseThrow(),
                "not served: the order was not found");
        assertEquals(Map.of("order-number", "999"), notFound.trace().entered());

        IvrRun odd = atMainMenuWait(CallerContext.unknown());
        odd.on(new Digits("1"));
        odd.on(new Digits("5#"));
        assertEquals(new Step.Say(IvrNode.SayKind.PROMPT, "hotline/order-status-unknown", "en", true),
                odd.on(new LookupResult("lost in space")));
    }

    @Test
    void aVipSkipsTheMenuToTheFrontOfTheQueue() {
        IvrRun run = run(new CallerContext(true, Map.of()));
        run.start();
        assertEquals(new Step.Route("support", Map.of(), 10), run.on(new Played(null)));
        assertEquals(List.of("welcome=null", "main-menu=vip", "person=null"), inputs(run));
        assertEquals(new IvrOutcome.Routed("person", "support", Map.of(), 10, true), run.outcome().orElseThrow());
    }

    @Test
    void aVipIdentifiedWhileTheWelcomePlaysStillSkipsTheMenu() {
        IvrRun run = run(CallerContext.unknown());
        run.start();
        run.identified(new CallerContext(true, Map.of()));
        assertEquals(new Step.Route("support", Map.of(), 10), run.on(new Played(null)));
    }

    @Test
    void aCallerWhoHangsUpMidMenuKeepsWhatHappenedSoFar() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        clock.advance(Duration.ofSeconds(3));
        run.callerLeft();
        assertEquals(new IvrOutcome.CallerLeft("main-menu"), run.outcome().orElseThrow());
        assertEquals(List.of("welcome=null"), inputs(run));
        assertEquals(3.0, run.ivrSeconds());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(3.0, run.ivrSeconds(), "the IVR time stops when the caller left");
        run.callerLeft();
        assertEquals(new IvrOutcome.CallerLeft("main-menu"), run.outcome().orElseThrow(), "a second report changes nothing");
        assertThrows(IllegalStateException.class, () -> run.on(new Digits("1")));
    }

    @Test
    void anEventThatDoesNotAnswerThePendingStepIsRefused() {
        IvrRun run = run(CallerContext.unknown());
        assertThrows(IllegalStateException.class, () -> run.on(new Played(null)), "not started");
        run.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.on(new Digits("1")));
        assertTrue(e.getMessage().contains("welcome"), e.getMessage());
    }

    @Test
    void theTraceIsWhatTheCallRecordCarries() {
        IvrRun run = atMainMenuWait(CallerContext.unknown());
        clock.advance(Duration.ofSeconds(2));
        run.on(new Digits("2"));
        IvrTrace trace = run.trace();
        assertEquals("en", trace.language());
        assertEquals(new IvrTrace.PathEntry("main-menu", "2", Instant.parse("2026-11-25T10:00:02Z")), trace.path().get(1));
    }
}

package org.hotline.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.Event.CallbackAnswer;
import org.hotline.ivr.Event.Digits;
import org.hotline.ivr.Event.Played;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Each node type's rules, on small flows written here. */
class IvrRunNodesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private static final String PIN = """
            pin: { type: collect, prompt: enter-pin, into: pin, minDigits: 4, maxDigits: 6, retries: 1,
                   invalidPrompt: bad-pin, next: say-pin, noInput: person, invalid: goodbye }
            say-pin: { type: say, kind: digits, value: pin, next: person }
            person: { type: route, queue: support }
            goodbye: { type: hangup, prompt: goodbye }
            """;

    private static final Step.Collect PIN_STEP = new Step.Collect("hotline/enter-pin", 4, 6, "#", Duration.ofSeconds(5));

    @Test
    void aCollectTakesDigitsEndedByHashWithinItsLengths() {
        IvrRun run = new IvrRun(IvrFlows.of("pin", PIN), clock, CallerContext.unknown());
        assertEquals(PIN_STEP, run.start());
        assertEquals(new Step.Say(IvrNode.SayKind.DIGITS, "12345", "en", true), run.on(new Digits("12345#")));
        assertEquals(Map.of("pin", "12345"), run.trace().entered());
    }

    @Test
    void tooFewDigitsHearWhyAndTryAgainThenGoToInvalid() {
        IvrRun run = new IvrRun(IvrFlows.of("pin", PIN), clock, CallerContext.unknown());
        run.start();
        assertEquals(new Step.Play("hotline/bad-pin", true), run.on(new Digits("12#")));
        assertEquals(PIN_STEP, run.on(new Played(null)));
        assertEquals(new Step.Hangup("hotline/goodbye"), run.on(new Digits("1234567")), "too many: the last try");
        assertEquals(new IvrOutcome.HungUpByFlow("goodbye"), run.outcome().orElseThrow());
        assertEquals(List.of("12", "1234567"), run.trace().path().stream().filter(e -> e.node().equals("pin"))
                .map(IvrTrace.PathEntry::input).toList());
        assertTrue(run.trace().entered().isEmpty(), "nothing valid was entered");
    }

    @Test
    void aKeyDuringTheInvalidPromptStartsTheNextEntry() {
        IvrRun run = new IvrRun(IvrFlows.of("pin", PIN), clock, CallerContext.unknown());
        run.start();
        run.on(new Digits("1#"));
        assertEquals(new Step.Collect("hotline/enter-pin", 3, 5, "#", Duration.ofSeconds(5)), run.on(new Played("9")),
                "the key already pressed counts towards the lengths");
        run.on(new Digits("876#"));
        assertEquals(Map.of("pin", "9876"), run.trace().entered());
    }

    @Test
    void silenceInACollectGoesToNoInputAfterTheRetries() {
        IvrRun run = new IvrRun(IvrFlows.of("pin", PIN), clock, CallerContext.unknown());
        run.start();
        assertEquals(PIN_STEP, run.on(new Digits(null)), "no invalid prompt after silence: the prompt again");
        assertEquals(new Step.Route("support", Map.of(), 0), run.on(new Digits("#")));
    }

    @Test
    void aSayOfADateOrNumberWithNothingEnteredIsSkipped() {
        IvrFlow flow = IvrFlows.of("when", """
                when: { type: collect, prompt: enter-date, into: d, next: say-date, noInput: find-n }
                find-n: { type: lookup, kind: order, key: d, into: n, found: say-date, notFound: say-date }
                say-date: { type: say, kind: date, value: d, next: say-number }
                say-number: { type: say, kind: number, value: n, bargeIn: false, next: done }
                done: { type: hangup }
                """);
        IvrRun run = new IvrRun(flow, clock, CallerContext.unknown());
        run.start();
        run.on(new Digits(null));
        run.on(new Digits(null));
        assertEquals(new Step.Hangup(null), run.on(new Digits(null)), "nothing to say: straight on");
    }

    private static final String HOURS = """
            hours:
              type: hours
              timeZone: America/New_York
              weekly: { mon-fri: "08:00-12:00, 13:00-18:00", sat: "09:00-13:00" }
              holidays: [2026-12-25]
              open: person
              closed: closed
              holiday: holiday
            person: { type: route, queue: support }
            closed: { type: hangup, prompt: closed }
            holiday: { type: hangup, prompt: closed-holiday }
            """;

    private Step hoursAt(String instant) {
        MutableClock at = new MutableClock(Instant.parse(instant));
        return new IvrRun(IvrFlows.of("hours", HOURS), at, CallerContext.unknown()).start();
    }

    @Test
    void hoursAreReadInTheCentersZone() {
        Step open = new Step.Route("support", Map.of(), 0);
        Step closed = new Step.Hangup("hotline/closed");
        assertEquals(open, hoursAt("2026-11-25T13:00:00Z"), "Wednesday 08:00 in New York");
        assertEquals(closed, hoursAt("2026-11-25T12:59:59Z"), "07:59:59 there");
        assertEquals(closed, hoursAt("2026-11-25T17:30:00Z"), "the lunch gap, 12:30");
        assertEquals(closed, hoursAt("2026-11-25T23:00:00Z"), "18:00: the end is not included");
        assertEquals(open, hoursAt("2026-11-28T17:59:00Z"), "Saturday 12:59");
        assertEquals(closed, hoursAt("2026-11-29T15:00:00Z"), "Sunday is not listed");
        assertEquals(new Step.Hangup("hotline/closed-holiday"), hoursAt("2026-12-25T15:00:00Z"), "a Friday, but Christmas");
    }

    @Test
    void theHoursBranchIsOnThePath() {
        IvrRun run = new IvrRun(IvrFlows.of("hours", HOURS), new MutableClock(Instant.parse("2026-12-25T15:00:00Z")),
                CallerContext.unknown());
        run.start();
        assertEquals(new IvrTrace.PathEntry("hours", "holiday", Instant.parse("2026-12-25T15:00:00Z")),
                run.trace().path().get(0));
    }

    @Test
    void aCallbackOfferDeclinedGoesOnAndAcceptedGoesToItsQueue() {
        IvrFlow flow = IvrFlows.of("offer", """
                offer: { type: callback-offer, prompt: offer-callback, accepted: thanks, declined: person }
                thanks: { type: play, prompt: we-will-call-you, next: callbacks }
                callbacks: { type: route, queue: support, priority: 1 }
                person: { type: route, queue: support }
                """);
        IvrRun declined = new IvrRun(flow, clock, CallerContext.unknown());
        assertEquals(new Step.CallbackOffer("hotline/offer-callback"), declined.start());
        assertEquals(new Step.Route("support", Map.of(), 0), declined.on(CallbackAnswer.declined()));
        assertEquals(Map.of("callback", "declined"), declined.trace().entered());

        IvrRun accepted = new IvrRun(flow, clock, CallerContext.unknown());
        accepted.start();
        assertEquals(new Step.Play("hotline/we-will-call-you", true), accepted.on(new CallbackAnswer(true, "+15550100")));
        assertEquals(new Step.Route("support", Map.of(), 1), accepted.on(new Played(null)),
                "the callback waits in the queue the accepted branch routes to");
        assertEquals("accepted", accepted.trace().entered().get("callback"));
        assertEquals("+15550100", accepted.trace().entered().get("callback-number"));
    }

    @Test
    void aPlayWithoutBargeInIgnoresKeys() {
        IvrFlow flow = IvrFlows.of("notice", """
                notice: { type: play, prompt: recorded-call, bargeIn: false, next: menu }
                menu: { type: menu, prompt: menu, options: { "1": person }, noInput: person }
                person: { type: route, queue: support }
                """);
        IvrRun run = new IvrRun(flow, clock, CallerContext.unknown());
        assertEquals(new Step.Play("hotline/recorded-call", false), run.start());
        assertEquals(new Step.Play("hotline/menu", true), run.on(new Played("1")), "the key was not taken");
    }
}

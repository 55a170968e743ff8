package org.hotline.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.hotline.ivr.Event.Digits;
import org.hotline.ivr.Event.Played;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** A node marked surveyOptIn opts the caller in, and the record's IVR trace says so. */
class IvrSurveyOptInTest {

    private static final String FLOW = """
            menu: { type: menu, prompt: main-menu, options: { "1": person, "8": survey-yes }, noInput: person }
            survey-yes: { type: play, prompt: survey-opt-in, next: person, surveyOptIn: true }
            person: { type: route, queue: support }
            """;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void theReaderKeepsTheMarkedNodes() {
        IvrFlow flow = IvrFlows.of("menu", FLOW);
        assertEquals(Set.of("survey-yes"), flow.surveyOptIn());
        assertTrue(flow.offersSurveyOptIn());
        assertFalse(IvrFlows.of("person", "person: { type: route, queue: support }").offersSurveyOptIn());
    }

    @Test
    void aCallerWhoPassesTheNodeOptedIn() {
        IvrRun run = new IvrRun(IvrFlows.of("menu", FLOW), clock, CallerContext.unknown());
        run.start();
        run.on(new Played(null));
        run.on(new Digits("8"));
        run.on(new Played(null));
        assertTrue(run.trace().surveyOptedIn());
        assertEquals("yes", run.trace().entered().get(IvrTrace.SURVEY_OPT_IN), "visible on the record's ivr.entered");
    }

    @Test
    void aCallerWhoDoesNotPassItDidNot() {
        IvrRun run = new IvrRun(IvrFlows.of("menu", FLOW), clock, CallerContext.unknown());
        run.start();
        run.on(new Played(null));
        run.on(new Digits("1"));
        assertFalse(run.trace().surveyOptedIn());
        assertFalse(run.trace().entered().containsKey(IvrTrace.SURVEY_OPT_IN));
    }

    @Test
    void anUnknownFlagValueIsRefusedLikeAnyOtherKey() {
        IvrProblems problems = new IvrProblems("ivr.", null);
        new IvrFlowReader(problems).read(IvrFlows.definition("p",
                "p: { type: route, queue: support, surveyOptIn: perhaps }"));
        assertFalse(problems.isEmpty());
        assertTrue(String.join("\n", problems.messages()).contains("surveyOptIn"), problems.messages().toString());
    }
}

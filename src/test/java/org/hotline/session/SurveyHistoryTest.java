package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.SurveyAnswers;
import org.hotline.customer.Interaction;
import org.junit.jupiter.api.Test;

/** The customer's history entry of a surveyed call: the answers in its summary, the outcome the agent's. */
class SurveyHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static CallRecord answered(SurveyAnswers survey) {
        return new CallRecord("c1", "555", "support", T0, T0, 0.0, "1001", T0.plusSeconds(8), 8, false,
                CallOutcome.ANSWERED, List.of(), T0.plusSeconds(80), 60, List.of(), "S-1", null, null, null, List.of(),
                null, null, survey);
    }

    @Test
    void theAnswersGoInTheSummary() {
        Interaction entry = CallerIdentification.interactionOf(answered(new SurveyAnswers(5, 10, null)));
        assertEquals("waited 8 s, talked 60 s; survey csat 5, nps 10, ces -", entry.summary());
        assertEquals("answered", entry.outcome());
    }

    @Test
    void noSurveyNoMention() {
        assertEquals("waited 8 s, talked 60 s", CallerIdentification.interactionOf(answered(null)).summary());
        assertEquals("waited 8 s, talked 60 s",
                CallerIdentification.interactionOf(answered(SurveyAnswers.NONE)).summary());
    }
}

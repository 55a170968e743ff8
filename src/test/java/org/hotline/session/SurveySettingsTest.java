package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.config.ConfigLoader;
import org.hotline.ivr.CallerContext;
import org.hotline.ivr.Event.Digits;
import org.hotline.ivr.Event.Played;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrRun;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Whom the survey asks, and in which language, on the shipped flow. */
class SurveySettingsTest {

    private static final IvrFlow SHIPPED = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV,
            "unit-test-token-0123456789")).loadFiles(List.of(Path.of("config/hotline.yaml"))).ivr().flow().orElseThrow();
    private final SurveySettings all = new SurveySettings("hotline/survey-intro", "hotline/survey-csat",
            "hotline/survey-nps", "hotline/survey-ces", "hotline/survey-thanks", Duration.ofSeconds(5));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private IvrRun atMainMenu() {
        IvrRun run = new IvrRun(SHIPPED, clock, CallerContext.unknown());
        run.start();
        run.on(new Played(null));
        run.on(new Played(null));
        return run;
    }

    @Test
    void aCallerWhoChoseMandarinHearsTheMandarinSurvey() {
        IvrRun run = atMainMenu();
        run.on(new Digits("9"));
        SurveySettings zh = all.spokenIn(Optional.of(SHIPPED), run);
        assertEquals(new SurveySettings("hotline/zh/survey-intro", "hotline/zh/survey-csat", "hotline/zh/survey-nps",
                "hotline/zh/survey-ces", "hotline/zh/survey-thanks", Duration.ofSeconds(5)), zh);
    }

    @Test
    void englishCallersAndCallsWithoutAnIvrHearItAsConfigured() {
        assertSame(all, all.spokenIn(Optional.of(SHIPPED), atMainMenu()));
        assertSame(all, all.spokenIn(Optional.empty(), null));
        SurveySettings elsewhere = new SurveySettings("other/intro", "hotline/survey-csat", "hotline/survey-nps",
                "hotline/survey-ces", "hotline/survey-thanks", Duration.ofSeconds(5));
        IvrRun run = atMainMenu();
        run.on(new Digits("9"));
        assertEquals("other/intro", elsewhere.spokenIn(Optional.of(SHIPPED), run).intro(),
                "a sound outside the flow's folder has no translation");
    }

    @Test
    void optedInAsksOnlyCallersWhoOptedIn() {
        SurveySettings optedIn = new SurveySettings("i", "c", "n", "e", "t", Duration.ofSeconds(5), true);
        assertTrue(all.asks(null));
        assertTrue(all.asks(atMainMenu()));
        assertFalse(optedIn.asks(null));
        assertFalse(optedIn.asks(atMainMenu()), "the shipped flow has no opt-in node");
    }
}

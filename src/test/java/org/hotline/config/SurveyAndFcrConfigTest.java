package org.hotline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** survey.who, the survey prompts in every language of the flow, and standards.fcrWindowDays. */
class SurveyAndFcrConfigTest {

    private static final Path SHIPPED = Path.of("config/hotline.yaml");
    private final ConfigLoader loader = new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "unit-test-token-0123456789"));

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("override.yaml");
        Files.writeString(file, text);
        return file;
    }

    private String problems(Path override) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadFiles(List.of(SHIPPED, override)));
        return e.getMessage();
    }

    @Test
    void theShippedConfigCountsFcrOverAWeek() {
        assertEquals(7, loader.loadFiles(List.of(SHIPPED)).standards().fcrWindowDays());
    }

    @Test
    void theFcrWindowIsCheckedWithItsKeyAndFile() throws IOException {
        String message = problems(write("standards: { fcrWindowDays: 0 }\n"));
        assertTrue(message.contains("standards.fcrWindowDays"), message);
        assertTrue(message.contains("override.yaml"), message);
    }

    @Test
    void optedInNeedsANodeWhereTheCallerCanOptIn() throws IOException {
        String message = problems(write("survey: { who: opted-in }\n"));
        assertTrue(message.contains("survey.who: 'opted-in'"), message);
        assertTrue(message.contains("surveyOptIn: true"), message);
        assertTrue(message.contains("override.yaml"), "names the file: " + message);
    }

    @Test
    void optedInLoadsOnceANodeCarriesTheOptIn() throws IOException {
        HotlineConfig config = loader.loadFiles(List.of(SHIPPED, write("""
                survey: { who: opted-in }
                ivr:
                  nodes:
                    welcome: { type: play, prompt: ivr-welcome, next: main-menu, surveyOptIn: true }
                """)));
        assertEquals("opted-in", config.survey().who());
        assertEquals(java.util.Set.of("welcome"), config.ivr().flow().orElseThrow().surveyOptIn());
    }

    @Test
    void anUnknownWhoIsNamed() throws IOException {
        String message = problems(write("survey: { who: vips }\n"));
        assertTrue(message.contains("survey.who: 'vips' is not one of all, opted-in"), message);
    }

    @Test
    void aSurveyPromptMustExistInEveryLanguageOfTheFlow() throws IOException {
        String message = problems(write("survey: { prompts: { intro: hotline/survey-missing } }\n"));
        assertTrue(message.contains("survey.prompts.intro"), message);
        assertTrue(message.contains("no zh text"), message);
        assertTrue(message.contains("no en text"), message);
    }

    @Test
    void everyShippedSurveyPromptHasItsMandarinText() {
        for (String prompt : List.of("survey-intro", "survey-csat", "survey-nps", "survey-ces", "survey-thanks")) {
            assertTrue(Files.isRegularFile(Path.of("config/prompts/zh/" + prompt + ".txt")), prompt);
        }
    }
}

package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.hotline.routing.WaitEstimate;
import org.hotline.session.WaitAnnouncement.Sound;
import org.junit.jupiter.api.Test;

/** What a waiting caller hears, in English and in Mandarin. */
class WaitAnnouncementTest {

    private static Sound.Prompt p(String name) {
        return new Sound.Prompt(name);
    }

    private static Sound.Number n(int value) {
        return new Sound.Number(value);
    }

    @Test
    void englishSaysThePlaceAndTheMinutes() {
        assertEquals(List.of(p("queue-caller-number"), n(3), p("queue-estimated-wait"), n(4), p("queue-minutes")),
                WaitAnnouncement.of(new WaitEstimate(3, OptionalInt.of(4), "x"), "en"));
        assertEquals(List.of(p("queue-caller-number"), n(2), p("queue-estimated-wait"), n(1), p("queue-minute")),
                WaitAnnouncement.of(new WaitEstimate(2, OptionalInt.of(1), "x"), "en"));
    }

    @Test
    void anUnknownWaitIsNotMentioned() {
        assertEquals(List.of(p("queue-caller-number"), n(7)),
                WaitAnnouncement.of(new WaitEstimate(7, OptionalInt.empty(), "no agent staffed"), "en"));
    }

    @Test
    void theNextCallerHearsYouAreNextInEitherLanguage() {
        assertEquals(List.of(p("queue-you-are-next")), WaitAnnouncement.of(new WaitEstimate(1, OptionalInt.of(2), "x"), "en"));
        assertEquals(List.of(p("queue-you-are-next")), WaitAnnouncement.of(new WaitEstimate(1, OptionalInt.empty(), "x"), "zh"));
    }

    @Test
    void mandarinReadsTheNumbersWithItsOwnPrompts() {
        // 您排在第 十二 位。预计等待时间大约 两 分钟。
        assertEquals(List.of(p("queue-caller-number"), p("number-ten"), p("number-2"), p("queue-caller-number-end"),
                        p("queue-estimated-wait"), p("number-two-of"), p("queue-minutes")),
                WaitAnnouncement.of(new WaitEstimate(12, OptionalInt.of(2), "x"), "zh"));
    }

    @Test
    void everyPromptAnAnnouncementPlaysHasItsSourceText() {
        for (String name : WaitAnnouncement.prompts("en")) {
            assertTrue(Files.isRegularFile(Path.of("config/prompts", name + ".txt")), name);
        }
        for (String name : WaitAnnouncement.prompts("zh")) {
            assertTrue(Files.isRegularFile(Path.of("config/prompts/zh", name + ".txt")), "zh/" + name);
        }
    }
}

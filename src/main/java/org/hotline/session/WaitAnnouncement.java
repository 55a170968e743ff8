package org.hotline.session;

import java.util.ArrayList;
import java.util.List;
import org.hotline.routing.WaitEstimate;

/**
 * What a waiting caller hears about their place and their wait, as a list of sounds in the
 * caller's language. Pure: {@link QueueAnnouncements} plays it.
 *
 * <p>English: "You are caller number" 3 "Your estimated wait is about" 4 "minutes" (the number
 * by Asterisk's {@code SAY NUMBER}); the time is left out when unknown. The next caller hears only
 * "You are next". Mandarin: 您排在第 三 位 ... 预计等待时间大约 四 分钟, the numbers from our own
 * prompts ({@link MandarinNumbers}).
 */
final class WaitAnnouncement {

    static final String CALLER_NUMBER = "queue-caller-number";
    /** Mandarin only: the measure word that closes 第 N 位. */
    static final String CALLER_NUMBER_END = "queue-caller-number-end";
    static final String NEXT = "queue-you-are-next";
    static final String ESTIMATED_WAIT = "queue-estimated-wait";
    static final String MINUTES = "queue-minutes";
    /** English only: "minute", after 1. */
    static final String MINUTE = "queue-minute";

    /** One thing to play: a prompt by name (in the caller's language), or a number for {@code SAY NUMBER}. */
    sealed interface Sound {
        record Prompt(String name) implements Sound {
        }

        record Number(int value) implements Sound {
        }
    }

    static final String MANDARIN = "zh";

    private WaitAnnouncement() {
    }

    /** The prompts an announcement in {@code language} may play, for the prompt checks. */
    static List<String> prompts(String language) {
        List<String> names = new ArrayList<>(List.of(CALLER_NUMBER, NEXT, ESTIMATED_WAIT, MINUTES));
        if (MANDARIN.equals(language)) {
            names.add(CALLER_NUMBER_END);
            names.addAll(MandarinNumbers.prompts());
        } else {
            names.add(MINUTE);
        }
        return names;
    }

    static List<Sound> of(WaitEstimate estimate, String language) {
        if (estimate.next()) {
            return List.of(new Sound.Prompt(NEXT));
        }
        boolean mandarin = MANDARIN.equals(language);
        List<Sound> sounds = new ArrayList<>();
        sounds.add(new Sound.Prompt(CALLER_NUMBER));
        if (mandarin) {
            MandarinNumbers.number(Math.min(estimate.position(), MandarinNumbers.MAX))
                    .forEach(name -> sounds.add(new Sound.Prompt(name)));
            sounds.add(new Sound.Prompt(CALLER_NUMBER_END));
        } else {
            sounds.add(new Sound.Number(estimate.position()));
        }
        if (estimate.minutes().isPresent()) {
            int minutes = estimate.minutes().getAsInt();
            sounds.add(new Sound.Prompt(ESTIMATED_WAIT));
            if (mandarin) {
                MandarinNumbers.count(Math.min(minutes, MandarinNumbers.MAX))
                        .forEach(name -> sounds.add(new Sound.Prompt(name)));
                sounds.add(new Sound.Prompt(MINUTES));
            } else {
                sounds.add(new Sound.Number(minutes));
                sounds.add(new Sound.Prompt(minutes == 1 ? MINUTE : MINUTES));
            }
        }
        return sounds;
    }
}

package org.hotline.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.hotline.agi.AgiSession;
import org.hotline.call.LiveCall;
import org.hotline.ivr.PromptSet;
import org.hotline.routing.Acd;
import org.hotline.routing.WaitEstimator;

/**
 * What the place-and-wait announcements of every call share: where places come from (the ACD),
 * the estimator, how many agents staff a skill, each queue's interval, and the sound names.
 *
 * @param staffed      agents staffing a skill now (logged in, not paused): the roster's {@code staffedWith}
 * @param announceEvery queue name to its interval; a queue not in it does not announce
 * @param sounds       the sound name of a prompt in a language ({@code hotline/NAME}, {@code hotline/zh/NAME})
 */
public record QueueAnnouncer(Acd acd, WaitEstimator estimator, ToIntFunction<String> staffed,
                             Map<String, Duration> announceEvery, PromptSet sounds, Clock clock) {

    /** No queue announces: for call scripts built without announcements. */
    public static final QueueAnnouncer OFF = new QueueAnnouncer(null, null, skill -> 0, Map.of(), null, Clock.systemUTC());

    public QueueAnnouncer {
        announceEvery = Map.copyOf(announceEvery);
    }

    /**
     * The announcements of one call that just entered {@code queue} at {@code enteredAt}.
     *
     * @param language the caller's language (from the IVR), or null for the default
     */
    QueueAnnouncements forCall(AgiSession session, LiveCall call, String queue, String skill, String language,
                               String musicClass, Instant enteredAt) {
        Optional<Duration> every = Optional.ofNullable(announceEvery.get(queue));
        if (every.isEmpty()) {
            return QueueAnnouncements.NEVER;
        }
        return new QueueAnnouncements(this, session, call, queue, skill,
                language == null ? sounds.defaultLanguage() : language, musicClass, every.get(), enteredAt);
    }
}

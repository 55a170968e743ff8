package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiSession;
import org.hotline.call.LiveCall;
import org.hotline.routing.Acd;
import org.hotline.routing.WaitEstimate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One waiting caller's announcements of their place in line and estimated wait, every
 * {@code announceEverySeconds} of their queue (the first that long after they entered it). The
 * call's waiting loop asks {@link #due} between its polls and, when an announcement is due, plays
 * it with {@link #announce} before polling again: music off, the sounds of {@link WaitAnnouncement}
 * in the caller's language, music on. Each announcement goes on the call's timeline as
 * {@code announced}, with what the caller heard.
 *
 * <p>Event loop only, like the call. Nothing here waits for the ACD: the place is the ACD's last
 * snapshot ({@link Acd#placeInLine}), asked for shortly before each announcement; while it is not known (the caller joined
 * after the last one, or is being rung) the announcement waits for a later poll.
 */
final class QueueAnnouncements {

    private static final Logger log = LoggerFactory.getLogger(QueueAnnouncements.class);

    /** A queue that does not announce. */
    static final QueueAnnouncements NEVER = new QueueAnnouncements(null, null, null, null, null, null, null, null, null);

    /** A prompt is a few seconds; a hung Asterisk is still noticed. */
    private static final Duration PROMPT_DEADLINE = Duration.ofMinutes(2);

    private final QueueAnnouncer shared;
    private final AgiSession session;
    private final LiveCall call;
    private final String queue;
    private final String skill;
    private final String language;
    private final String musicClass;
    private final Duration every;
    private Instant nextAt;

    QueueAnnouncements(QueueAnnouncer shared, AgiSession session, LiveCall call, String queue, String skill,
                       String language, String musicClass, Duration every, Instant enteredQueueAt) {
        this.shared = shared;
        this.session = session;
        this.call = call;
        this.queue = queue;
        this.skill = skill;
        this.language = language;
        this.musicClass = musicClass;
        this.every = every;
        this.nextAt = enteredQueueAt == null ? null : enteredQueueAt.plus(every);
    }

    /**
     * What to announce now: empty unless the interval has passed and the caller's place is known.
     * Cheap (O(1) place, a short count of the agents staffed), so the waiting loop asks every poll.
     */
    Optional<WaitEstimate> due(Instant now) {
        if (nextAt == null) {
            return Optional.empty();
        }
        if (now.isBefore(nextAt)) {
            if (!now.isBefore(nextAt.minus(Acd.PLACES_IN_LINE_FRESH_FOR))) {
                shared.acd().placeInLine(call.id()); // asks for places at the ACD's next ticks: fresh when due
            }
            return Optional.empty();
        }
        OptionalInt place = shared.acd().placeInLine(call.id());
        if (place.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(shared.estimator().estimate(queue, place.getAsInt(), shared.staffed().applyAsInt(skill)));
    }

    /**
     * Plays the announcement and puts the music back on. Completes normally also when the caller
     * hangs up during it (the rest is skipped): the waiting loop then sees them gone and ends the
     * call as abandoned. Fails only when the session fails, like any other command of the call.
     */
    CompletableFuture<Void> announce(WaitEstimate estimate) {
        Instant at = shared.clock().instant();
        nextAt = at.plus(every);
        call.note(at, "announced", estimate.heard());
        log.info("call {}: announced {} in {}", call.id(), estimate.heard(), language);
        CompletableFuture<Boolean> playing = session.send(new SetMusicOffCommand()).thenApply(this::stillThere);
        List<WaitAnnouncement.Sound> sounds = WaitAnnouncement.of(estimate, language);
        for (WaitAnnouncement.Sound sound : sounds) {
            playing = playing.thenCompose(there -> there ? play(sound) : CompletableFuture.completedFuture(false));
        }
        return playing.thenCompose(there -> there
                ? session.send(new SetMusicOnCommand(musicClass)).thenApply(reply -> (Void) null)
                : CompletableFuture.completedFuture(null));
    }

    private CompletableFuture<Boolean> play(WaitAnnouncement.Sound sound) {
        AgiCommand command = switch (sound) {
            case WaitAnnouncement.Sound.Prompt p -> new StreamFileCommand(shared.sounds().soundName(language, p.name()), "");
            case WaitAnnouncement.Sound.Number n -> new SayNumberCommand(String.valueOf(n.value()), "");
        };
        return session.send(command, PROMPT_DEADLINE).thenApply(this::stillThere);
    }

    /**
     * The caller is still on the line after {@code reply}, as the session knows it (Asterisk's
     * {@code HANGUP} notice comes before the reply that follows a hang-up). A failed play alone
     * proves nothing: a missing sound answers -1 too, and the music must still come back on.
     */
    private boolean stillThere(AgiReply reply) {
        if (!reply.isSuccess() || reply.resultOr(0) < 0) {
            log.debug("call {}: announcement step answered {}", call.id(), reply);
        }
        return !session.isHungUp() && !session.isClosed();
    }
}

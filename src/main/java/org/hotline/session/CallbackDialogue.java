package org.hotline.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiSession;

/**
 * Offers a waiting caller a callback over their FastAGI session: the offer ({@code 1} takes it),
 * then the number ({@code 1}: the number they call from; or another number keyed and ended by
 * {@code #}), then the confirmation. Completes with the number to call (also when the caller
 * hangs up once the number is given), or empty when the caller declined, pressed nothing, keyed a
 * number that is too short or too long, or hung up before giving it.
 *
 * <p>Prompts are played with barge-in ({@code GET DATA}); a key pressed during a prompt counts.
 * The caller's own number is used only when it is a plausible phone number (digits, 3 or more).
 */
final class CallbackDialogue {

    /** A prompt may be long; a hung Asterisk is still noticed. */
    private static final Duration PROMPT_DEADLINE = Duration.ofMinutes(2);
    private static final Duration KEY_WAIT = Duration.ofSeconds(6);
    /** The wait for each further digit of a keyed number. */
    private static final Duration NUMBER_WAIT = Duration.ofSeconds(5);
    /** The rest of a keyed number is read without a prompt (Asterisk's core sounds have silence). */
    private static final String REST_OF_NUMBER = "silence/1";

    private final AgiSession session;
    private final CallbackSettings settings;
    private final String callerNumber;

    CallbackDialogue(AgiSession session, CallbackSettings settings, String callerNumber) {
        this.session = session;
        this.settings = settings;
        this.callerNumber = callerNumber;
    }

    CompletableFuture<Optional<String>> run() {
        return run(settings.offerPrompt());
    }

    /** As {@link #run()} with another offer prompt (an IVR {@code callback-offer} node's, in the caller's language). */
    CompletableFuture<Optional<String>> run(String offerPrompt) {
        return keys(offerPrompt, 1, KEY_WAIT).thenCompose(first -> {
            if (!"1".equals(first) || gone()) {
                return CompletableFuture.completedFuture(Optional.<String>empty());
            }
            return number().thenCompose(keyed -> {
                Optional<String> number = numberFrom(keyed);
                if (number.isEmpty() || gone()) {
                    return CompletableFuture.completedFuture(number); // a caller who keyed the number and left still asked
                }
                return session.send(new StreamFileCommand(settings.confirmedPrompt(), ""), PROMPT_DEADLINE)
                        .thenApply(reply -> number);
            });
        });
    }

    /**
     * One key after the number prompt: {@code 1} is the caller's own number at once; any other
     * digit begins a number, whose rest is read until {@code #}, the longest number, or a pause.
     */
    private CompletableFuture<String> number() {
        return keys(settings.numberPrompt(), 1, KEY_WAIT).thenCompose(first -> {
            if (first == null || first.equals("1") || !first.matches("[0-9]") || gone()) {
                return CompletableFuture.completedFuture(first);
            }
            return keys(REST_OF_NUMBER, settings.maxDigits() - 1, NUMBER_WAIT)
                    .thenApply(rest -> first + (rest == null ? "" : rest));
        });
    }

    /** {@code 1}: the caller's own number; otherwise the keyed number when its length is allowed. */
    Optional<String> numberFrom(String keyed) {
        if (keyed == null) {
            return Optional.empty();
        }
        if (keyed.equals("1")) { // the caller's own number
            String own = callerNumber == null ? "" : callerNumber.strip();
            return own.matches("\\+?[0-9]{3,20}") ? Optional.of(own) : Optional.empty();
        }
        return keyed.matches("[0-9]+") && keyed.length() >= settings.minDigits() && keyed.length() <= settings.maxDigits()
                ? Optional.of(keyed) : Optional.empty();
    }

    private CompletableFuture<String> keys(String prompt, int max, Duration wait) {
        if (gone()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.send(new GetDataCommand(prompt, wait.toMillis(), max), wait.plus(PROMPT_DEADLINE))
                .thenApply(CallbackDialogue::keysOf);
    }

    private boolean gone() {
        return session.isHungUp() || session.isClosed();
    }

    /** {@code GET DATA} answers the keys as the result ({@code #} not included); {@code -1}: hung up. */
    private static String keysOf(AgiReply reply) {
        if (!reply.isSuccess() || reply.result() == null) {
            return null;
        }
        String keys = reply.result().strip();
        return keys.isEmpty() || keys.startsWith("-") ? null : keys;
    }
}

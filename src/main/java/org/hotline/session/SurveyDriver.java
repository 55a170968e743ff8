package org.hotline.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiSession;
import org.hotline.call.SurveyAnswers;

/**
 * Asks one caller the post-call survey over their FastAGI session, after the agent hung up:
 * the introduction, satisfaction (one key 1–5), recommendation (one key 0–9, or {@code 1} then
 * {@code 0} within {@link SurveyAnswers#NPS_SECOND_KEY_WITHIN} for 10), effort (one key 1–7), and
 * the thanks. Each question's prompt can be interrupted by the answer's key.
 *
 * <p>Every answer is handed to {@code answered} as soon as it is known, so a caller who hangs up
 * mid-survey keeps the answers given. A missing or invalid answer is null and the survey goes on.
 * Which keys mean which answer is {@link SurveyAnswers}' business, not this class's.
 */
final class SurveyDriver {

    /** A prompt may be long; a hung Asterisk is still noticed. */
    private static final Duration PROMPT_DEADLINE = Duration.ofMinutes(2);

    private final AgiSession session;
    private final SurveySettings settings;
    private final Consumer<SurveyAnswers> answered;
    private SurveyAnswers answers = SurveyAnswers.NONE;

    SurveyDriver(AgiSession session, SurveySettings settings, Consumer<SurveyAnswers> answered) {
        this.session = session;
        this.settings = settings;
        this.answered = answered;
    }

    /** Runs the survey; completes with the answers given, when it ends or the caller leaves. */
    CompletableFuture<SurveyAnswers> run() {
        answered.accept(answers);
        return step(() -> session.send(new StreamFileCommand(settings.intro(), ""), PROMPT_DEADLINE).thenApply(r -> null))
                .thenCompose(ignored -> step(() -> oneKey(settings.csat())
                        .thenAccept(keys -> record(answers.withCsat(SurveyAnswers.csatOf(keys))))))
                .thenCompose(ignored -> step(() -> nps().thenAccept(value -> record(answers.withNps(value)))))
                .thenCompose(ignored -> step(() -> oneKey(settings.ces())
                        .thenAccept(keys -> record(answers.withCes(SurveyAnswers.cesOf(keys))))))
                .thenCompose(ignored -> step(() -> session.send(new StreamFileCommand(settings.thanks(), ""), PROMPT_DEADLINE)
                        .thenApply(r -> null)))
                .thenApply(ignored -> answers);
    }

    /** Runs {@code action} unless the caller has left (then the rest of the survey is skipped). */
    private CompletableFuture<Void> step(java.util.function.Supplier<CompletableFuture<?>> action) {
        if (session.isHungUp() || session.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return action.get().thenApply(ignored -> null);
    }

    private void record(SurveyAnswers next) {
        answers = next;
        answered.accept(next);
    }

    /** The first key, then (only after a {@code 1}) a second key within the short wait. */
    private CompletableFuture<Integer> nps() {
        return oneKey(settings.nps()).thenCompose(first -> {
            if (!SurveyAnswers.npsMayContinue(first) || session.isHungUp() || session.isClosed()) {
                return CompletableFuture.completedFuture(SurveyAnswers.npsOf(first, null));
            }
            Duration wait = SurveyAnswers.NPS_SECOND_KEY_WITHIN;
            return session.send(new WaitForDigitCommand(wait.toMillis()), wait.plus(PROMPT_DEADLINE))
                    .thenApply(keyOf(SurveyDriver::digitOf))
                    .thenApply(second -> SurveyAnswers.npsOf(first, second));
        });
    }

    /** {@code GET DATA} of one key after {@code prompt} (which the key interrupts); null: no key. */
    private CompletableFuture<String> oneKey(String prompt) {
        Duration timeout = settings.answerTimeout();
        return session.send(new GetDataCommand(prompt, timeout.toMillis(), 1), timeout.plus(PROMPT_DEADLINE))
                .thenApply(keyOf(SurveyDriver::keysOf));
    }

    private static Function<AgiReply, String> keyOf(Function<AgiReply, String> reading) {
        return reply -> reply.isSuccess() ? reading.apply(reply) : null;
    }

    /** {@code GET DATA} answers the keys as the result; {@code -1} when the caller hung up. */
    private static String keysOf(AgiReply reply) {
        String keys = reply.result() == null ? "" : reply.result().strip();
        return keys.isEmpty() || keys.startsWith("-") ? null : keys;
    }

    /** {@code WAIT FOR DIGIT} answers the key's ASCII code, 0 for none, -1 when the caller hung up. */
    private static String digitOf(AgiReply reply) {
        long code = reply.resultOr(0);
        return code > 0 && code < 128 ? String.valueOf((char) code) : null;
    }
}

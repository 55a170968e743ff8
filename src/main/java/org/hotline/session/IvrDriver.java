package org.hotline.session;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.SayDateTimeCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiSession;
import org.hotline.ivr.CallerContext;
import org.hotline.ivr.Event;
import org.hotline.ivr.IvrRun;
import org.hotline.ivr.Step;

/**
 * Runs one call's IVR over its FastAGI session: performs each {@link Step} of the {@link IvrRun}
 * as AGI commands and answers it with the {@link Event} the reply means, until a step ends the
 * run ({@code Route} or {@code Hangup}). Everything continues on the session's event loop, where
 * the run (not thread-safe) lives.
 *
 * <p>Barge-in: prompts play with {@code STREAM FILE} and the escape digits, so a key stops the
 * prompt and is the caller's answer. Asterisk's {@code CHANNEL(language)} follows the run's
 * language, so {@code SAY} speaks it.
 */
final class IvrDriver {

    /** Keys that stop a prompt. */
    static final String ESCAPE_DIGITS = "0123456789*#";
    /** A prompt may be long; a hung Asterisk is still noticed. */
    private static final Duration PROMPT_DEADLINE = Duration.ofMinutes(2);

    private final AgiSession session;
    private final IvrRun run;
    private final CallerContext caller;
    private String channelLanguage;

    /** Asks the caller about a callback with the offer prompt given; empty: declined. Null: callbacks are off. */
    private final java.util.function.Function<String, CompletableFuture<java.util.Optional<String>>> callbackOffer;

    IvrDriver(AgiSession session, IvrRun run, CallerContext caller) {
        this(session, run, caller, null);
    }

    IvrDriver(AgiSession session, IvrRun run, CallerContext caller,
              java.util.function.Function<String, CompletableFuture<java.util.Optional<String>>> callbackOffer) {
        this.session = session;
        this.run = run;
        this.caller = caller;
        this.callbackOffer = callbackOffer;
    }

    /** Runs the IVR to its end; completes with the step that ended it, or null when the caller left. */
    CompletableFuture<Step> run() {
        return perform(run.start());
    }

    private CompletableFuture<Step> perform(Step step) {
        if (step.ends()) {
            return CompletableFuture.completedFuture(step);
        }
        if (session.isHungUp() || session.isClosed()) {
            run.callerLeft();
            return CompletableFuture.completedFuture(null);
        }
        return answer(step).thenCompose(event -> perform(run.on(event)));
    }

    private CompletableFuture<Event> answer(Step step) {
        return switch (step) {
            case Step.Play p -> stream(p.prompt(), p.bargeIn()).thenApply(IvrDriver::played);
            case Step.Collect c -> collect(c);
            case Step.Say s -> language(s.language()).thenCompose(ignored -> say(s)).thenApply(IvrDriver::played);
            case Step.Lookup l -> CompletableFuture.completedFuture(caller.answer(l));
            case Step.CallbackOffer offer -> callbackOffer == null
                    ? CompletableFuture.completedFuture(Event.CallbackAnswer.declined())
                    : callbackOffer.apply(offer.prompt()).thenApply(number -> number
                            .map(n -> new Event.CallbackAnswer(true, n)).orElseGet(Event.CallbackAnswer::declined));
            case Step.Route r -> throw new IllegalStateException("a route ends the IVR");
            case Step.Hangup h -> throw new IllegalStateException("a hang-up ends the IVR");
        };
    }

    private CompletableFuture<AgiReply> stream(String prompt, boolean bargeIn) {
        return session.send(new StreamFileCommand(prompt, bargeIn ? ESCAPE_DIGITS : ""), PROMPT_DEADLINE);
    }

    private CompletableFuture<Event> collect(Step.Collect c) {
        long timeoutMs = c.timeout().toMillis();
        Duration deadline = c.timeout().plus(PROMPT_DEADLINE);
        if (c.prompt() == null && c.maxDigits() <= 1) {
            return session.send(new WaitForDigitCommand(timeoutMs), deadline)
                    .thenApply(reply -> new Event.Digits(digitOf(reply)));
        }
        GetDataCommand getData = new GetDataCommand(c.prompt() == null ? "silence/1" : c.prompt(), timeoutMs, c.maxDigits());
        return session.send(getData, deadline).thenApply(reply -> {
            String keys = reply.isSuccess() && reply.result() != null ? reply.result().strip() : "";
            return new Event.Digits(keys.isEmpty() || keys.equals("-1") ? null : keys);
        });
    }

    private CompletableFuture<AgiReply> say(Step.Say s) {
        String escape = s.bargeIn() ? ESCAPE_DIGITS : "";
        return switch (s.kind()) {
            case DIGITS -> session.send(new SayDigitsCommand(s.value(), escape), PROMPT_DEADLINE);
            case NUMBER -> session.send(new SayNumberCommand(s.value(), escape), PROMPT_DEADLINE);
            case DATE -> session.send(new SayDateTimeCommand(
                    LocalDate.parse(s.value()).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), escape, "ABdY"),
                    PROMPT_DEADLINE);
            case PROMPT -> stream(s.value(), s.bargeIn());
        };
    }

    /** Makes Asterisk speak the run's language (numbers, dates) when it changed. */
    private CompletableFuture<Void> language(String language) {
        if (language == null || language.equals(channelLanguage)) {
            return CompletableFuture.completedFuture(null);
        }
        channelLanguage = language;
        return session.send(new SetVariableCommand("CHANNEL(language)", language)).thenApply(reply -> null);
    }

    /** {@code STREAM FILE} / {@code WAIT FOR DIGIT} answer the key's ASCII code, 0 for none. */
    private static Event played(AgiReply reply) {
        return new Event.Played(digitOf(reply));
    }

    private static String digitOf(AgiReply reply) {
        if (!reply.isSuccess()) {
            return null;
        }
        long code = reply.resultOr(0);
        return code > 0 && code < 128 ? String.valueOf((char) code) : null;
    }
}

package org.hotline.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The estimated wait a queued caller hears, from what the queue did lately and who staffs it now;
 * never a constant.
 *
 * <p>For a caller at {@code position} (1 = next) in a queue with {@code staffed} agents:
 * <ul>
 *   <li>no agent staffed: unknown (nobody can say when someone will come, so nothing is said);</li>
 *   <li>at least {@link #MIN_ANSWERS} answers to the queue's callers in the last {@link #WINDOW}
 *       (sliding): {@code position / rate}, where {@code rate} is those answers divided by the time
 *       observed (the window, or the time since observing began when shorter, but never less than
 *       {@link #MIN_SPAN}, so that a few answers just after a start do not promise a rush);</li>
 *   <li>fewer answers: {@code position × mean handle time / staffed}, the handle time being the
 *       mean of the queue's last {@link #HANDLE_SAMPLES} answered calls' talk time plus the
 *       configured wrap-up (its upper bound: a disposition may end it earlier);</li>
 *   <li>neither known (no recent answers, no call handled yet): unknown.</li>
 * </ul>
 * The result is rounded up to whole minutes and is at least 1: a caller is never promised less
 * than the arithmetic says.
 *
 * <p>Thread-safe: sessions ask on their event loops and the floor thread reports answers, each
 * under the estimator's monitor for a few microseconds. No I/O; the clock is injected.
 */
public final class WaitEstimator {

    /** How far back answers count toward the answer rate. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Fewer answers than this in the window: the rate says too little, the handle time is used. */
    public static final int MIN_ANSWERS = 3;
    /** The rate is never taken over less time than this, however recently observing began. */
    public static final Duration MIN_SPAN = Duration.ofMinutes(5);
    /** How many of a queue's latest handled calls make its mean handle time. */
    public static final int HANDLE_SAMPLES = 20;

    private record Answer(Instant at, String callId) {
    }

    private static final Comparator<Answer> BY_TIME = Comparator.comparing(Answer::at).thenComparing(Answer::callId);

    private final Clock clock;
    private final Duration wrapUp;
    /** Since when answers are known: before it, a quiet window means "not seen", not "none". */
    private final Instant observingSince;
    private final Map<String, TreeSet<Answer>> answers = new HashMap<>();
    private final Map<String, Set<String>> answeredCalls = new HashMap<>();
    private final Map<String, Deque<Duration>> handleTimes = new HashMap<>();

    /**
     * @param wrapUp         the after-call work each agent gets after a call (center.wrapUpSeconds),
     *                       added to each talk time
     * @param observingSince since when answers are reported: the start, or the start of the stored
     *                       calls replayed into it
     */
    public WaitEstimator(Clock clock, Duration wrapUp, Instant observingSince) {
        this.clock = clock;
        this.wrapUp = wrapUp;
        this.observingSince = observingSince;
    }

    /** An agent answered call {@code callId} of {@code queue} at {@code at}; a call counts once. */
    public synchronized void answered(String queue, String callId, Instant at) {
        if (answeredCalls.computeIfAbsent(queue, q -> new HashSet<>()).add(callId)) {
            answers.computeIfAbsent(queue, q -> new TreeSet<>(BY_TIME)).add(new Answer(at, callId));
        }
        forgetOld(queue, clock.instant());
    }

    /** A call of {@code queue} an agent answered ended after {@code talk}: one more handle time. */
    public synchronized void handled(String queue, Duration talk) {
        Deque<Duration> latest = handleTimes.computeIfAbsent(queue, q -> new ArrayDeque<>());
        latest.addLast(talk.plus(wrapUp));
        while (latest.size() > HANDLE_SAMPLES) {
            latest.removeFirst();
        }
    }

    /** The estimate for the caller at {@code position} in {@code queue}, which {@code staffed} agents serve now. */
    public synchronized WaitEstimate estimate(String queue, int position, int staffed) {
        Instant now = clock.instant();
        if (staffed <= 0) {
            return new WaitEstimate(position, OptionalInt.empty(), "no agent staffed");
        }
        forgetOld(queue, now);
        int recent = answers.getOrDefault(queue, new TreeSet<>(BY_TIME)).size();
        if (recent >= MIN_ANSWERS) {
            Duration span = observedSpan(now);
            double seconds = position * (double) span.toSeconds() / recent;
            return new WaitEstimate(position, OptionalInt.of(wholeMinutes(seconds)),
                    recent + " answers in " + span.toMinutes() + " min");
        }
        Deque<Duration> latest = handleTimes.get(queue);
        if (latest == null || latest.isEmpty()) {
            return new WaitEstimate(position, OptionalInt.empty(), recent + " answers in "
                    + WINDOW.toMinutes() + " min, no handle time yet");
        }
        double meanHandleSeconds = latest.stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000.0;
        double seconds = position * meanHandleSeconds / staffed;
        return new WaitEstimate(position, OptionalInt.of(wholeMinutes(seconds)), String.format(Locale.ROOT,
                "handle time %.0f s, %d staffed", meanHandleSeconds, staffed));
    }

    /** Seconds as callers hear them: whole minutes, rounded up, at least 1. */
    static int wholeMinutes(double seconds) {
        return (int) Math.max(1, Math.ceil(seconds / 60.0 - 1e-9));
    }

    /** The time the answers in hand cover: the window, or less since observing began, at least {@link #MIN_SPAN}. */
    private Duration observedSpan(Instant now) {
        Duration observed = Duration.between(observingSince, now);
        if (observed.compareTo(WINDOW) > 0) {
            return WINDOW;
        }
        return observed.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : observed;
    }

    private void forgetOld(String queue, Instant now) {
        TreeSet<Answer> inWindow = answers.get(queue);
        if (inWindow == null) {
            return;
        }
        Instant cutoff = now.minus(WINDOW);
        while (!inWindow.isEmpty() && inWindow.first().at().isBefore(cutoff)) {
            answeredCalls.get(queue).remove(inWindow.pollFirst().callId());
        }
    }
}

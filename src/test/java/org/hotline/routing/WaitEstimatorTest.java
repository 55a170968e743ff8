package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The estimated wait a queued caller hears: its arithmetic and its edges. */
class WaitEstimatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    /** Observing for an hour already: the whole window counts. */
    private final WaitEstimator estimator = new WaitEstimator(clock, Duration.ofSeconds(15), T0.minus(Duration.ofHours(1)));

    private void answers(int n, Duration apart) {
        for (int i = 0; i < n; i++) {
            estimator.answered("support", "c" + i, clock.instant().minus(apart.multipliedBy(i)));
        }
    }

    @Test
    void fromTheAnswerRatePositionOverRateRoundedUpToWholeMinutes() {
        answers(6, Duration.ofMinutes(2)); // 6 answers in the last 15 min: 0.4 a minute
        WaitEstimate third = estimator.estimate("support", 3, 2);
        assertEquals(OptionalInt.of(8), third.minutes(), "3 / 0.4 = 7.5 min, said as 8: " + third);
        assertEquals("6 answers in 15 min", third.basis());
        assertEquals(OptionalInt.of(5), estimator.estimate("support", 2, 2).minutes(), "2 / 0.4 = 5 exactly");
    }

    @Test
    void theRateDoesNotDependOnHowManyAreStaffedButNoneStaffedSaysNothingAboutTime() {
        answers(6, Duration.ofMinutes(2));
        assertEquals(estimator.estimate("support", 3, 1).minutes(), estimator.estimate("support", 3, 9).minutes());
        WaitEstimate nobody = estimator.estimate("support", 3, 0);
        assertEquals(OptionalInt.empty(), nobody.minutes(), "nobody can say when someone comes");
        assertEquals("no agent staffed", nobody.basis());
    }

    @Test
    void tooFewRecentAnswersFallBackToPositionTimesHandleTimeOverStaffed() {
        answers(2, Duration.ofMinutes(1));
        estimator.handled("support", Duration.ofSeconds(100)); // + 15 s wrap-up: 115 s
        estimator.handled("support", Duration.ofSeconds(140)); // 155 s; mean 135 s
        WaitEstimate e = estimator.estimate("support", 4, 3);
        assertEquals(OptionalInt.of(3), e.minutes(), "4 × 135 s / 3 = 180 s = 3 min: " + e);
        assertTrue(e.basis().contains("handle time 135 s, 3 staffed"), e.basis());
        assertEquals(OptionalInt.of(9), estimator.estimate("support", 4, 1).minutes(), "540 s with one agent");
    }

    @Test
    void withoutAnswersOrHandleTimesTheWaitIsUnknown() {
        WaitEstimate e = estimator.estimate("support", 5, 4);
        assertEquals(OptionalInt.empty(), e.minutes());
        assertEquals(5, e.position());
        assertEquals("position 5, wait unknown (0 answers in 15 min, no handle time yet)", e.heard());
    }

    @Test
    void answersOlderThanTheWindowNoLongerCount() {
        answers(3, Duration.ofMinutes(1)); // at T0, T0-1, T0-2 min
        assertTrue(estimator.estimate("support", 2, 1).minutes().isPresent());
        clock.advance(Duration.ofMinutes(13).plusSeconds(30)); // T0-2 min is now 15.5 min old, T0-1 min 14.5
        WaitEstimate e = estimator.estimate("support", 2, 1);
        assertEquals(OptionalInt.empty(), e.minutes(), "2 answers left, no handle time: " + e);
        assertTrue(e.basis().startsWith("2 answers"), e.basis());
    }

    @Test
    void aCallAnsweredTwiceCountsOnceAndQueuesAreApart() {
        estimator.answered("support", "same", T0);
        estimator.answered("support", "same", T0);
        estimator.answered("support", "other", T0);
        estimator.answered("billing", "b1", T0);
        assertEquals(OptionalInt.empty(), estimator.estimate("support", 2, 1).minutes(), "2 distinct answers only");
        estimator.answered("support", "third", T0);
        assertEquals(OptionalInt.of(10), estimator.estimate("support", 2, 1).minutes(), "2 / (3 / 15 min) = 10 min");
    }

    @Test
    void justAfterAStartAFewAnswersDoNotPromiseARush() {
        WaitEstimator fresh = new WaitEstimator(clock, Duration.ZERO, T0.minus(Duration.ofMinutes(1)));
        for (int i = 0; i < 3; i++) {
            fresh.answered("support", "c" + i, T0);
        }
        // Observed 1 min, but the rate is taken over at least 5: 3 / 5 min = 0.6 a minute.
        WaitEstimate e = fresh.estimate("support", 2, 1);
        assertEquals(OptionalInt.of(4), e.minutes(), "2 / 0.6 = 3.3 min, said as 4: " + e);
        assertEquals("3 answers in 5 min", e.basis());
        clock.advance(Duration.ofMinutes(9)); // observed 10 min now
        assertEquals(OptionalInt.of(7), fresh.estimate("support", 2, 1).minutes(), "2 / (3 / 10 min) = 6.7");
    }

    @Test
    void theHandleTimeIsTheMeanOfTheLatestCalls() {
        for (int i = 0; i < WaitEstimator.HANDLE_SAMPLES; i++) {
            estimator.handled("support", Duration.ofMinutes(10));
        }
        for (int i = 0; i < WaitEstimator.HANDLE_SAMPLES; i++) {
            estimator.handled("support", Duration.ofSeconds(45)); // + 15 s wrap-up: 1 min
        }
        assertEquals(OptionalInt.of(2), estimator.estimate("support", 2, 1).minutes(), "the old long calls are gone");
    }

    @Test
    void aWaitIsNeverSaidAsLessThanItIsNorAsZero() {
        assertEquals(1, WaitEstimator.wholeMinutes(0));
        assertEquals(1, WaitEstimator.wholeMinutes(1));
        assertEquals(1, WaitEstimator.wholeMinutes(60));
        assertEquals(2, WaitEstimator.wholeMinutes(60.001));
        assertEquals(2, WaitEstimator.wholeMinutes(120));
        assertEquals(3, WaitEstimator.wholeMinutes(121));
    }

    @Test
    void theNextCallerHearsNoMinutes() {
        answers(6, Duration.ofMinutes(2));
        WaitEstimate first = estimator.estimate("support", 1, 2);
        assertTrue(first.next());
        assertEquals("position 1, next", first.heard());
        assertFalse(estimator.estimate("support", 2, 2).next());
        assertEquals("position 2, about 5 min (6 answers in 15 min)", estimator.estimate("support", 2, 2).heard());
    }

    @Test
    void aPositionIsOneOrMore() {
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate("support", 0, 1));
    }
}

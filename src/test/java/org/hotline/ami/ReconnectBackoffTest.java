package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final Duration MIN = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void doublesFromMinUpToMaxWithoutJitter() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, 0.2, () -> 0.0);
        List<Long> ms = IntStream.range(0, 9).mapToObj(i -> b.nextDelay().toMillis()).toList();
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L), ms);
        assertEquals(9, b.attempts());
    }

    @Test
    void jitterShortensByAtMostItsFractionAndNeverGoesBelowMin() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, 0.2, () -> 0.999);
        assertEquals(250, b.delay(0, 0.999).toMillis());
        assertEquals(400, b.delay(1, 0.999).toMillis(), 1);
        assertEquals(8002, b.delay(20, 0.999).toMillis()); // 10 s * (1 - 0.2 * 0.999)
        for (int n = 0; n < 100; n++) {
            for (double r = 0; r < 1; r += 0.05) {
                long d = b.delay(n, r).toMillis();
                assertTrue(d >= MIN.toMillis() && d <= MAX.toMillis(), n + "/" + r + " -> " + d);
            }
        }
    }

    @Test
    void resetStartsOverAndHugeAttemptCountsStayAtMax() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, 0.0, () -> 0.5);
        for (int i = 0; i < 5; i++) {
            b.nextDelay();
        }
        b.reset();
        assertEquals(MIN, b.nextDelay());
        assertEquals(MAX, b.delay(Integer.MAX_VALUE, 0.5));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(MAX, MIN, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, MAX, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(MIN, MAX, 1.0));
    }
}

package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesUpToTheCap() {
        RetryBackoff b = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(100), b.delay(0));
        assertEquals(Duration.ofMillis(200), b.delay(1));
        assertEquals(Duration.ofMillis(3200), b.delay(5));
        assertEquals(Duration.ofSeconds(5), b.delay(6));
        assertEquals(Duration.ofSeconds(5), b.delay(Integer.MAX_VALUE));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}

package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RedisOptions o = RedisOptions.DEFAULTS;
        assertEquals("127.0.0.1:6379", o.address());
        assertEquals("hotline:", o.keyPrefix());
        assertEquals(Duration.ofDays(35), o.callRetention());
        assertEquals(Duration.ofDays(400), o.kpiRetention());
    }

    @Test
    void withersChangeOneThing() {
        RedisOptions o = RedisOptions.DEFAULTS.withPort(6380).withKeyPrefix("t:");
        assertEquals(6380, o.port());
        assertEquals("t:", o.keyPrefix());
        assertEquals(RedisOptions.DEFAULTS.host(), o.host());
    }

    @Test
    void validatesAndNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisOptions.DEFAULTS.withPort(0));
        assertEquals("port must be 1..65535, not 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisOptions.DEFAULTS.withKeyPrefix(" "));
        assertThrows(IllegalArgumentException.class,
                () -> RedisOptions.DEFAULTS.withRetention(Duration.ofMillis(10), Duration.ofDays(1)));
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(RedisOptions.DEFAULTS.withPassword("s3cret").toString().contains("s3cret"));
    }
}

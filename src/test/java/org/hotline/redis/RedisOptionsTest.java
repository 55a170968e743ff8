package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RedisOptions o = RedisOptions.defaults();
        assertEquals("127.0.0.1:6379", o.address());
        assertEquals("hotline:", o.keyPrefix());
        assertEquals(Duration.ofDays(35), o.callRetention());
        assertEquals(Duration.ofDays(400), o.kpiRetention());
        assertEquals(null, o.password());
    }

    @Test
    void theBuilderChangesOnlyWhatItIsGiven() {
        RedisOptions o = RedisOptions.builder().port(6380).keyPrefix("t:").build();
        assertEquals(6380, o.port());
        assertEquals("t:", o.keyPrefix());
        assertEquals(RedisOptions.defaults().host(), o.host());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void validatesAndNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisOptions.builder().port(0).build());
        assertEquals("port must be 1..65535, not 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisOptions.builder().keyPrefix(" ").build());
        assertThrows(IllegalArgumentException.class,
                () -> RedisOptions.builder().callRetention(Duration.ofMillis(10)).build());
        assertThrows(IllegalArgumentException.class, () -> RedisOptions.builder()
                .retryInitialDelay(Duration.ofSeconds(2)).retryMaxDelay(Duration.ofSeconds(1)).build());
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(RedisOptions.builder().password("s3cret").build().toString().contains("s3cret"));
    }
}

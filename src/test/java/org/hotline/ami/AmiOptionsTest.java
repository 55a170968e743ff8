package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmiOptionsTest {

    @Test
    void defaultsAreTheNamedConstants() {
        AmiOptions o = AmiOptions.builder().username("hotline").secret("pw").build();
        assertEquals("127.0.0.1:5038", o.address());
        assertEquals(Duration.ofSeconds(20), o.pingInterval());
        assertEquals(Duration.ofMillis(250), o.reconnectMin());
        assertEquals(Duration.ofSeconds(10), o.reconnectMax());
        assertEquals(AmiOptions.DEFAULT_LOGIN_RETRY_DELAY, o.loginRetryDelay());
        assertEquals(o, o.toBuilder().build());
        assertFalse(o.toString().contains("pw"), o.toString());
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmiOptions.builder().pingInterval(Duration.ZERO).build());
        assertTrue(e.getMessage().contains("pingInterval"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AmiOptions.builder().port(70000).build());
        assertThrows(IllegalArgumentException.class, () -> AmiOptions.builder()
                .reconnectMin(Duration.ofSeconds(5)).reconnectMax(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> AmiOptions.builder().reconnectJitter(1.5).build());
    }
}

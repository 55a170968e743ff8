package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("hotline:");

    @Test
    void namesEveryKeyWithThePrefix() {
        assertEquals("hotline:call:1700000000.12", keys.call("1700000000.12"));
        assertEquals("hotline:calls", keys.callIndex());
        assertEquals("hotline:counted:1700000000.12", keys.counted("1700000000.12"));
        assertEquals("hotline:kpi:queues", keys.kpiQueues());
        assertEquals("hotline:kpi:support:20261123T0945",
                keys.kpi("support", Instant.parse("2026-11-23T09:45:00Z")));
        assertEquals("test:kpi:sales:eu:20260101T0000",
                new RedisKeys("test:").kpi("sales:eu", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void intervalStartRoundsDownToTheQuarterHourInUtc() {
        assertEquals(Instant.parse("2026-11-23T09:45:00Z"), RedisKeys.intervalStart(Instant.parse("2026-11-23T09:59:59.999Z")));
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), RedisKeys.intervalStart(Instant.parse("2026-11-23T10:00:00Z")));
        assertEquals(Instant.parse("1969-12-31T23:45:00Z"), RedisKeys.intervalStart(Instant.parse("1969-12-31T23:59:00Z")));
    }

    @Test
    void intervalStartsCoverStartsInsideTheHalfOpenRange() {
        assertEquals(List.of(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:15:00Z")),
                RedisKeys.intervalStarts(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:30:00Z")));
        // from inside an interval: that interval started before from, so it is not included
        assertEquals(List.of(Instant.parse("2026-11-23T10:15:00Z")),
                RedisKeys.intervalStarts(Instant.parse("2026-11-23T10:05:00Z"), Instant.parse("2026-11-23T10:15:00.001Z")));
        assertEquals(List.of(), RedisKeys.intervalStarts(Instant.parse("2026-11-23T10:05:00Z"), Instant.parse("2026-11-23T10:15:00Z")));
        assertEquals(List.of(), RedisKeys.intervalStarts(Instant.parse("2026-11-23T11:00:00Z"), Instant.parse("2026-11-23T10:00:00Z")));
    }

    @Test
    void aDayIsNinetySixIntervals() {
        Instant midnight = Instant.parse("2026-11-23T00:00:00Z");
        List<Instant> day = RedisKeys.intervalStarts(midnight, midnight.plus(Duration.ofDays(1)));
        assertEquals(96, day.size());
        assertEquals(midnight, day.get(0));
        assertEquals(Instant.parse("2026-11-23T23:45:00Z"), day.get(95));
    }

    @Test
    void refusesRangesLongerThanAYear() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(RedisKeys.MAX_INTERVALS_PER_READ, RedisKeys.intervalStarts(from, from.plus(Duration.ofDays(366))).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisKeys.intervalStarts(from, from.plus(Duration.ofDays(367))));
        assertTrue(e.getMessage().contains("366 days"), e.getMessage());
    }
}

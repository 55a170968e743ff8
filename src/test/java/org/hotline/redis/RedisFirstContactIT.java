package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline.call.AgentAttempt;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.customer.PhoneNumbers;
import org.hotline.metrics.FirstContactRule;
import org.hotline.metrics.KpiCounters;
import org.hotline.metrics.KpiReport;
import org.hotline.metrics.KpiRules;
import org.hotline.metrics.KpiService;
import org.hotline.metrics.KpiWindow;
import org.hotline.standards.PhoneStandards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * First-contact resolution as the append script counts it, against the real Redis on
 * 127.0.0.1:6379 (the sandbox's), under a key prefix unique to this run that is deleted
 * afterwards. Fails, never skips, when Redis is not there.
 */
class RedisFirstContactIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PREFIX = "hotline-it:" + UUID.randomUUID() + ":";
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final KpiRules RULES = new KpiRules(
            new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20)),
            new FirstContactRule(Duration.ofDays(7), n -> PhoneNumbers.normalise(n, "US")));

    private static JedisPooled admin;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void redisMustBeThere() {
        admin = new JedisPooled("127.0.0.1", 6379);
        try {
            assertEquals("PONG", admin.ping());
        } catch (RuntimeException e) {
            fail("Redis must listen on 127.0.0.1:6379 for this test (scripts/sandbox up): " + e, e);
        }
    }

    @AfterAll
    static void deleteThisRunsKeys() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = admin.scan(cursor, new ScanParams().match(PREFIX + "*").count(500));
            if (!page.getResult().isEmpty()) {
                admin.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        admin.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RedisCallHistory open() {
        RedisCallHistory h = RedisCallHistory.open(RedisOptions.builder().keyPrefix(PREFIX + UUID.randomUUID() + ":")
                .retryInitialDelay(Duration.ofMillis(20)).retryMaxDelay(Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(1)).build(),
                Clock.systemUTC(), RULES.firstContact());
        toClose.add(h);
        return h;
    }

    private static void store(RedisCallHistory h, CallRecord... calls) {
        for (CallRecord call : calls) {
            h.append(call, RULES.contribution(call));
        }
        Poll.until(WAIT, () -> h.pendingWrites() == 0, () -> h.pendingWrites() + " writes pending: " + h.healthDetail());
    }

    private static CallRecord call(String id, String queue, Instant arrived, CallOutcome outcome, String customerId,
                                   String caller) {
        boolean answered = outcome == CallOutcome.ANSWERED;
        return new CallRecord(id, caller, queue, arrived, arrived.plusSeconds(1), 0.2, answered ? "1001" : null,
                answered ? arrived.plusSeconds(10) : null, 10, false, outcome,
                answered ? List.of(new AgentAttempt("1001", arrived.plusSeconds(8), 2, 0.3,
                        AgentAttempt.Result.ANSWERED)) : List.of(),
                arrived.plusSeconds(200), answered ? 190 : 0, List.of(), customerId, null, null, null, List.of(), null,
                null, null, null, null);
    }

    private static KpiCounters interval(RedisCallHistory h, String queue, Instant arrived) {
        Instant start = RedisKeys.intervalStart(arrived);
        return h.counters(queue, start, start.plusSeconds(900));
    }

    @Test
    void aRepeatWithinTheWindowCountsAgainstThePreviousCallsIntervalOnce() {
        RedisCallHistory h = open();
        CallRecord first = call("f1", "support", MONDAY, CallOutcome.ANSWERED, "S-1", "+15550100");
        CallRecord repeat = call("f2", "billing", MONDAY.plus(Duration.ofDays(3)), CallOutcome.ANSWERED, "S-1", "+15550100");
        CallRecord third = call("f3", "support", MONDAY.plus(Duration.ofDays(4)), CallOutcome.SELF_SERVED, "S-1", "+15550100");
        store(h, first, repeat, third);

        assertEquals(1, interval(h, "support", MONDAY).fcrCalls());
        assertEquals(1, interval(h, "support", MONDAY).fcrRepeated(), "repeated once, though two calls followed");
        assertEquals(1, interval(h, "billing", repeat.arrivedAt()).fcrRepeated(),
                "counted in the queue and interval of the call that was repeated");
        assertEquals(0, interval(h, "support", third.arrivedAt()).fcrRepeated());
        assertEquals(1, interval(h, "support", third.arrivedAt()).fcrCalls());
    }

    @Test
    void aCallAfterTheWindowIsNoRepeatAndOtherCustomersNeverAre() {
        RedisCallHistory h = open();
        store(h, call("w1", "support", MONDAY, CallOutcome.ANSWERED, "S-2", "+15550200"),
                call("w2", "support", MONDAY.plus(Duration.ofDays(7)).plusSeconds(1), CallOutcome.ANSWERED, "S-2",
                        "+15550200"),
                call("w3", "support", MONDAY.plusSeconds(60), CallOutcome.ANSWERED, "S-3", "+15550300"));
        assertEquals(0, interval(h, "support", MONDAY).fcrRepeated());
        assertEquals(2, interval(h, "support", MONDAY).fcrCalls());
    }

    @Test
    void anUnknownCallerIsMatchedByTheNormalisedNumberAndUnservedCallsDoNotCount() {
        RedisCallHistory h = open();
        store(h, call("n1", "support", MONDAY, CallOutcome.ANSWERED, null, "(555) 555-0123"),
                call("n2", "support", MONDAY.plus(Duration.ofHours(1)), CallOutcome.ABANDONED, null, "+1 555 555 0123"),
                call("n3", "support", MONDAY.plus(Duration.ofHours(2)), CallOutcome.ANSWERED, null, "+15555550123"));
        assertEquals(1, interval(h, "support", MONDAY).fcrRepeated(), "the answered call at 11:00 repeats the one at 9:00");
        assertEquals(0, interval(h, "support", MONDAY.plus(Duration.ofHours(1))).fcrCalls(), "abandoned: no contact");
        assertTrue(admin.exists(h.keys().fcrContacts("number:+15555550123")));
        long ttl = admin.ttl(h.keys().fcrContacts("number:+15555550123"));
        assertTrue(ttl > Duration.ofDays(7).toSeconds() && ttl <= Duration.ofDays(8).toSeconds(), "ttl " + ttl);
    }

    @Test
    void callsStoredOutOfArrivalOrderAreMatchedAsTheyArrived() {
        RedisCallHistory h = open();
        // Records are stored when calls end: a long first call ends after the short second one.
        CallRecord early = call("o1", "support", MONDAY, CallOutcome.ANSWERED, "S-4", "+15550400");
        CallRecord middle = call("o2", "support", MONDAY.plus(Duration.ofDays(6)), CallOutcome.ANSWERED, "S-4", "+15550400");
        CallRecord late = call("o3", "support", MONDAY.plus(Duration.ofDays(10)), CallOutcome.ANSWERED, "S-4", "+15550400");
        store(h, late, early, middle);
        assertEquals(1, interval(h, "support", early.arrivedAt()).fcrRepeated(), "early is repeated by middle");
        assertEquals(1, interval(h, "support", middle.arrivedAt()).fcrRepeated(), "middle is repeated by late");
        assertEquals(0, interval(h, "support", late.arrivedAt()).fcrRepeated());
    }

    @Test
    void aRetriedOrReplayedAppendMatchesOnce() {
        RedisCallHistory h = open();
        CallRecord first = call("r1", "support", MONDAY, CallOutcome.ANSWERED, "S-5", "+15550500");
        CallRecord repeat = call("r2", "support", MONDAY.plus(Duration.ofDays(1)), CallOutcome.ANSWERED, "S-5",
                "+15550500");
        store(h, first);
        AppendScript.PendingAppend prepared = AppendScript.prepare(h.keys(), h.options(), repeat, "{}",
                RULES.contribution(repeat), Instant.now(), h.keys().counted(repeat.id()), RULES.firstContact());
        try (JedisPooled jedis = new JedisPooled("127.0.0.1", 6379)) {
            assertTrue(AppendScript.run(jedis, prepared));
            // the reply was lost and the writer ran it again; then the journal replays it after a crash
            assertFalse(AppendScript.run(jedis, prepared));
        }
        store(h, repeat);
        assertEquals(1, interval(h, "support", MONDAY).fcrRepeated());
        assertEquals(1, interval(h, "support", repeat.arrivedAt()).fcrCalls());
        // an amendment (the wrap-up) matches nothing again
        h.amend(repeat.withWrapUpSeconds(12), KpiCounters.wrapUp(12), "wrap-up");
        store(h);
        assertEquals(1, interval(h, "support", MONDAY).fcrRepeated());
    }

    @Test
    void aWronglyTypedContactsKeyIsRefusedBeforeAnythingIsWritten() {
        RedisCallHistory h = open();
        CallRecord c = call("t1", "support", MONDAY, CallOutcome.ANSWERED, "S-6", "+15550600");
        admin.set(h.keys().fcrContacts("customer:S-6"), "not a zset");
        AppendScript.PendingAppend prepared = AppendScript.prepare(h.keys(), h.options(), c, "{}",
                RULES.contribution(c), Instant.now(), h.keys().counted(c.id()), RULES.firstContact());
        try (JedisPooled jedis = new JedisPooled("127.0.0.1", 6379)) {
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> AppendScript.run(jedis, prepared));
            assertTrue(e.getMessage().contains("WRONGTYPE key " + h.keys().fcrContacts("customer:S-6")), e.getMessage());
        }
        assertFalse(admin.exists(h.keys().call("t1")));
        assertEquals(KpiCounters.ZERO, interval(h, "support", MONDAY));
    }

    @Test
    void theReportStatesWhatIsDecidedAndWhatIsPending() {
        RedisCallHistory h = open();
        Instant today = Instant.parse("2026-11-23T08:00:00Z");
        store(h, call("k1", "support", today, CallOutcome.ANSWERED, "S-7", "+15550700"),
                call("k2", "support", today.plus(Duration.ofHours(1)), CallOutcome.ANSWERED, "S-7", "+15550700"),
                call("k3", "support", today.plus(Duration.ofHours(1)), CallOutcome.ANSWERED, "S-8", "+15550800"));
        Clock sameDay = Clock.fixed(today.plus(Duration.ofHours(3)), ZoneOffset.UTC);
        KpiReport now = new KpiService(h, List.of("support"), ZoneOffset.UTC, sameDay, Duration.ofDays(7))
                .report("support", KpiWindow.TODAY);
        assertEquals(1, now.fcrDecided(), "only the repeated call is decided the same day");
        assertEquals(2, now.fcrPending());
        assertEquals(0.0, now.fcr());
    }
}

package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerView;
import org.hotline.customer.CustomerWithHistory;
import org.hotline.customer.Interaction;
import org.hotline.customer.Order;
import org.hotline.customer.SampleCustomers;
import org.hotline.customer.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Against the real Redis on 127.0.0.1:6379 (the sandbox's), under a key prefix unique to this run
 * that is deleted afterwards. Fails, never skips, when Redis is not there.
 */
class RedisCustomerDirectoryIT {

    private static final String PREFIX = "hotline-it:" + UUID.randomUUID() + ":";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static JedisPooled jedis;
    private static RedisCustomerDirectory directory;

    @BeforeAll
    static void redisMustBeThere() {
        jedis = new JedisPooled("127.0.0.1", 6379);
        try {
            assertEquals("PONG", jedis.ping());
        } catch (RuntimeException e) {
            fail("Redis must listen on 127.0.0.1:6379 for this test (scripts/sandbox up, or "
                    + "redis-server --daemonize yes --bind 127.0.0.1 --port 6379): " + e, e);
        }
        directory = new RedisCustomerDirectory(jedis, PREFIX, "Redis at 127.0.0.1:6379");
    }

    @AfterAll
    static void deleteThisRunsKeys() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(PREFIX + "*").count(1000));
            if (!page.getResult().isEmpty()) {
                jedis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        jedis.close();
    }

    private static Customer customer(String id, String... phones) {
        return new Customer(id, "Ann " + id, List.of(phones), id + "@example.com", "en", "vip", "ACC-" + id, "notes, too",
                List.of(new Ticket("T1", "Refund", "open", T0), new Ticket("T0", "Login", "closed", T0.minusSeconds(86_400))),
                List.of(new Order("O-1", "shipped")));
    }

    private static Interaction call(String id, int minutesAfterT0) {
        return new Interaction(id, T0.plusSeconds(60L * minutesAfterT0), "phone", "support", "1001", "answered",
                null, null, "call " + id);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void savedCustomerIsFoundByIdAndByEachPhoneWithOpenTicketsAndRecentHistory() {
        String id = unique("c");
        Customer ann = customer(id, "+14155550101", "+442079460018");
        directory.save(ann);
        directory.record(id, call("call-1", 1));

        CustomerView byId = directory.find(id).orElseThrow();
        assertEquals(ann, byId.customer());
        assertEquals(List.of(new Ticket("T1", "Refund", "open", T0)), byId.openTickets());
        assertEquals(List.of(call("call-1", 1)), byId.recent());
        // A phone number may be anyone's in this shared Redis, but the prefix is this run's own.
        assertEquals(byId, directory.findByPhone("+14155550101").orElseThrow());
        assertEquals(byId, directory.findByPhone("+442079460018").orElseThrow());
        assertEquals(id, jedis.get(PREFIX + "customer-phone:+14155550101"));
    }

    @Test
    void unknownNumbersAndIdsFindNothing() {
        assertTrue(directory.findByPhone("+19995550000").isEmpty());
        assertTrue(directory.findByPhone("").isEmpty());
        assertTrue(directory.findByPhone(null).isEmpty());
        assertTrue(directory.find(unique("nobody")).isEmpty());
        assertEquals(List.of(), directory.history(unique("nobody"), 10));
    }

    @Test
    void reSavingWithChangedPhonesDropsTheOldIndexEntryAndKeepsTheHistory() {
        String id = unique("c");
        directory.save(customer(id, "+14155550201", "+14155550202"));
        directory.record(id, call("call-1", 1));
        directory.save(customer(id, "+14155550202", "+14155550203"));

        assertTrue(directory.findByPhone("+14155550201").isEmpty());
        assertNull(jedis.get(PREFIX + "customer-phone:+14155550201"));
        assertEquals(id, directory.findByPhone("+14155550202").orElseThrow().customer().id());
        assertEquals(id, directory.findByPhone("+14155550203").orElseThrow().customer().id());
        assertEquals(List.of(call("call-1", 1)), directory.history(id, 10));
    }

    @Test
    void aNumberThatMovedToAnotherCustomerStaysTheirs() {
        String first = unique("c");
        String second = unique("c");
        directory.save(customer(first, "+14155550301"));
        directory.save(customer(second, "+14155550301"));
        assertEquals(second, directory.findByPhone("+14155550301").orElseThrow().customer().id());
        directory.save(customer(first, "+14155550302"));
        assertEquals(second, directory.findByPhone("+14155550301").orElseThrow().customer().id());
    }

    @Test
    void recordAddsNewestFirstAndReplacesAnEntryWithTheSameIdInPlace() {
        String id = unique("c");
        directory.save(customer(id, "+14155550401"));
        directory.record(id, call("a", 1));
        directory.record(id, call("b", 2));
        directory.record(id, call("c", 3));
        Interaction disposed = new Interaction("b", T0.plusSeconds(120), "phone", "support", "1001", "answered",
                "resolved", true, "refund explained");
        directory.record(id, disposed);

        assertEquals(List.of(call("c", 3), disposed, call("a", 1)), directory.history(id, 10));
        assertEquals(List.of(call("c", 3), disposed), directory.history(id, 2));
        assertEquals(List.of(call("c", 3), disposed, call("a", 1)), directory.find(id).orElseThrow().recent());
    }

    @Test
    void historyIsCappedAndThePopShowsTheNewestFive() {
        String id = unique("c");
        directory.save(customer(id, "+14155550501"));
        int total = RedisCustomerDirectory.HISTORY_CAP + 5;
        for (int i = 0; i < total; i++) {
            directory.record(id, call("call-" + i, i));
        }
        List<Interaction> history = directory.history(id, 1000);
        assertEquals(RedisCustomerDirectory.HISTORY_CAP, history.size());
        assertEquals("call-" + (total - 1), history.get(0).id());
        assertEquals("call-5", history.get(history.size() - 1).id());
        List<Interaction> recent = directory.find(id).orElseThrow().recent();
        assertEquals(CustomerView.RECENT, recent.size());
        assertEquals("call-" + (total - 1), recent.get(0).id());
    }

    @Test
    void recordingForAnUnknownCustomerFailsAndWritesNothing() {
        String id = unique("nobody");
        assertThrows(NoSuchElementException.class, () -> directory.record(id, call("x", 1)));
        assertEquals(List.of(), directory.history(id, 10));
        assertTrue(jedis.exists(PREFIX + "customer:" + id) == false);
    }

    @Test
    void saveAllStoresCustomersWithTheirHistoryNewestFirst() {
        // A prefix of its own: the sample's phones must not meet the other tests' numbers.
        String prefix = PREFIX + "bulk:";
        RedisCustomerDirectory bulk = new RedisCustomerDirectory(jedis, prefix);
        List<CustomerWithHistory> sample = SampleCustomers.sample(300, Clock.fixed(T0, ZoneOffset.UTC));
        int interactions = sample.stream().mapToInt(c -> c.history().size()).sum();

        assertEquals(interactions, bulk.saveAll(sample));
        assertEquals(interactions, bulk.saveAll(sample), "a second import replaces, it adds nothing");

        for (int i : new int[] {0, 17, 299}) {
            CustomerWithHistory expected = sample.get(i);
            CustomerView view = bulk.findByPhone(SampleCustomers.phoneOf(i)).orElseThrow();
            assertEquals(expected.customer(), view.customer());
            List<Interaction> newestFirst = new ArrayList<>(expected.history()).reversed();
            assertEquals(newestFirst, bulk.history(expected.customer().id(), 100));
        }
        assertEquals(interactions, sample.stream().mapToLong(c -> jedis.llen(prefix + "customer-history:"
                + c.customer().id())).sum());
    }

    @Test
    void anUnreachableRedisIsAnUncheckedIoExceptionNamingIt() {
        try (JedisPooled nowhere = new JedisPooled(new HostAndPort("127.0.0.1", 1),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(500).build())) {
            RedisCustomerDirectory down = new RedisCustomerDirectory(nowhere, PREFIX, "Redis at 127.0.0.1:1");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> down.findByPhone("+14155550101"));
            assertTrue(e.getMessage().contains("Redis at 127.0.0.1:1 unreachable"), e.getMessage());
            assertThrows(UncheckedIOException.class, () -> down.save(customer("x", "+14155550101")));
            assertThrows(UncheckedIOException.class, () -> down.saveAll(List.of()));
        }
    }
}

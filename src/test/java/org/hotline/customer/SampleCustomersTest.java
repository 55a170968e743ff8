package org.hotline.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SampleCustomersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<CustomerWithHistory> SAMPLE = SampleCustomers.sample(3000, CLOCK);

    @Test
    void customerIHasThePhoneOfTheDemoScheme() {
        assertEquals("+14155550000", SAMPLE.get(0).customer().phones().get(0));
        assertEquals("+14155550042", SAMPLE.get(42).customer().phones().get(0));
        assertEquals("+14155552999", SAMPLE.get(2999).customer().phones().get(0));
        assertEquals("S-00042", SAMPLE.get(42).customer().id());
        Set<String> phones = new HashSet<>();
        for (CustomerWithHistory c : SAMPLE) {
            for (String phone : c.customer().phones()) {
                assertTrue(phones.add(phone), "phone given twice: " + phone);
                assertEquals(phone, PhoneNumbers.normalise(phone, "US"), "stored normalised");
            }
        }
        assertTrue(SAMPLE.stream().anyMatch(c -> c.customer().phones().size() == 2
                && c.customer().phones().get(1).startsWith("+1628555")));
    }

    @Test
    void deterministicAndEachCustomerIndependentOfTheCount() {
        assertEquals(SAMPLE, SampleCustomers.sample(3000, CLOCK));
        assertEquals(SAMPLE.subList(0, 100), SampleCustomers.sample(100, CLOCK));
    }

    @Test
    void theMixIsTheOneTheDemoNeeds() {
        assertShare(0.07, 0.13, c -> c.customer().isVip());
        assertShare(0.25, 0.35, c -> !c.customer().openTickets().isEmpty());
        assertShare(0.10, 0.30, c -> c.customer().tickets().stream().anyMatch(t -> !t.isOpen()));
        assertShare(0.55, 0.65, c -> !c.history().isEmpty());
        assertShare(0.20, 0.30, c -> !c.customer().orders().isEmpty());
        assertShare(0.75, 0.85, c -> "en".equals(c.customer().language()));
        assertShare(0.07, 0.13, c -> "zh".equals(c.customer().language()));
        assertShare(0.07, 0.13, c -> "es".equals(c.customer().language()));
        assertTrue(SAMPLE.stream().allMatch(c -> c.customer().openTickets().size() <= 2));
        assertTrue(SAMPLE.stream().allMatch(c -> c.history().size() <= 6));
        Set<String> channels = new HashSet<>();
        SAMPLE.forEach(c -> c.history().forEach(h -> channels.add(h.channel())));
        assertEquals(Set.of("phone", "email", "chat", "web"), channels);
        Set<String> statuses = new HashSet<>();
        SAMPLE.forEach(c -> c.customer().orders().forEach(o -> statuses.add(o.status())));
        assertEquals(Set.of("processing", "shipped", "out for delivery", "delivered"), statuses);
    }

    @Test
    void historyLiesInTheLast30DaysOldestFirstWithUniqueIds() {
        for (CustomerWithHistory c : SAMPLE) {
            Set<String> ids = new HashSet<>();
            Instant previous = Instant.MIN;
            for (Interaction h : c.history()) {
                assertTrue(h.at().isBefore(NOW) && h.at().isAfter(NOW.minus(Duration.ofDays(30))), h.toString());
                assertTrue(!h.at().isBefore(previous), "oldest first");
                assertTrue(ids.add(h.id()), h.id());
                previous = h.at();
            }
        }
    }

    @Test
    void countIsBoundedByTheFourDigitScheme() {
        assertEquals(0, SampleCustomers.sample(0, CLOCK).size());
        assertEquals("+14155559999", SampleCustomers.phoneOf(9999));
        assertThrows(IllegalArgumentException.class, () -> SampleCustomers.sample(SampleCustomers.MAX_COUNT + 1, CLOCK));
        assertThrows(IllegalArgumentException.class, () -> SampleCustomers.sample(-1, CLOCK));
    }

    private static void assertShare(double low, double high, Predicate<CustomerWithHistory> which) {
        double share = SAMPLE.stream().filter(which).count() / (double) SAMPLE.size();
        assertTrue(share >= low && share <= high, "share " + share + " outside " + low + ".." + high);
    }
}

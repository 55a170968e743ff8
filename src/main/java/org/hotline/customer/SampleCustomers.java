package org.hotline.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated customers for the sandbox and the demo, so that a screen-pop shows real-looking data.
 *
 * <p><b>Phone scheme (the demo's callers rely on it):</b> customer {@code i} (0-based) has id
 * {@code S-%05d} of {@code i} and the US number {@code 415555} followed by {@code i} as four
 * digits ({@code %04d}), in E.164 {@code +1415555XXXX}: {@code sample(3000)} covers
 * {@code +14155550000} to {@code +14155552999}. About one in seven also has a second number
 * {@code +1628555XXXX} with the same four digits. Hence at most {@link #MAX_COUNT} customers.
 *
 * <p>Deterministic: customer {@code i} depends only on {@code i} and the clock (its history and
 * tickets are dated in the 30 and 60 days before {@code clock.instant()}), never on how many are
 * generated, so {@code sample(100)} is the first hundred of {@code sample(3000)}.
 *
 * <p>The mix: about 10% tier {@code vip}; about 30% with one or two open tickets and about 20%
 * with a closed one; about 60% with 1-6 interactions over phone, email, chat and web; about 25%
 * with orders ({@code processing}, {@code shipped}, {@code out for delivery}, {@code delivered});
 * about 80% language {@code en}, 10% {@code zh}, 10% {@code es}, with fitting names.
 */
public final class SampleCustomers {

    /** Four digits of the phone scheme. */
    public static final int MAX_COUNT = 10_000;

    private static final long SEED = 0x486F746C696E65L; // "Hotline"

    private static final String[] EN_FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
        "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Charles", "Karen", "Daniel", "Emily", "Matthew", "Olivia", "Anthony", "Amelia", "Mark", "Grace", "Aisha",
        "Priya", "Noah", "Liam", "Emma", "Sophia", "Ethan", "Hannah", "Kwame", "Fatima", "Omar", "Yuki"};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
        "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
        "Nelson", "Carter", "Mitchell", "Patel", "Khan", "Nguyen", "Kim", "O'Brien", "Okafor", "Tanaka"};
    private static final String[] ZH_FIRST = {"Wei", "Fang", "Jing", "Lei", "Min", "Yan", "Jun", "Hui", "Xiaoming",
        "Li", "Qiang", "Mei", "Hao", "Ying", "Tao", "Xin", "Yun", "Bo", "Lan", "Chen"};
    private static final String[] ZH_LAST = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
        "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"};
    private static final String[] ES_FIRST = {"Maria", "Jose", "Juan", "Ana", "Luis", "Carmen", "Carlos", "Lucia",
        "Miguel", "Sofia", "Javier", "Isabel", "Diego", "Valentina", "Alejandro", "Camila", "Pablo", "Elena", "Mateo",
        "Gabriela"};
    private static final String[] ES_LAST = {"Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
        "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Cruz", "Morales", "Reyes",
        "Ortiz", "Gutierrez", "Castillo"};

    private static final String[] OPEN_STATUS = {"open", "pending", "in progress", "waiting on customer"};
    private static final String[] CLOSED_STATUS = {"closed", "resolved"};
    private static final String[] TICKET_SUBJECTS = {"Refund not received", "Cannot log in to the app",
        "Damaged item on delivery", "Wrong size shipped", "Billing address change", "Double charge on card",
        "Router keeps disconnecting", "Cancel subscription", "Warranty claim", "Missing part in package",
        "Upgrade to premium plan", "Password reset email not arriving"};
    private static final String[] ORDER_STATUS = {"processing", "shipped", "out for delivery", "delivered"};
    private static final String[] CHANNELS = {"phone", "phone", "phone", "email", "chat", "web"};
    private static final String[] AGENTS = {"1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008"};
    private static final String[] DISPOSITIONS = {"resolved", "information-given", "order-placed",
        "follow-up-needed", "escalated"};
    private static final String[] SUMMARIES = {"Asked where the order is; gave the tracking link",
        "Refund status checked, due within 5 days", "Reset the password with the customer",
        "Changed the delivery address", "Explained the last invoice", "Booked a technician visit",
        "Complained about waiting time; apologised", "Asked about the premium plan",
        "Reported a damaged item; replacement sent", "Updated the card on file"};
    private static final String[] NOTES = {"Prefers email follow-ups", "Calls from work in the mornings",
        "Hard of hearing: speak slowly and clearly", "Long-time customer since 2015",
        "Asked not to be offered upgrades", "Business account, ask for the PO number"};

    private SampleCustomers() {
    }

    /**
     * The first {@code count} sample customers, with their histories.
     *
     * @throws IllegalArgumentException when {@code count} is negative or above {@link #MAX_COUNT}
     */
    public static List<CustomerWithHistory> sample(int count, Clock clock) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 0.." + MAX_COUNT + " (four digits of the phone "
                    + "scheme), not " + count);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<CustomerWithHistory> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            customers.add(customer(i, now));
        }
        return customers;
    }

    /** The phone of sample customer {@code i}, E.164: {@code +1415555} and {@code i} as four digits. */
    public static String phoneOf(int i) {
        return "+1415555" + String.format(Locale.ROOT, "%04d", i);
    }

    /** The id of sample customer {@code i}: {@code S-} and {@code i} as five digits. */
    public static String idOf(int i) {
        return "S-" + String.format(Locale.ROOT, "%05d", i);
    }

    private static CustomerWithHistory customer(int i, Instant now) {
        // One generator per customer, seeded from its index alone (mixed, so neighbours differ).
        Random random = new Random(SEED ^ (i * 0x9E3779B97F4A7C15L));
        double languageDraw = random.nextDouble();
        String language = languageDraw < 0.8 ? "en" : languageDraw < 0.9 ? "zh" : "es";
        String first = pick(random, language.equals("zh") ? ZH_FIRST : language.equals("es") ? ES_FIRST : EN_FIRST);
        String last = pick(random, language.equals("zh") ? ZH_LAST : language.equals("es") ? ES_LAST : EN_LAST);
        String name = language.equals("zh") ? last + " " + first : first + " " + last;

        List<String> phones = new ArrayList<>(2);
        phones.add(phoneOf(i));
        if (random.nextInt(7) == 0) {
            phones.add("+1628555" + String.format(Locale.ROOT, "%04d", i));
        }
        String email = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + i + "@example.com";
        String tier = random.nextInt(10) == 0 ? Customer.VIP : "standard";
        String account = "ACC-" + (100_000 + i);
        String notes = random.nextInt(5) == 0 ? pick(random, NOTES) : null;

        List<Ticket> tickets = tickets(i, random, now);
        List<Order> orders = orders(i, random);
        List<Interaction> history = history(i, random, now);
        Customer customer = new Customer(idOf(i), name, phones, email, language, tier, account, notes, tickets, orders);
        return new CustomerWithHistory(customer, history);
    }

    private static List<Ticket> tickets(int i, Random random, Instant now) {
        List<Ticket> tickets = new ArrayList<>();
        int open = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
        boolean closed = random.nextInt(5) == 0;
        int n = 0;
        if (closed) {
            tickets.add(new Ticket("T-" + i + "-" + ++n, pick(random, TICKET_SUBJECTS), pick(random, CLOSED_STATUS),
                    before(now, random, Duration.ofDays(60))));
        }
        for (int k = 0; k < open; k++) {
            tickets.add(new Ticket("T-" + i + "-" + ++n, pick(random, TICKET_SUBJECTS), pick(random, OPEN_STATUS),
                    before(now, random, Duration.ofDays(30))));
        }
        return tickets;
    }

    private static List<Order> orders(int i, Random random) {
        if (random.nextInt(4) != 0) {
            return List.of();
        }
        int count = 1 + random.nextInt(2);
        List<Order> orders = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            orders.add(new Order("O-" + (500_000 + 3 * i + k), pick(random, ORDER_STATUS)));
        }
        return orders;
    }

    private static List<Interaction> history(int i, Random random, Instant now) {
        if (random.nextInt(10) >= 6) {
            return List.of();
        }
        int count = 1 + random.nextInt(6);
        List<Interaction> history = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String channel = pick(random, CHANNELS);
            Instant at = before(now, random, Duration.ofDays(30));
            boolean live = channel.equals("phone") || channel.equals("chat");
            boolean abandoned = channel.equals("phone") && random.nextInt(8) == 0;
            String outcome = switch (channel) {
                case "phone" -> abandoned ? "abandoned" : "answered";
                case "email" -> "replied";
                case "chat" -> "answered";
                default -> "submitted";
            };
            String disposition = abandoned ? null : pick(random, DISPOSITIONS);
            Boolean resolved = abandoned ? null : !"follow-up-needed".equals(disposition) && !"escalated".equals(disposition);
            history.add(new Interaction("sample-" + i + "-" + k, at, channel, live ? "support" : null,
                    abandoned ? null : pick(random, AGENTS), outcome, disposition, resolved,
                    abandoned ? "Caller hung up while waiting" : pick(random, SUMMARIES)));
        }
        return history;
    }

    private static Instant before(Instant now, Random random, Duration span) {
        return now.minusSeconds(1 + (long) (random.nextDouble() * (span.toSeconds() - 1)));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}

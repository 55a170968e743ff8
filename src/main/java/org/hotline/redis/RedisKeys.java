package org.hotline.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Names of every key Hotline writes, and the 15-minute interval arithmetic of the KPI counters.
 * With the default prefix {@code hotline:}:
 *
 * <table>
 *   <caption>Redis keys</caption>
 *   <tr><th>key</th><th>type</th><th>content</th><th>expiry</th></tr>
 *   <tr><td>{@code hotline:call:{id}}</td><td>string</td>
 *       <td>the call record as JSON</td><td>call retention (35 days)</td></tr>
 *   <tr><td>{@code hotline:calls}</td><td>sorted set</td>
 *       <td>member call id, score arrival epoch ms; entries older than the call retention are
 *       trimmed on every append</td><td>none</td></tr>
 *   <tr><td>{@code hotline:counted:{id}}</td><td>string</td>
 *       <td>"1" once the call's KPI contribution was added: makes a retried append count once</td>
 *       <td>call retention</td></tr>
 *   <tr><td>{@code hotline:kpi:{queue}:{yyyyMMdd'T'HHmm}}</td><td>hash</td>
 *       <td>the queue's {@code KpiCounters} for the 15-minute interval starting then (UTC); one
 *       field per component name, HINCRBY for counts, HINCRBYFLOAT for seconds</td>
 *       <td>KPI retention (400 days) after its last write</td></tr>
 *   <tr><td>{@code hotline:kpi:queues}</td><td>set</td>
 *       <td>every queue that has counters</td><td>none</td></tr>
 *   <tr><td>{@code hotline:fcr:{customer}}</td><td>sorted set</td>
 *       <td>the customer's calls that count for first-contact resolution, member
 *       {@code id\nKPI hash key}, score arrival epoch ms; {@code customer} is {@code customer:ID}
 *       or {@code number:E164}</td><td>the FCR window plus a day after its last write</td></tr>
 *   <tr><td>{@code hotline:customer:{id}}</td><td>string</td>
 *       <td>the customer's profile as JSON</td><td>none</td></tr>
 *   <tr><td>{@code hotline:customer-phone:{number}}</td><td>string</td>
 *       <td>the id of the customer with that normalised phone number</td><td>none</td></tr>
 *   <tr><td>{@code hotline:customer-history:{id}}</td><td>list</td>
 *       <td>the customer's interactions as JSON, newest first, at most 200</td><td>none</td></tr>
 * </table>
 *
 * Queue names may contain {@code :}; the interval suffix has a fixed length so keys stay
 * unambiguous.
 */
public final class RedisKeys {

    /** Length of one KPI counter interval. */
    public static final long INTERVAL_SECONDS = 15 * 60;

    /** Upper bound on the intervals one {@code counters} read may cover: 366 days. */
    public static final int MAX_INTERVALS_PER_READ = 366 * 24 * 4;

    private static final DateTimeFormatter INTERVAL_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public String call(String id) {
        return prefix + "call:" + id;
    }

    public String callIndex() {
        return prefix + "calls";
    }

    public String counted(String id) {
        return prefix + "counted:" + id;
    }

    public String kpi(String queue, Instant intervalStart) {
        return prefix + "kpi:" + queue + ":" + INTERVAL_FORMAT.format(intervalStart);
    }

    /**
     * A customer's calls that count for first-contact resolution (sorted set, member
     * {@code id\nKPI hash key}, score arrival epoch ms), kept for the FCR window plus a day;
     * {@code customer} is {@code customer:ID} or {@code number:E164}.
     */
    public String fcrContacts(String customer) {
        return prefix + "fcr:" + customer;
    }

    public String kpiQueues() {
        return prefix + "kpi:queues";
    }

    /** The customer's profile as JSON; see {@link RedisCustomerDirectory}. */
    public String customer(String id) {
        return customerPrefix() + id;
    }

    /** Every {@link #customer} key starts with this (scripts that look up the id append it). */
    public String customerPrefix() {
        return prefix + "customer:";
    }

    /** The id of the customer who has the (normalised) phone {@code number}. */
    public String customerPhone(String number) {
        return customerPhonePrefix() + number;
    }

    /** Every {@link #customerPhone} key starts with this. */
    public String customerPhonePrefix() {
        return prefix + "customer-phone:";
    }

    /** The customer's interactions as JSON, newest first. */
    public String customerHistory(String id) {
        return customerHistoryPrefix() + id;
    }

    /** Every {@link #customerHistory} key starts with this. */
    public String customerHistoryPrefix() {
        return prefix + "customer-history:";
    }

    /** The start of the 15-minute interval (UTC, aligned to the hour) that contains {@code t}. */
    public static Instant intervalStart(Instant t) {
        return org.hotline.metrics.KpiService.intervalStart(t); // one definition of the 15-minute grid
    }

    /**
     * Every interval start in [from, to), oldest first: the first is {@code from} rounded up to
     * a 15-minute boundary.
     *
     * @throws IllegalArgumentException when the range covers more than {@link #MAX_INTERVALS_PER_READ}
     */
    public static List<Instant> intervalStarts(Instant from, Instant to) {
        Instant first = intervalStart(from);
        if (first.isBefore(from)) {
            first = first.plusSeconds(INTERVAL_SECONDS);
        }
        if (!first.isBefore(to)) {
            return List.of();
        }
        Duration span = Duration.between(first, to);
        long count = span.getSeconds() / INTERVAL_SECONDS
                + (span.getSeconds() % INTERVAL_SECONDS != 0 || span.getNano() != 0 ? 1 : 0);
        if (count > MAX_INTERVALS_PER_READ) {
            throw new IllegalArgumentException("a counters read covers at most " + MAX_INTERVALS_PER_READ
                    + " intervals (366 days), not " + count + " (" + from + " to " + to + ")");
        }
        List<Instant> starts = new ArrayList<>((int) count);
        for (Instant s = first; s.isBefore(to); s = s.plusSeconds(INTERVAL_SECONDS)) {
            starts.add(s);
        }
        return starts;
    }
}

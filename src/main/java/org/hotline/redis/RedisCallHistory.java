package org.hotline.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.json.Json;
import org.hotline.metrics.KpiCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link CallHistory} in Redis; the keys are listed on {@link RedisKeys}.
 *
 * <p>Writes: {@link #append} validates and serialises the record on the caller's thread, then
 * queues it for the single {@link RedisWriter} thread, which stores record, index entry and KPI
 * counters atomically with {@link AppendScript} and retries with backoff while Redis is away. A
 * call is counted once however often its write is retried. {@link #close()} drains the queue for
 * {@link RedisOptions#drainTimeout()}.
 *
 * <p>Reads go straight to Redis on the calling thread (callers keep them off event loops). When
 * Redis is unreachable they throw {@link UncheckedIOException} naming the address; a read on a
 * connection that broke since its last use (Redis restarted) is retried once.
 *
 * <p>Starting while Redis is down is fine: nothing connects until the first command.
 */
public final class RedisCallHistory implements CallHistory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCallHistory.class);

    private final RedisOptions options;
    private final RedisKeys keys;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();
    private final JedisPooled jedis;
    private final RedisWriter writer;

    private RedisCallHistory(RedisOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new RedisKeys(options.keyPrefix());
        this.jedis = new JedisPooled(new HostAndPort(options.host(), options.port()), clientConfig(options),
                poolConfig(options));
        this.writer = new RedisWriter(options.address(), a -> AppendScript.run(jedis, a),
                new RetryBackoff(options.retryInitialDelay(), options.retryMaxDelay()),
                options.drainTimeout(), clock);
    }

    /** Creates the store and starts its writer thread. */
    public static RedisCallHistory open(RedisOptions options) {
        return open(options, Clock.systemUTC());
    }

    /** As {@link #open(RedisOptions)}; {@code clock} decides when index entries expire. */
    public static RedisCallHistory open(RedisOptions options, Clock clock) {
        RedisCallHistory history = new RedisCallHistory(options, clock);
        history.writer.start();
        LOG.info("call history in Redis at {} (prefix '{}')", options.address(), options.keyPrefix());
        return history;
    }

    public RedisOptions options() {
        return options;
    }

    public RedisKeys keys() {
        return keys;
    }

    /**
     * Accepts the record for writing and returns at once.
     *
     * @throws IllegalArgumentException when the contribution holds NaN or infinite seconds
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public void append(CallRecord record, KpiCounters contribution) {
        Objects.requireNonNull(contribution, "contribution");
        writer.submit(AppendScript.prepare(keys, options, record, json(record), contribution, clock.instant()));
    }

    @Override
    public void amend(CallRecord record, KpiCounters extra, String part) {
        writer.submit(AppendScript.prepare(keys, options, record, json(record), extra, clock.instant(),
                keys.counted(record.id() + ":" + part)));
    }

    private String json(CallRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("call " + record.id() + " cannot be written as JSON", e);
        }
    }

    @Override
    public List<CallRecord> since(Instant from, int max) {
        return read(() -> {
            List<String> ids = jedis.zrangeByScore(keys.callIndex(), from.toEpochMilli(), Double.POSITIVE_INFINITY,
                    0, max);
            return records(ids);
        });
    }

    private List<CallRecord> records(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> texts = jedis.mget(ids.stream().map(keys::call).toArray(String[]::new));
        List<CallRecord> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            // null: the record expired before the index was trimmed; skip it.
            if (texts.get(i) != null) {
                parse(ids.get(i), texts.get(i)).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public List<CallRecord> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return read(() -> records(jedis.zrevrange(keys.callIndex(), 0, limit - 1L)));
    }

    @Override
    public Optional<CallRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        String text = read(() -> jedis.get(keys.call(id)));
        return text == null ? Optional.empty() : parse(id, text);
    }

    /** One pipelined round trip: HGETALL of every interval hash whose start lies in [from, to). */
    @Override
    public KpiCounters counters(String queue, Instant from, Instant to) {
        return intervals(queue, from, to).values().stream().reduce(KpiCounters.ZERO, KpiCounters::plus);
    }

    /** One pipelined round trip, keeping the intervals apart. */
    @Override
    public java.util.SortedMap<Instant, KpiCounters> intervals(String queue, Instant from, Instant to) {
        Objects.requireNonNull(queue, "queue");
        List<Instant> starts = RedisKeys.intervalStarts(from, to);
        java.util.SortedMap<Instant, KpiCounters> out = new java.util.TreeMap<>();
        if (starts.isEmpty()) {
            return out;
        }
        return read(() -> {
            List<Response<Map<String, String>>> replies = new ArrayList<>(starts.size());
            try (Pipeline p = jedis.pipelined()) {
                for (Instant s : starts) {
                    replies.add(p.hgetAll(keys.kpi(queue, s)));
                }
                p.sync();
            }
            for (int i = 0; i < starts.size(); i++) {
                Map<String, String> hash = replies.get(i).get();
                if (!hash.isEmpty()) {
                    out.put(starts.get(i), KpiHash.fromHash(hash));
                }
            }
            return out;
        });
    }

    /** Write attempts that failed since start, retries included. */
    public long writeFailures() {
        return writer.failures();
    }

    /** Accepted records not yet stored in Redis. */
    public int pendingWrites() {
        return writer.pending();
    }

    /** Asks Redis now (PING, bounded by the timeouts); false when it does not answer PONG. */
    public boolean isConnected() {
        try {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    /** What {@code /healthz} shows for Redis: up, and one line of detail. */
    public record Health(boolean up, String detail) {
    }

    /**
     * Up when Redis answers PING and the writer's last attempt succeeded. Detail e.g.
     * {@code connected to 127.0.0.1:6379, 0 writes pending} or {@code writes to 127.0.0.1:6379
     * failing since 2026-11-23T10:00:01Z (JedisConnectionException: ...), 12 writes pending}.
     */
    public Health health() {
        Instant since = writer.failingSince();
        String pending = writer.pending() + " writes pending";
        if (since != null) {
            return new Health(false, "writes to " + options.address() + " failing since " + since + " ("
                    + writer.lastFailure() + "), " + pending);
        }
        boolean connected = isConnected();
        return new Health(connected, (connected ? "connected to " : "not reachable at ") + options.address() + ", " + pending);
    }

    /** {@link #health()}'s detail line. */
    public String healthDetail() {
        return health().detail();
    }

    /** Drains queued writes for up to the drain timeout, then closes the connections. */
    @Override
    public void close() {
        writer.close();
        jedis.close();
    }

    private Optional<CallRecord> parse(String id, String text) {
        try {
            return Optional.of(json.readValue(text, CallRecord.class));
        } catch (JsonProcessingException e) {
            LOG.warn("call record {} in Redis is not readable, skipped: {}", id, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private <T> T read(Supplier<T> command) {
        try {
            try {
                return command.get();
            } catch (JedisConnectionException firstTry) {
                return command.get();
            }
        } catch (JedisException e) {
            throw new UncheckedIOException(new IOException(
                    "Redis at " + options.address() + " unavailable: " + RedisWriter.describe(e), e));
        }
    }

    private static DefaultJedisClientConfig clientConfig(RedisOptions o) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) o.connectTimeout().toMillis())
                .socketTimeoutMillis((int) o.socketTimeout().toMillis())
                .password(o.password())
                .database(o.database())
                .clientName("hotline")
                .build();
    }

    private static ConnectionPoolConfig poolConfig(RedisOptions o) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(16);
        pool.setMaxIdle(8);
        pool.setMinIdle(0);
        // Never wait forever for a pooled connection (the pool's default).
        pool.setMaxWait(o.connectTimeout().plus(o.socketTimeout()));
        pool.setBlockWhenExhausted(true);
        return pool;
    }
}

package org.hotline.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hotline.call.CallRecord;
import org.hotline.json.Json;
import org.hotline.metrics.KpiCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The read side of the call history: records by id, the newest, those since a time, and the KPI
 * counters per 15-minute interval. A read on a connection that broke since its last use (Redis
 * restarted) is retried once; Redis away surfaces as {@link UncheckedIOException} naming it.
 */
final class RedisCallReader {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCallReader.class);

    private final JedisPooled jedis;
    private final RedisKeys keys;
    private final RedisOptions options;
    private final ObjectMapper json = Json.newMapper();

    RedisCallReader(JedisPooled jedis, RedisKeys keys, RedisOptions options) {
        this.jedis = jedis;
        this.keys = keys;
        this.options = options;
    }

    List<CallRecord> since(Instant from, int max) {
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

    List<CallRecord> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return read(() -> records(jedis.zrevrange(keys.callIndex(), 0, limit - 1L)));
    }

    Optional<CallRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        String text = read(() -> jedis.get(keys.call(id)));
        return text == null ? Optional.empty() : parse(id, text);
    }

    /** One pipelined round trip: HGETALL of every interval hash whose start lies in [from, to). */
    KpiCounters counters(String queue, Instant from, Instant to) {
        return intervals(queue, from, to).values().stream().reduce(KpiCounters.ZERO, KpiCounters::plus);
    }

    /** One pipelined round trip, keeping the intervals apart. */
    java.util.SortedMap<Instant, KpiCounters> intervals(String queue, Instant from, Instant to) {
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
}

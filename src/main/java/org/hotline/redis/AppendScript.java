package org.hotline.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiCounters;
import redis.clients.jedis.UnifiedJedis;

/**
 * Writes one call record, its index entry and its KPI counters in one Lua script, which Redis
 * runs atomically: no reader sees the record without its counters or the other way round.
 *
 * <p>Why a script rather than MULTI/EXEC: a retry after a lost reply (Redis ran the write, then
 * the connection broke before the answer came back) must not count the call twice. The script
 * adds the counters only if {@code SET counted:{id} NX} succeeds, so running the same append any
 * number of times counts it once; the record and index writes are idempotent anyway. A later
 * append of the same call id replaces the record but never adds counters again; an append whose
 * contribution is {@link KpiCounters#ZERO} sets no guard, so a call first stored with zero
 * contribution is still counted by its next append.
 */
final class AppendScript {

    /** A prepared append: everything the script needs, fixed when {@code append} accepted it. */
    record PendingAppend(String callId, String json, List<String> keys, List<String> args) {
        PendingAppend {
            keys = List.copyOf(keys);
            args = List.copyOf(args);
        }
    }

    // KEYS: 1 record, 2 index, 3 counted guard, 4 KPI interval hash, 5 KPI queue set
    // ARGV: 1 json, 2 index score, 3 id, 4 record ttl s, 5 index cutoff score, 6 KPI ttl s,
    //       7 queue, then triples from 8: kind ('i' HINCRBY, 'f' HINCRBYFLOAT), field, amount
    static final String LUA = """
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
            if #ARGV < 8 then
              return 0
            end
            if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[4]) then
              return 0
            end
            for i = 8, #ARGV, 3 do
              if ARGV[i] == 'f' then
                redis.call('HINCRBYFLOAT', KEYS[4], ARGV[i + 1], ARGV[i + 2])
              else
                redis.call('HINCRBY', KEYS[4], ARGV[i + 1], ARGV[i + 2])
              end
            end
            redis.call('EXPIRE', KEYS[4], ARGV[6])
            redis.call('SADD', KEYS[5], ARGV[7])
            return 1
            """;

    private AppendScript() {
    }

    /**
     * Fixes everything the write needs now, on the caller's thread, so that a bad contribution
     * fails the caller rather than blocking the writer.
     */
    static PendingAppend prepare(RedisKeys keys, RedisOptions options, CallRecord record, String json,
                                 KpiCounters contribution, Instant now) {
        return prepare(keys, options, record, json, contribution, now, keys.counted(record.id()));
    }

    /**
     * As above, with the guard key that makes the counting happen once: an amendment of a stored
     * call (its wrap-up, say) counts its extra counters under a guard of its own.
     */
    static PendingAppend prepare(RedisKeys keys, RedisOptions options, CallRecord record, String json,
                                 KpiCounters contribution, Instant now, String guardKey) {
        List<KpiHash.Increment> increments = KpiHash.increments(contribution);
        List<String> k = List.of(
                keys.call(record.id()),
                keys.callIndex(),
                guardKey,
                keys.kpi(record.queue(), RedisKeys.intervalStart(record.arrivedAt())),
                keys.kpiQueues());
        List<String> a = new ArrayList<>(7 + 3 * increments.size());
        a.add(json);
        a.add(Long.toString(record.arrivedAt().toEpochMilli()));
        a.add(record.id());
        a.add(Long.toString(options.callRetention().toSeconds()));
        a.add(Long.toString(now.minus(options.callRetention()).toEpochMilli()));
        a.add(Long.toString(options.kpiRetention().toSeconds()));
        a.add(record.queue());
        for (KpiHash.Increment inc : increments) {
            a.add(inc.fractional() ? "f" : "i");
            a.add(inc.field());
            a.add(inc.amount());
        }
        return new PendingAppend(record.id(), json, k, a);
    }

    /**
     * Runs the prepared append; throws whatever Jedis throws when Redis is away or refuses.
     *
     * @return true when this run added the counters, false when they were already counted (or
     *         there were none)
     */
    static boolean run(UnifiedJedis jedis, PendingAppend append) {
        Object reply = jedis.eval(LUA, append.keys(), append.args());
        return reply instanceof Long l && l == 1L;
    }
}

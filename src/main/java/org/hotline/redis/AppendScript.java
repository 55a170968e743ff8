package org.hotline.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline.call.CallRecord;
import org.hotline.metrics.FirstContactRule;
import org.hotline.metrics.KpiCounters;
import redis.clients.jedis.UnifiedJedis;

/**
 * Writes one call record, its index entry and its KPI counters in one Lua script, which Redis
 * runs atomically: no reader sees the record without its counters or the other way round.
 *
 * <p>Why a script rather than MULTI/EXEC: a retry after a lost reply (Redis ran the write, then
 * the connection broke before the answer came back) must not count the call twice. The script
 * adds the counters only if the guard key {@code counted:{id}} does not exist, and sets the guard
 * in the same run, so running the same append any number of times (a retry, a replay of the
 * journal after a crash) counts it once; the record and index writes are idempotent anyway. A
 * later append of the same call id replaces the record but never adds counters again; an append
 * whose contribution is {@link KpiCounters#ZERO} sets no guard, so a call first stored with zero
 * contribution is still counted by its next append.
 *
 * <p>Why the checks come first and the guard last. Redis does not roll a script back: whatever a
 * script wrote before a command failed stays written. With the guard set first, a counter command
 * failing after it left the call counted never (the guard stops every retry); with the guard set
 * last, the same failure would leave some counters added and no guard, and the retry would add
 * them again. So the script makes a failure part-way impossible instead of choosing which way it
 * goes wrong: before writing anything it checks every key it will write (TYPE must be
 * {@code string} or {@code none} for the record and the guard, {@code zset}/{@code none} for the
 * index, {@code hash}/{@code none} for the KPI hash, {@code set}/{@code none} for the queue set)
 * and that every counter field it will increment holds a number, and answers an error naming the
 * key when one does not. What remains cannot fail half-way: an out-of-memory refusal comes at the
 * first write (Redis lets a script that has written finish, to keep it atomic), and a crash of
 * Redis mid-script persists nothing of it (AOF and replicas receive a script's effects as one
 * transaction). The guard is set last, with the counters, so "guard set" always means "counters
 * added". A refused append (wrong key type) is therefore safe to dead-letter and to run again
 * after an operator fixed the key.
 *
 * <p>First-contact resolution rides on the same guard: an eligible call is put in its customer's
 * contacts and matched against its neighbours there only in the run that adds its counters, so a
 * retry or replay matches nothing twice. The previous call's KPI hash, where a repeat is counted,
 * is named by the contacts' member and so known only inside the script (a key not in KEYS: fine on
 * one Redis; a Cluster would need the keys under one hash tag). It is checked with the others
 * before anything is written.
 */
final class AppendScript {

    /** A prepared append: everything the script needs, fixed when {@code append} accepted it. */
    record PendingAppend(String callId, String json, List<String> keys, List<String> args) {
        PendingAppend {
            keys = List.copyOf(keys);
            args = List.copyOf(args);
        }
    }

    // KEYS: 1 record, 2 index, 3 counted guard, 4 KPI interval hash, 5 KPI queue set,
    //       6 the customer's FCR contacts (only with FCR; otherwise the name is unused)
    // ARGV: 1 json, 2 index score, 3 id, 4 record ttl s, 5 index cutoff score, 6 KPI ttl s,
    //       7 queue, 8 FCR window ms ('' when the call does not count for FCR), 9 FCR member,
    //       10 FCR contacts ttl s, 11 FCR contacts trim cutoff score,
    //       then triples from 12: kind ('i' HINCRBY, 'f' HINCRBYFLOAT), field, amount
    static final String LUA = """
            local counting = #ARGV >= 12
            local fcr = counting and ARGV[8] ~= ''
            local wants = {{KEYS[1], 'string'}, {KEYS[2], 'zset'}}
            if counting then
              wants[3] = {KEYS[3], 'string'}
              wants[4] = {KEYS[4], 'hash'}
              wants[5] = {KEYS[5], 'set'}
            end
            if fcr then
              wants[6] = {KEYS[6], 'zset'}
            end
            for _, want in ipairs(wants) do
              local t = redis.call('TYPE', want[1])['ok']
              if t ~= 'none' and t ~= want[2] then
                return redis.error_reply('WRONGTYPE key ' .. want[1] .. ' holds a ' .. t .. ', not a ' .. want[2])
              end
            end
            local function notInteger(key, field)
              local current = redis.call('HGET', key, field)
              return current and not string.match(current, '^-?%d+$')
            end
            local count = counting and redis.call('EXISTS', KEYS[3]) == 0
            if count then
              for i = 12, #ARGV, 3 do
                local current = redis.call('HGET', KEYS[4], ARGV[i + 1])
                if current and (tonumber(current) == nil
                    or (ARGV[i] == 'i' and not string.match(current, '^-?%d+$'))) then
                  return redis.error_reply('WRONGTYPE field ' .. ARGV[i + 1] .. ' of key ' .. KEYS[4]
                      .. ' holds ' .. current .. ', not ' .. (ARGV[i] == 'i' and 'an integer' or 'a number'))
                end
              end
            end
            -- First-contact resolution, read before anything is written. The customer's contacts
            -- are ordered by arrival (then member); this call's neighbours there are its previous
            -- and next contact. This call is repeated when the next one came within the window;
            -- the previous one becomes repeated by this call unless its old next one already made
            -- it so. Each call turns repeated at most once, so each is counted once.
            local repeatedNow, previousHash = false, nil
            if count and fcr and redis.call('ZSCORE', KEYS[6], ARGV[9]) == false then
              local at, window = tonumber(ARGV[2]), tonumber(ARGV[8])
              local rank = redis.call('ZCOUNT', KEYS[6], '-inf', '(' .. ARGV[2])
              for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[6], ARGV[2], ARGV[2])) do
                if m < ARGV[9] then
                  rank = rank + 1
                end
              end
              local before = rank > 0 and redis.call('ZRANGE', KEYS[6], rank - 1, rank - 1, 'WITHSCORES') or {}
              local after = redis.call('ZRANGE', KEYS[6], rank, rank, 'WITHSCORES')
              repeatedNow = after[1] ~= nil and tonumber(after[2]) - at <= window
              if before[1] ~= nil and at - tonumber(before[2]) <= window
                  and not (after[1] ~= nil and tonumber(after[2]) - tonumber(before[2]) <= window) then
                previousHash = string.sub(before[1], string.find(before[1], '\\n', 1, true) + 1)
                local t = redis.call('TYPE', previousHash)['ok']
                if t ~= 'none' and t ~= 'hash' then
                  return redis.error_reply('WRONGTYPE key ' .. previousHash .. ' holds a ' .. t .. ', not a hash')
                end
                if notInteger(previousHash, 'fcrRepeated') then
                  return redis.error_reply('WRONGTYPE field fcrRepeated of key ' .. previousHash
                      .. ' holds ' .. redis.call('HGET', previousHash, 'fcrRepeated') .. ', not an integer')
                end
              end
              if repeatedNow and notInteger(KEYS[4], 'fcrRepeated') then
                return redis.error_reply('WRONGTYPE field fcrRepeated of key ' .. KEYS[4]
                    .. ' holds ' .. redis.call('HGET', KEYS[4], 'fcrRepeated') .. ', not an integer')
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
            if not count then
              return 0
            end
            for i = 12, #ARGV, 3 do
              if ARGV[i] == 'f' then
                redis.call('HINCRBYFLOAT', KEYS[4], ARGV[i + 1], ARGV[i + 2])
              else
                redis.call('HINCRBY', KEYS[4], ARGV[i + 1], ARGV[i + 2])
              end
            end
            if fcr then
              redis.call('ZADD', KEYS[6], ARGV[2], ARGV[9])
              redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. ARGV[11])
              redis.call('EXPIRE', KEYS[6], ARGV[10])
              if repeatedNow then
                redis.call('HINCRBY', KEYS[4], 'fcrRepeated', 1)
              end
              if previousHash then
                redis.call('HINCRBY', previousHash, 'fcrRepeated', 1)
                redis.call('EXPIRE', previousHash, ARGV[6])
              end
            end
            redis.call('EXPIRE', KEYS[4], ARGV[6])
            redis.call('SADD', KEYS[5], ARGV[7])
            redis.call('SET', KEYS[3], '1', 'EX', ARGV[4])
            return 1
            """;

    /**
     * How long a customer's contacts are kept for matching, beyond the window: a call stored late
     * (records are stored when a call ends, and a replay after a crash stores them later still)
     * must still find the contacts around its arrival. One day is far beyond any call's length.
     */
    static final Duration FCR_LATE_STORE_MARGIN = Duration.ofDays(1);

    private AppendScript() {
    }

    /**
     * Fixes everything the write needs now, on the caller's thread, so that a bad contribution
     * fails the caller rather than blocking the writer.
     */
    static PendingAppend prepare(RedisKeys keys, RedisOptions options, CallRecord record, String json,
                                 KpiCounters contribution, Instant now) {
        return prepare(keys, options, record, json, contribution, now, keys.counted(record.id()), null);
    }

    /**
     * As above, with the guard key that makes the counting happen once: an amendment of a stored
     * call (its wrap-up, say) counts its extra counters under a guard of its own. With
     * {@code firstContact} non-null (a call's first storing, not an amendment) an eligible call is
     * matched against the customer's other contacts for first-contact resolution.
     */
    static PendingAppend prepare(RedisKeys keys, RedisOptions options, CallRecord record, String json,
                                 KpiCounters contribution, Instant now, String guardKey,
                                 FirstContactRule firstContact) {
        List<KpiHash.Increment> increments = KpiHash.increments(contribution);
        String kpiKey = keys.kpi(record.queue(), RedisKeys.intervalStart(record.arrivedAt()));
        // The member names the call and its KPI hash, so that a later repeat finds where to count
        // it; ids are Asterisk unique ids, never holding a newline.
        Optional<String> customer = firstContact == null || record.id().contains("\n")
                ? Optional.empty() : firstContact.customerOf(record);
        List<String> k = List.of(
                keys.call(record.id()),
                keys.callIndex(),
                guardKey,
                kpiKey,
                keys.kpiQueues(),
                keys.fcrContacts(customer.orElse("-")));
        List<String> a = new ArrayList<>(11 + 3 * increments.size());
        a.add(json);
        a.add(Long.toString(record.arrivedAt().toEpochMilli()));
        a.add(record.id());
        a.add(Long.toString(options.callRetention().toSeconds()));
        a.add(Long.toString(now.minus(options.callRetention()).toEpochMilli()));
        a.add(Long.toString(options.kpiRetention().toSeconds()));
        a.add(record.queue());
        if (customer.isPresent()) {
            Duration kept = firstContact.window().plus(FCR_LATE_STORE_MARGIN);
            a.add(Long.toString(firstContact.window().toMillis()));
            a.add(record.id() + "\n" + kpiKey);
            a.add(Long.toString(kept.toSeconds()));
            a.add(Long.toString(record.arrivedAt().minus(kept).toEpochMilli()));
        } else {
            a.addAll(List.of("", "", "", ""));
        }
        for (KpiHash.Increment inc : increments) {
            a.add(inc.fractional() ? "f" : "i");
            a.add(inc.field());
            a.add(inc.amount());
        }
        return new PendingAppend(record.id(), json, k, a);
    }

    /**
     * Runs the prepared append with EVAL (not EVALSHA: no NOSCRIPT case after a Redis restart);
     * throws whatever Jedis throws when Redis is away ({@code JedisConnectionException}) or
     * refuses ({@code JedisDataException}, e.g. {@code WRONGTYPE key ... holds a string, not a hash}).
     *
     * @return true when this run added the counters, false when they were already counted (or
     *         there were none)
     */
    static boolean run(UnifiedJedis jedis, PendingAppend append) {
        Object reply = jedis.eval(LUA, append.keys(), append.args());
        return reply instanceof Long l && l == 1L;
    }
}

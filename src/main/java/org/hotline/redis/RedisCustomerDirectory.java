package org.hotline.redis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.CustomerWithHistory;
import org.hotline.customer.Interaction;
import org.hotline.customer.Ticket;
import org.hotline.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link CustomerDirectory} in Redis, the default store of customers. Keys, with the default
 * prefix {@code hotline:} (see {@link RedisKeys}):
 *
 * <table>
 *   <caption>Customer keys</caption>
 *   <tr><th>key</th><th>type</th><th>content</th></tr>
 *   <tr><td>{@code hotline:customer:{id}}</td><td>string</td>
 *       <td>the {@link Customer} as JSON ({@link Json}'s conventions)</td></tr>
 *   <tr><td>{@code hotline:customer-phone:{number}}</td><td>string</td>
 *       <td>the id of the customer with that normalised phone number</td></tr>
 *   <tr><td>{@code hotline:customer-history:{id}}</td><td>list</td>
 *       <td>{@link Interaction}s as JSON, newest first, at most {@value #HISTORY_CAP}</td></tr>
 * </table>
 * Nothing expires: customers stay until they are replaced.
 *
 * <p>Every operation is one Lua script, so each is atomic and one round trip: a lookup by phone
 * reads the index, the profile and the {@value CustomerView#RECENT} newest interactions together.
 * The lookup scripts build the customer keys from the id they read, so they run on one Redis
 * (or a Sentinel-managed primary), not on a Cluster.
 *
 * <p>The phone index follows the profile: {@link #save} removes the entries of numbers the
 * customer no longer has (only those still pointing at this customer) and points the new ones
 * at it. A number saved for a second customer moves to them: the latest save wins.
 *
 * <p>Every script may run twice with the same effect ({@link #record} replaces by interaction
 * id), so an operation is retried once when its connection turns out to be broken (Redis was
 * restarted since the pooled connection was last used). Failures of Redis surface as
 * {@link UncheckedIOException}; the pool, timeouts and closing belong to whoever passes in the
 * {@link UnifiedJedis}.
 */
public final class RedisCustomerDirectory implements CustomerDirectory {

    /** Interactions kept per customer; older ones are trimmed as new ones arrive. */
    public static final int HISTORY_CAP = 200;

    private static final Logger LOG = LoggerFactory.getLogger(RedisCustomerDirectory.class);
    private static final int BULK_CHUNK = 500;

    // KEYS: 1 phone index entry. ARGV: 1 customer key prefix, 2 history key prefix, 3 how many
    // recent interactions. Returns nil, or {profile JSON, {interaction JSON, ...}}.
    private static final Script FIND_BY_PHONE = new Script("""
            local id = redis.call('GET', KEYS[1])
            if not id then return nil end
            local profile = redis.call('GET', ARGV[1] .. id)
            if not profile then return nil end
            return {profile, redis.call('LRANGE', ARGV[2] .. id, 0, tonumber(ARGV[3]) - 1)}
            """);

    // KEYS: 1 profile, 2 history. ARGV: 1 how many recent interactions. As FIND_BY_PHONE.
    private static final Script FIND_BY_ID = new Script("""
            local profile = redis.call('GET', KEYS[1])
            if not profile then return nil end
            return {profile, redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)}
            """);

    // KEYS: 1 profile. ARGV: 1 profile JSON, 2 id, 3 phone key prefix, 4.. the new phones.
    // The old phones are read from the stored profile itself, so no second index can drift.
    private static final Script SAVE = new Script("""
            local id = ARGV[2]
            local keep = {}
            for i = 4, #ARGV do keep[ARGV[i]] = true end
            local old = redis.call('GET', KEYS[1])
            if old then
              local ok, decoded = pcall(cjson.decode, old)
              if ok and type(decoded) == 'table' and type(decoded.phones) == 'table' then
                for _, phone in ipairs(decoded.phones) do
                  if type(phone) == 'string' and not keep[phone] then
                    local key = ARGV[3] .. phone
                    if redis.call('GET', key) == id then redis.call('DEL', key) end
                  end
                end
              end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            for i = 4, #ARGV do redis.call('SET', ARGV[3] .. ARGV[i], id) end
            return 1
            """);

    // KEYS: 1 profile, 2 history. ARGV: 1 interaction id, 2 interaction JSON, 3 cap.
    // Returns -1 when there is no such customer, 0 when an entry was replaced, 1 when added.
    private static final Script RECORD = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            local entries = redis.call('LRANGE', KEYS[2], 0, -1)
            for i, entry in ipairs(entries) do
              local ok, decoded = pcall(cjson.decode, entry)
              if ok and type(decoded) == 'table' and decoded.id == ARGV[1] then
                redis.call('LSET', KEYS[2], i - 1, ARGV[2])
                return 0
              end
            end
            redis.call('LPUSH', KEYS[2], ARGV[2])
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
            return 1
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final String where;
    // Stored JSON holds the records' components only: derived flags (Customer.isVip,
    // Ticket.isOpen) are recomputed on reading, so they cannot go stale in Redis.
    private final ObjectMapper json = Json.newMapper()
            .addMixIn(Customer.class, WithoutVip.class)
            .addMixIn(Ticket.class, WithoutOpen.class);

    @JsonIgnoreProperties({"vip"})
    private interface WithoutVip {
    }

    @JsonIgnoreProperties({"open"})
    private interface WithoutOpen {
    }

    /** A directory on {@code jedis} under {@code keyPrefix} (e.g. {@code hotline:}). */
    public RedisCustomerDirectory(UnifiedJedis jedis, String keyPrefix) {
        this(jedis, keyPrefix, "Redis");
    }

    /**
     * As {@link #RedisCustomerDirectory(UnifiedJedis, String)}; {@code where} names the server in
     * error messages, e.g. {@code Redis at 127.0.0.1:6379}.
     */
    public RedisCustomerDirectory(UnifiedJedis jedis, String keyPrefix, String where) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(keyPrefix);
        this.where = Objects.requireNonNull(where, "where");
    }

    @Override
    public Optional<CustomerView> findByPhone(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        Object reply = run(FIND_BY_PHONE, List.of(keys.customerPhone(number)),
                List.of(keys.customerPrefix(), keys.customerHistoryPrefix(), Integer.toString(CustomerView.RECENT)));
        return view(reply, "phone " + number);
    }

    @Override
    public Optional<CustomerView> find(String id) {
        Objects.requireNonNull(id, "id");
        Object reply = run(FIND_BY_ID, List.of(keys.customer(id), keys.customerHistory(id)),
                List.of(Integer.toString(CustomerView.RECENT)));
        return view(reply, "id " + id);
    }

    @Override
    public void save(Customer customer) {
        Script.Call call = saveCall(customer);
        run(SAVE, call.keys(), call.args());
    }

    /**
     * @throws NoSuchElementException when no customer has {@code customerId}
     */
    @Override
    public void record(String customerId, Interaction interaction) {
        Script.Call call = recordCall(customerId, interaction);
        Object reply = run(RECORD, call.keys(), call.args());
        if (reply instanceof Long result && result < 0) {
            throw new NoSuchElementException("no customer with id " + customerId);
        }
    }

    @Override
    public List<Interaction> history(String customerId, int limit) {
        Objects.requireNonNull(customerId, "customerId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<String> entries = retried(() -> jedis.lrange(keys.customerHistory(customerId), 0, limit - 1L));
        return interactions(entries, customerId);
    }

    /**
     * Saves every customer as {@link #save} does and records their history as {@link #record}
     * does, pipelined in chunks: the bulk path of the importer (thousands of customers a second
     * rather than one round trip each). Each customer's scripts run in order, so their history
     * finds them saved; customers are not saved all-or-nothing.
     *
     * @return how many interactions were added or replaced
     */
    @Override
    public int saveAll(List<CustomerWithHistory> customers) {
        List<Script.Call> calls = new ArrayList<>();
        for (CustomerWithHistory c : customers) {
            calls.add(saveCall(c.customer()));
            for (Interaction interaction : c.history()) {
                calls.add(recordCall(c.customer().id(), interaction));
            }
        }
        retried(() -> {
            // Load once so that every pipelined EVALSHA finds its script.
            SAVE.load(jedis);
            RECORD.load(jedis);
            return null;
        });
        int recorded = 0;
        for (int from = 0; from < calls.size(); from += BULK_CHUNK) {
            List<Script.Call> chunk = calls.subList(from, Math.min(calls.size(), from + BULK_CHUNK));
            recorded += retried(() -> pipeline(chunk));
        }
        return recorded;
    }

    private int pipeline(List<Script.Call> chunk) {
        List<Response<Object>> replies = new ArrayList<>(chunk.size());
        try (AbstractPipeline p = jedis.pipelined()) {
            for (Script.Call call : chunk) {
                replies.add(p.evalsha(call.script().sha(), call.keys(), call.args()));
            }
            p.sync();
        }
        int recorded = 0;
        for (int i = 0; i < replies.size(); i++) {
            Object reply = replies.get(i).get(); // throws the command's error, if any
            if (chunk.get(i).script() == RECORD && reply instanceof Long result && result >= 0) {
                recorded++;
            }
        }
        return recorded;
    }

    private Script.Call saveCall(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        List<String> args = new ArrayList<>(3 + customer.phones().size());
        args.add(write(customer, "customer " + customer.id()));
        args.add(customer.id());
        args.add(keys.customerPhonePrefix());
        args.addAll(customer.phones());
        return new Script.Call(SAVE, List.of(keys.customer(customer.id())), args);
    }

    private Script.Call recordCall(String customerId, Interaction interaction) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(interaction, "interaction");
        return new Script.Call(RECORD, List.of(keys.customer(customerId), keys.customerHistory(customerId)),
                List.of(interaction.id(), write(interaction, "interaction " + interaction.id()),
                        Integer.toString(HISTORY_CAP)));
    }

    private Optional<CustomerView> view(Object reply, String what) {
        if (!(reply instanceof List<?> parts) || parts.size() != 2) {
            return Optional.empty();
        }
        Customer customer;
        try {
            customer = json.readValue((String) parts.get(0), Customer.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(new IOException("the customer with " + what + " in " + where
                    + " is not readable: " + e.getOriginalMessage(), e));
        }
        List<String> recent = ((List<?>) parts.get(1)).stream().map(String.class::cast).toList();
        return Optional.of(new CustomerView(customer, customer.openTickets(), interactions(recent, customer.id())));
    }

    /** Unreadable entries are skipped: one bad entry must not hide a customer's pop. */
    private List<Interaction> interactions(List<String> entries, String customerId) {
        List<Interaction> out = new ArrayList<>(entries.size());
        for (String entry : entries) {
            try {
                out.add(json.readValue(entry, Interaction.class));
            } catch (JsonProcessingException e) {
                LOG.warn("an interaction of customer {} is not readable, skipped: {}", customerId, e.getOriginalMessage());
            }
        }
        return out;
    }

    private String write(Object value, String what) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " cannot be written as JSON", e);
        }
    }

    private Object run(Script script, List<String> scriptKeys, List<String> args) {
        return retried(() -> script.run(jedis, scriptKeys, args));
    }

    private <T> T retried(Supplier<T> command) {
        try {
            try {
                return command.get();
            } catch (JedisConnectionException brokenConnection) {
                return command.get();
            }
        } catch (JedisConnectionException e) {
            throw new UncheckedIOException(new IOException(where + " unreachable: " + e.getMessage(), e));
        } catch (JedisException e) {
            throw new UncheckedIOException(new IOException(where + " refused a customer command: "
                    + e.getMessage(), e));
        }
    }

    /** A Lua script run by its SHA-1, sent whole only when Redis does not know it yet. */
    private record Script(String source, String sha) {

        record Call(Script script, List<String> keys, List<String> args) {
        }

        Script(String source) {
            this(source, sha1(source));
        }

        Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
            try {
                return jedis.evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) {
                return jedis.eval(source, keys, args);
            }
        }

        void load(UnifiedJedis jedis) {
            jedis.scriptLoad(source);
        }

        private static String sha1(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-1", e);
            }
        }
    }
}

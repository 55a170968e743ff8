package org.hotline.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How Hotline reaches Redis and how long it keeps what it writes there. Immutable; every default
 * is a named constant here. Build with {@link #builder()} and set only what differs;
 * {@link #defaults()} is the all-default instance. The constructor checks every value; the
 * message names the option.
 *
 * @param host              Redis host; default {@value #DEFAULT_HOST}
 * @param port              Redis port; default {@value #DEFAULT_PORT}
 * @param password          AUTH password, or null when Redis has none (the default)
 * @param database          logical database number; default 0
 * @param keyPrefix         prefix of every key Hotline writes; default {@value #DEFAULT_KEY_PREFIX}
 * @param connectTimeout    TCP connect timeout; default 2 s
 * @param socketTimeout     reply timeout of one command; default 2 s
 * @param callRetention     how long call records (and their index entries) are kept; default 35 days
 * @param kpiRetention      how long KPI interval counters are kept; default 400 days (a year of
 *                          same-day-last-year comparisons)
 * @param retryInitialDelay first wait of the writer after a failed write; default 100 ms
 * @param retryMaxDelay     the writer's wait doubles per failure up to this; default 5 s
 * @param drainTimeout      how long {@code close()} keeps writing queued records; default 10 s
 */
public record RedisOptions(
        String host,
        int port,
        String password,
        int database,
        String keyPrefix,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration callRetention,
        Duration kpiRetention,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        Duration drainTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6379;
    public static final String DEFAULT_KEY_PREFIX = "hotline:";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CALL_RETENTION = Duration.ofDays(35);
    public static final Duration DEFAULT_KPI_RETENTION = Duration.ofDays(400);
    public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    public RedisOptions {
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("database must be >= 0, not " + database);
        }
        requireText(keyPrefix, "keyPrefix");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        requireAtLeastSeconds(callRetention, "callRetention");
        requireAtLeastSeconds(kpiRetention, "kpiRetention");
        requirePositive(retryInitialDelay, "retryInitialDelay");
        requirePositive(retryMaxDelay, "retryMaxDelay");
        if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
            throw new IllegalArgumentException("retryMaxDelay must not be shorter than retryInitialDelay");
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative");
        }
    }

    /** Every option at its default (no password). */
    public static RedisOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this instance's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code host:port}, for log lines and health details. */
    public String address() {
        return host + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RedisOptions[" + address() + ", db " + database + ", prefix '" + keyPrefix + "'"
                + (password == null ? "" : ", password set") + ", calls kept " + callRetention
                + ", KPIs kept " + kpiRetention + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    private static void requireAtLeastSeconds(Duration value, String name) {
        requirePositive(value, name);
        if (value.toSeconds() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 s (Redis expiries are in seconds)");
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String password;
        private int database;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration callRetention = DEFAULT_CALL_RETENTION;
        private Duration kpiRetention = DEFAULT_KPI_RETENTION;
        private Duration retryInitialDelay = DEFAULT_RETRY_INITIAL_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

        private Builder() {
        }

        private Builder(RedisOptions o) {
            host = o.host;
            port = o.port;
            password = o.password;
            database = o.database;
            keyPrefix = o.keyPrefix;
            connectTimeout = o.connectTimeout;
            socketTimeout = o.socketTimeout;
            callRetention = o.callRetention;
            kpiRetention = o.kpiRetention;
            retryInitialDelay = o.retryInitialDelay;
            retryMaxDelay = o.retryMaxDelay;
            drainTimeout = o.drainTimeout;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder database(int v) { database = v; return this; }
        public Builder keyPrefix(String v) { keyPrefix = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder socketTimeout(Duration v) { socketTimeout = v; return this; }
        public Builder callRetention(Duration v) { callRetention = v; return this; }
        public Builder kpiRetention(Duration v) { kpiRetention = v; return this; }
        public Builder retryInitialDelay(Duration v) { retryInitialDelay = v; return this; }
        public Builder retryMaxDelay(Duration v) { retryMaxDelay = v; return this; }
        public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }

        public RedisOptions build() {
            return new RedisOptions(host, port, password, database, keyPrefix, connectTimeout, socketTimeout,
                    callRetention, kpiRetention, retryInitialDelay, retryMaxDelay, drainTimeout);
        }
    }
}

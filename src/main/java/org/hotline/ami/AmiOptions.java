package org.hotline.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the manager connection; every default is a named constant here. Build
 * with {@link #builder()} and set only what differs; {@link #defaults()} is the all-default
 * instance (with no username or secret). The constructor checks every value; the message names
 * the option.
 */
public record AmiOptions(
        String host,
        int port,
        String username,
        String secret,
        Duration connectTimeout,
        Duration actionTimeout,
        Duration listTimeout,
        Duration pingInterval,
        Duration pingTimeout,
        Duration fullyBootedWait,
        Duration reconnectMin,
        Duration reconnectMax,
        double reconnectJitter,
        Duration loginRetryDelay,
        int maxLineLength,
        int maxMessageFields,
        int maxMessageChars) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5038;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a single response may take. */
    public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(10);
    /** How long a list action may take from request to {@code EventList: Complete}. */
    public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** A pong later than this counts as a dead connection and triggers a reconnect. */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(5);
    /** After login, how long to wait for {@code FullyBooted} before resyncing anyway. */
    public static final Duration DEFAULT_FULLY_BOOTED_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(10);
    /** Each delay is shortened by up to this fraction, at random, so that clients do not reconnect in step. */
    public static final double DEFAULT_RECONNECT_JITTER = 0.2;
    /** Wrong credentials will not fix themselves quickly: retry slowly instead of hammering Asterisk. */
    public static final Duration DEFAULT_LOGIN_RETRY_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_LINE_LENGTH = 16 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_FIELDS = 1024;
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1024 * 1024;

    public AmiOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (host.isBlank()) {
            throw new IllegalArgumentException("ami host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ami port " + port + " is not in 1..65535");
        }
        positive("connectTimeout", connectTimeout);
        positive("actionTimeout", actionTimeout);
        positive("listTimeout", listTimeout);
        positive("pingInterval", pingInterval);
        positive("pingTimeout", pingTimeout);
        positive("fullyBootedWait", fullyBootedWait);
        positive("reconnectMin", reconnectMin);
        positive("reconnectMax", reconnectMax);
        positive("loginRetryDelay", loginRetryDelay);
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("ami reconnectMax " + reconnectMax + " is below reconnectMin " + reconnectMin);
        }
        if (!(reconnectJitter >= 0 && reconnectJitter < 1)) {
            throw new IllegalArgumentException("ami reconnectJitter " + reconnectJitter + " is not in [0, 1)");
        }
        if (maxLineLength < 64 || maxMessageFields < 8 || maxMessageChars < maxLineLength) {
            throw new IllegalArgumentException("ami message limits too small: line " + maxLineLength
                    + ", fields " + maxMessageFields + ", chars " + maxMessageChars);
        }
    }

    /** Every option at its default (no username or secret). */
    public static AmiOptions defaults() {
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

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "AmiOptions{" + username + "@" + address() + ", secret=***, ping " + pingInterval
                + "/" + pingTimeout + ", reconnect " + reconnectMin + ".." + reconnectMax + "}";
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("ami " + name + " must be positive, was " + d);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String username = "";
        private String secret = "";
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration actionTimeout = DEFAULT_ACTION_TIMEOUT;
        private Duration listTimeout = DEFAULT_LIST_TIMEOUT;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private Duration fullyBootedWait = DEFAULT_FULLY_BOOTED_WAIT;
        private Duration reconnectMin = DEFAULT_RECONNECT_MIN;
        private Duration reconnectMax = DEFAULT_RECONNECT_MAX;
        private double reconnectJitter = DEFAULT_RECONNECT_JITTER;
        private Duration loginRetryDelay = DEFAULT_LOGIN_RETRY_DELAY;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private int maxMessageFields = DEFAULT_MAX_MESSAGE_FIELDS;
        private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;

        private Builder() {
        }

        private Builder(AmiOptions o) {
            host = o.host;
            port = o.port;
            username = o.username;
            secret = o.secret;
            connectTimeout = o.connectTimeout;
            actionTimeout = o.actionTimeout;
            listTimeout = o.listTimeout;
            pingInterval = o.pingInterval;
            pingTimeout = o.pingTimeout;
            fullyBootedWait = o.fullyBootedWait;
            reconnectMin = o.reconnectMin;
            reconnectMax = o.reconnectMax;
            reconnectJitter = o.reconnectJitter;
            loginRetryDelay = o.loginRetryDelay;
            maxLineLength = o.maxLineLength;
            maxMessageFields = o.maxMessageFields;
            maxMessageChars = o.maxMessageChars;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder secret(String v) { secret = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder actionTimeout(Duration v) { actionTimeout = v; return this; }
        public Builder listTimeout(Duration v) { listTimeout = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingTimeout(Duration v) { pingTimeout = v; return this; }
        public Builder fullyBootedWait(Duration v) { fullyBootedWait = v; return this; }
        public Builder reconnectMin(Duration v) { reconnectMin = v; return this; }
        public Builder reconnectMax(Duration v) { reconnectMax = v; return this; }
        public Builder reconnectJitter(double v) { reconnectJitter = v; return this; }
        public Builder loginRetryDelay(Duration v) { loginRetryDelay = v; return this; }
        public Builder maxLineLength(int v) { maxLineLength = v; return this; }
        public Builder maxMessageFields(int v) { maxMessageFields = v; return this; }
        public Builder maxMessageChars(int v) { maxMessageChars = v; return this; }

        public AmiOptions build() {
            return new AmiOptions(host, port, username, secret, connectTimeout, actionTimeout, listTimeout,
                    pingInterval, pingTimeout, fullyBootedWait, reconnectMin, reconnectMax, reconnectJitter,
                    loginRetryDelay, maxLineLength, maxMessageFields, maxMessageChars);
        }
    }
}

package org.hotline.agi;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@link FastAgiServer}; every default is a named constant
 * here. Build with {@link #builder()}; {@link #defaults()} is the all-default instance.
 */
public final class FastAgiOptions {

    /** Loopback: Asterisk runs on the same host; widen deliberately. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    /** The FastAGI port Asterisk assumes when {@code agi://host} names none. */
    public static final int DEFAULT_PORT = 4573;
    /** Longest line accepted, without its line end; a long GET VARIABLE value fits. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;
    /** Asterisk sends about 20 variables plus one per AGI() argument. */
    public static final int DEFAULT_MAX_ENVIRONMENT_LINES = 256;
    public static final int DEFAULT_MAX_ENVIRONMENT_BYTES = 64 * 1024;
    /** Lines in one multi-line reply ({@code 520-} usage text is some 20 lines). */
    public static final int DEFAULT_MAX_REPLY_LINES = 256;
    /**
     * Time with NO command outstanding after which a session is closed. Time spent
     * waiting for a reply never counts (a caller may sit in a 30-minute bridge during
     * one {@code EXEC Dial}); this only catches scripts that stall or forget to close.
     * Generous because a script may legitimately hold a caller between commands.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Time from connect until the environment must be complete. */
    public static final Duration DEFAULT_ENVIRONMENT_TIMEOUT = Duration.ofSeconds(10);
    /** A command Asterisk has not answered within this is taken as a hung peer. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** 0 means Netty's default: twice the number of cores. */
    public static final int DEFAULT_WORKER_THREADS = 0;
    /** Accept queue; a burst of calls must not be refused by the kernel. */
    public static final int DEFAULT_BACKLOG = 1024;
    /** How long {@link FastAgiServer#stop()} lets running sessions finish. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final String bindHost;
    private final int port;
    private final int maxLineLength;
    private final int maxEnvironmentLines;
    private final int maxEnvironmentBytes;
    private final int maxReplyLines;
    private final Duration idleTimeout;
    private final Duration environmentTimeout;
    private final Duration commandTimeout;
    private final int workerThreads;
    private final int backlog;
    private final Duration shutdownTimeout;

    private FastAgiOptions(Builder b) {
        this.bindHost = b.bindHost;
        this.port = b.port;
        this.maxLineLength = b.maxLineLength;
        this.maxEnvironmentLines = b.maxEnvironmentLines;
        this.maxEnvironmentBytes = b.maxEnvironmentBytes;
        this.maxReplyLines = b.maxReplyLines;
        this.idleTimeout = b.idleTimeout;
        this.environmentTimeout = b.environmentTimeout;
        this.commandTimeout = b.commandTimeout;
        this.workerThreads = b.workerThreads;
        this.backlog = b.backlog;
        this.shutdownTimeout = b.shutdownTimeout;
    }

    public static FastAgiOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this instance's values. */
    public Builder mutate() {
        return new Builder()
                .bindHost(bindHost).port(port).maxLineLength(maxLineLength)
                .maxEnvironmentLines(maxEnvironmentLines).maxEnvironmentBytes(maxEnvironmentBytes)
                .maxReplyLines(maxReplyLines).idleTimeout(idleTimeout)
                .environmentTimeout(environmentTimeout).commandTimeout(commandTimeout).workerThreads(workerThreads)
                .backlog(backlog).shutdownTimeout(shutdownTimeout);
    }

    public String bindHost() { return bindHost; }
    public int port() { return port; }
    public int maxLineLength() { return maxLineLength; }
    public int maxEnvironmentLines() { return maxEnvironmentLines; }
    public int maxEnvironmentBytes() { return maxEnvironmentBytes; }
    public int maxReplyLines() { return maxReplyLines; }
    public Duration idleTimeout() { return idleTimeout; }
    public Duration environmentTimeout() { return environmentTimeout; }
    /** How long a command may go without a reply, unless the script gives it its own deadline. */
    public Duration commandTimeout() { return commandTimeout; }
    public int workerThreads() { return workerThreads; }
    public int backlog() { return backlog; }
    public Duration shutdownTimeout() { return shutdownTimeout; }

    @Override
    public String toString() {
        return "FastAgiOptions[bindHost=" + bindHost + ", port=" + port
                + ", maxLineLength=" + maxLineLength + ", maxEnvironmentLines=" + maxEnvironmentLines
                + ", maxEnvironmentBytes=" + maxEnvironmentBytes + ", maxReplyLines=" + maxReplyLines
                + ", idleTimeout=" + idleTimeout + ", environmentTimeout=" + environmentTimeout
                + ", commandTimeout=" + commandTimeout
                + ", workerThreads=" + workerThreads + ", backlog=" + backlog
                + ", shutdownTimeout=" + shutdownTimeout + "]";
    }

    /** Validates each value as it is set; the message names the option. */
    public static final class Builder {
        private String bindHost = DEFAULT_BIND_HOST;
        private int port = DEFAULT_PORT;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private int maxEnvironmentLines = DEFAULT_MAX_ENVIRONMENT_LINES;
        private int maxEnvironmentBytes = DEFAULT_MAX_ENVIRONMENT_BYTES;
        private int maxReplyLines = DEFAULT_MAX_REPLY_LINES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration environmentTimeout = DEFAULT_ENVIRONMENT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private int backlog = DEFAULT_BACKLOG;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {
        }

        public Builder bindHost(String bindHost) {
            this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
            return this;
        }

        /** 0 binds an ephemeral port; {@link FastAgiServer#start()} returns the real one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxLineLength(int value) {
            this.maxLineLength = positive("maxLineLength", value);
            return this;
        }

        public Builder maxEnvironmentLines(int value) {
            this.maxEnvironmentLines = positive("maxEnvironmentLines", value);
            return this;
        }

        public Builder maxEnvironmentBytes(int value) {
            this.maxEnvironmentBytes = positive("maxEnvironmentBytes", value);
            return this;
        }

        public Builder maxReplyLines(int value) {
            this.maxReplyLines = positive("maxReplyLines", value);
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = positive("idleTimeout", value);
            return this;
        }

        public Builder environmentTimeout(Duration value) {
            this.environmentTimeout = positive("environmentTimeout", value);
            return this;
        }

        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive("commandTimeout", value);
            return this;
        }

        public Builder workerThreads(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("workerThreads must be >= 0, was " + value);
            }
            this.workerThreads = value;
            return this;
        }

        public Builder backlog(int value) {
            this.backlog = positive("backlog", value);
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            Objects.requireNonNull(value, "shutdownTimeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + value);
            }
            this.shutdownTimeout = value;
            return this;
        }

        public FastAgiOptions build() {
            return new FastAgiOptions(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}

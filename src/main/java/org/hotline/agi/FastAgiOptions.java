package org.hotline.agi;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@link FastAgiServer}; every default is a named constant here. Build
 * with {@link #builder()} and set only what differs; {@link #defaults()} is the all-default
 * instance. The constructor checks every value; the message names the option.
 *
 * @param bindHost            listen address; default {@value #DEFAULT_BIND_HOST}
 * @param port                listen port, 0 for an ephemeral one ({@link FastAgiServer#start()}
 *                            returns the real one); default {@value #DEFAULT_PORT}
 * @param maxLineLength       longest line accepted, without its line end
 * @param maxEnvironmentLines variables in the environment at most
 * @param maxEnvironmentBytes bytes of the environment at most
 * @param maxReplyLines       lines in one multi-line reply at most
 * @param idleTimeout         time with no command outstanding after which a session is closed
 * @param environmentTimeout  time from connect until the environment must be complete
 * @param commandTimeout      how long a command may go without a reply, unless the script gives
 *                            it its own deadline
 * @param workerThreads       event-loop threads; 0 for Netty's default (twice the cores)
 * @param backlog             accept queue length
 * @param shutdownTimeout     how long {@link FastAgiServer#stop()} lets running sessions finish
 */
public record FastAgiOptions(
        String bindHost,
        int port,
        int maxLineLength,
        int maxEnvironmentLines,
        int maxEnvironmentBytes,
        int maxReplyLines,
        Duration idleTimeout,
        Duration environmentTimeout,
        Duration commandTimeout,
        int workerThreads,
        int backlog,
        Duration shutdownTimeout) {

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

    public FastAgiOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        positive("maxLineLength", maxLineLength);
        positive("maxEnvironmentLines", maxEnvironmentLines);
        positive("maxEnvironmentBytes", maxEnvironmentBytes);
        positive("maxReplyLines", maxReplyLines);
        positive("idleTimeout", idleTimeout);
        positive("environmentTimeout", environmentTimeout);
        positive("commandTimeout", commandTimeout);
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must be >= 0, was " + workerThreads);
        }
        positive("backlog", backlog);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
    }

    /** Every option at its default. */
    public static FastAgiOptions defaults() {
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

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
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

        private Builder(FastAgiOptions o) {
            bindHost = o.bindHost;
            port = o.port;
            maxLineLength = o.maxLineLength;
            maxEnvironmentLines = o.maxEnvironmentLines;
            maxEnvironmentBytes = o.maxEnvironmentBytes;
            maxReplyLines = o.maxReplyLines;
            idleTimeout = o.idleTimeout;
            environmentTimeout = o.environmentTimeout;
            commandTimeout = o.commandTimeout;
            workerThreads = o.workerThreads;
            backlog = o.backlog;
            shutdownTimeout = o.shutdownTimeout;
        }

        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder maxLineLength(int v) { maxLineLength = v; return this; }
        public Builder maxEnvironmentLines(int v) { maxEnvironmentLines = v; return this; }
        public Builder maxEnvironmentBytes(int v) { maxEnvironmentBytes = v; return this; }
        public Builder maxReplyLines(int v) { maxReplyLines = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder environmentTimeout(Duration v) { environmentTimeout = v; return this; }
        public Builder commandTimeout(Duration v) { commandTimeout = v; return this; }
        public Builder workerThreads(int v) { workerThreads = v; return this; }
        public Builder backlog(int v) { backlog = v; return this; }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }

        public FastAgiOptions build() {
            return new FastAgiOptions(bindHost, port, maxLineLength, maxEnvironmentLines, maxEnvironmentBytes,
                    maxReplyLines, idleTimeout, environmentTimeout, commandTimeout, workerThreads, backlog,
                    shutdownTimeout);
        }
    }
}

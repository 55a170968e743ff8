package org.hotline.web;

import java.time.Duration;

/**
 * How the HTTP server listens. Immutable; every default is a named constant here. Build with
 * {@link #builder()} and set only what differs; {@link #defaults()} is the all-default instance.
 * The constructor checks every value; the message names the option.
 *
 * @param host                listen address; default {@value #DEFAULT_HOST}
 * @param port                listen port, 0 for any free one; default {@value #DEFAULT_PORT}
 * @param maxRequestBodyBytes larger request bodies get 413; default {@value #DEFAULT_MAX_REQUEST_BODY_BYTES}
 * @param ioThreads           Netty event-loop threads for connections; default {@value #DEFAULT_IO_THREADS}
 *                            (handlers that may block run on the API executor, not here)
 * @param idleTimeout         an HTTP connection with nothing read or written this long is closed;
 *                            default 60 s (live sockets are pinged more often than that)
 */
public record WebOptions(String host, int port, int maxRequestBodyBytes, int ioThreads, Duration idleTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_IO_THREADS = 2;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public WebOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("web host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("web port must be 0..65535, not " + port);
        }
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("web maxRequestBodyBytes must be positive, not " + maxRequestBodyBytes);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("web idleTimeout must be positive, not " + idleTimeout);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("web ioThreads must be positive, not " + ioThreads);
        }
    }

    /** Every option at its default. */
    public static WebOptions defaults() {
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

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
        private int ioThreads = DEFAULT_IO_THREADS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {
        }

        private Builder(WebOptions o) {
            host = o.host;
            port = o.port;
            maxRequestBodyBytes = o.maxRequestBodyBytes;
            ioThreads = o.ioThreads;
            idleTimeout = o.idleTimeout;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder maxRequestBodyBytes(int v) { maxRequestBodyBytes = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }

        public WebOptions build() {
            return new WebOptions(host, port, maxRequestBodyBytes, ioThreads, idleTimeout);
        }
    }
}

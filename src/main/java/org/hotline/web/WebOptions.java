package org.hotline.web;

/**
 * How the HTTP server listens. Immutable; start from {@link #defaults(String)}.
 *
 * @param host              listen address; default {@value #DEFAULT_HOST}
 * @param port              listen port, 0 for any free one; default {@value #DEFAULT_PORT}
 * @param maxRequestBodyBytes larger request bodies get 413; default {@value #DEFAULT_MAX_REQUEST_BODY_BYTES}
 * @param ioThreads         Netty event-loop threads for connections; default {@value #DEFAULT_IO_THREADS}
 *                          (handlers that may block run on the API executor, not here)
 * @param idleTimeout       an HTTP connection with nothing read or written this long is closed;
 *                          default 60 s (live sockets are pinged more often than that)
 */
public record WebOptions(String host, int port, int maxRequestBodyBytes, int ioThreads,
                         java.time.Duration idleTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_IO_THREADS = 2;
    public static final java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofSeconds(60);

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

    public static WebOptions defaults() {
        return new WebOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_IO_THREADS,
                DEFAULT_IDLE_TIMEOUT);
    }

    public WebOptions withHost(String value) {
        return new WebOptions(value, port, maxRequestBodyBytes, ioThreads, idleTimeout);
    }

    public WebOptions withPort(int value) {
        return new WebOptions(host, value, maxRequestBodyBytes, ioThreads, idleTimeout);
    }

    public WebOptions withMaxRequestBodyBytes(int value) {
        return new WebOptions(host, port, value, ioThreads, idleTimeout);
    }

    public WebOptions withIoThreads(int value) {
        return new WebOptions(host, port, maxRequestBodyBytes, value, idleTimeout);
    }

    public WebOptions withIdleTimeout(java.time.Duration value) {
        return new WebOptions(host, port, maxRequestBodyBytes, ioThreads, value);
    }

}

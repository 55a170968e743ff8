package org.hotline.web;

import java.util.Map;

/**
 * A request the API refuses: its status and a message that says what was wrong and what is
 * allowed. The router turns it into {@code {"error":"<message>"}}.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}

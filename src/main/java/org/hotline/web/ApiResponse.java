package org.hotline.web;

import java.util.Map;
import java.util.Objects;

/**
 * What the router answers: a status, extra headers (e.g. {@code Allow}) and a JSON body. Every
 * response body is JSON; the handler adds {@code Content-Type: application/json; charset=utf-8}.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}

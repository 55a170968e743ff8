package org.hotline.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the router sees it, free of Netty types so the router is tested as a plain
 * class.
 *
 * @param method        upper-case method, e.g. {@code GET}
 * @param rawPath       the path as sent, still percent-encoded, without the query
 * @param query         decoded query parameters
 * @param authorization the {@code Authorization} header, or null
 * @param contentType   the {@code Content-Type} header, or null
 * @param body          the request body, empty when none
 */
public record ApiRequest(String method, String rawPath, Map<String, List<String>> query,
                         String authorization, String contentType, byte[] body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

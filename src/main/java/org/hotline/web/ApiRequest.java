package org.hotline.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the router sees it, free of Netty types so the router is tested as a plain
 * class. The {@code Cookie} header carries the session token: never log a request's headers.
 *
 * @param method        upper-case method, e.g. {@code GET}
 * @param rawPath       the path as sent, still percent-encoded, without the query
 * @param query         decoded query parameters
 * @param authorization the {@code Authorization} header, or null
 * @param contentType   the {@code Content-Type} header, or null
 * @param body          the request body, empty when none
 * @param cookie        the {@code Cookie} header (all cookies, joined by "; "), or null
 * @param origin        the {@code Origin} header, or null
 * @param host          the {@code Host} header, or null
 * @param remoteAddress the client's address for log lines, e.g. {@code 127.0.0.1}, or null
 */
public record ApiRequest(String method, String rawPath, Map<String, List<String>> query,
                         String authorization, String contentType, byte[] body,
                         String cookie, String origin, String host, String remoteAddress) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A request without cookie, origin, host or address, as API clients other than browsers send. */
    public ApiRequest(String method, String rawPath, Map<String, List<String>> query,
                      String authorization, String contentType, byte[] body) {
        this(method, rawPath, query, authorization, contentType, body, null, null, null, null);
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Never shows the authorization or cookie headers, nor the body. */
    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + rawPath + " from " + remoteAddress + "]";
    }
}

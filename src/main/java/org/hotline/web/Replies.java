package org.hotline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.hotline.json.Json;

/** Writes the API's JSON answers; one per router, shared by its route groups (thread-safe). */
final class Replies {

    private final ObjectMapper json = Json.newMapper();

    ObjectMapper mapper() {
        return json;
    }

    ApiResponse ok(Object body) {
        return status(200, body, Map.of());
    }

    ApiResponse status(int status, Object body, Map<String, String> headers) {
        return new ApiResponse(status, headers, write(body));
    }

    ApiResponse error(int status, String message, Map<String, String> headers) {
        return status(status, Map.of("error", message), headers);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }
}

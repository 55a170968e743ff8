package org.hotline.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON convention of Hotline, shared by the Redis stores and the HTTP API so that a call
 * record reads the same in Redis and on {@code /api/calls}:
 * <ul>
 *   <li>instants as ISO-8601 UTC text ({@code 2026-11-23T10:15:30Z}), never epoch numbers;</li>
 *   <li>enums by their {@code @JsonValue} wire names ({@code abandoned-ringing});</li>
 *   <li>null fields written out (Jackson's default), so every record has the same fields;</li>
 *   <li>unknown fields ignored on reading, so a record written by a newer Hotline still reads.</li>
 * </ul>
 * Every call returns a new mapper; a mapper is thread-safe once configured, so callers keep one.
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }
}

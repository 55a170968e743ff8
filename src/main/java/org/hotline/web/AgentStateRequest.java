package org.hotline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.hotline.call.AgentPresence;

/**
 * The body of {@code POST /api/agents/{id}/state}: {@code {"state":"available"|"paused"|"wrap-up",
 * "reason":"..."}}, {@code reason} optional. Whether the reason is one the center allows is the
 * router's check, since it depends on who asks.
 */
record AgentStateRequest(AgentPresence presence, String reason) {

    static final int MAX_REASON_LENGTH = 200;
    private static final String EXAMPLE = "{\"state\":\"paused\",\"reason\":\"break\"}";
    private static final String STATES = "'available', 'paused' or 'wrap-up'";

    /** Checks the content type (415) and the body (400). */
    static AgentStateRequest parse(ObjectMapper json, ApiRequest req) {
        JsonBody body = JsonBody.read(json, req, EXAMPLE, List.of("state", "reason"), true);
        JsonNode state = body.node("state");
        if (state == null) {
            throw JsonBody.bad("field 'state' is required: " + STATES);
        }
        if (!state.isTextual()) {
            throw JsonBody.bad("field 'state' must be a string: " + STATES);
        }
        AgentPresence presence = switch (state.asText().strip().toLowerCase(Locale.ROOT)) {
            case "available" -> AgentPresence.AVAILABLE;
            case "paused" -> AgentPresence.PAUSED;
            case "wrap-up" -> AgentPresence.WRAP_UP;
            default -> throw JsonBody.bad("state must be " + STATES + ", not '" + state.asText() + "'");
        };
        return new AgentStateRequest(presence, body.text("reason", false, MAX_REASON_LENGTH));
    }
}

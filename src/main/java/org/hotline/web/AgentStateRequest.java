package org.hotline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import org.hotline.call.AgentPresence;

/**
 * The body of {@code POST /api/agents/{id}/state}: {@code {"state":"available"|"paused",
 * "reason":"..."}}, {@code reason} optional. Parsed by hand rather than bound, so that each
 * mistake gets a message that names the field and what is allowed; unknown fields are refused
 * (a typo such as {@code "staet"} should not silently do nothing).
 */
record AgentStateRequest(AgentPresence presence, String reason) {

    static final int MAX_REASON_LENGTH = 200;
    private static final String EXAMPLE = "{\"state\":\"paused\",\"reason\":\"break\"}";

    static AgentStateRequest parse(ObjectMapper json, byte[] body) {
        if (body.length == 0) {
            throw bad("request body is empty; send a JSON object like " + EXAMPLE);
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("request body is not valid JSON (" + e.getOriginalMessage() + "); send a JSON object like " + EXAMPLE);
        } catch (IOException e) {
            throw bad("request body could not be read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw bad("request body must be a JSON object like " + EXAMPLE);
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("state") && !field.equals("reason")) {
                throw bad("unknown field '" + field + "'; allowed fields: state, reason");
            }
        }
        JsonNode state = tree.get("state");
        if (state == null || state.isNull()) {
            throw bad("field 'state' is required: 'available' or 'paused'");
        }
        if (!state.isTextual()) {
            throw bad("field 'state' must be a string: 'available' or 'paused'");
        }
        AgentPresence presence = switch (state.asText().toLowerCase(Locale.ROOT)) {
            case "available" -> AgentPresence.AVAILABLE;
            case "paused" -> AgentPresence.PAUSED;
            default -> throw bad("state must be 'available' or 'paused', not '" + state.asText() + "'");
        };
        JsonNode reasonNode = tree.get("reason");
        String reason = null;
        if (reasonNode != null && !reasonNode.isNull()) {
            if (!reasonNode.isTextual()) {
                throw bad("field 'reason' must be a string");
            }
            reason = reasonNode.asText().strip();
            if (reason.length() > MAX_REASON_LENGTH) {
                throw bad("field 'reason' is longer than " + MAX_REASON_LENGTH + " characters");
            }
            if (reason.isEmpty()) {
                reason = null;
            }
        }
        return new AgentStateRequest(presence, reason);
    }

    private static ApiException bad(String message) {
        return new ApiException(400, message);
    }
}

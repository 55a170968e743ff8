package org.hotline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A request's JSON object body, read by hand rather than bound so that each mistake gets a message
 * naming the field and what is allowed. Unknown fields are refused: a typo should not silently do
 * nothing.
 */
final class JsonBody {

    private final JsonNode tree;

    private JsonBody(JsonNode tree) {
        this.tree = tree;
    }

    /**
     * Checks the content type (415) and reads the body as one JSON object with only
     * {@code allowedFields} (400).
     *
     * @param echoParseErrors whether a parse error may quote the parser's message, which can repeat
     *                        bits of the body: false where the body holds a secret (a password)
     */
    static JsonBody read(ObjectMapper json, ApiRequest req, String example, List<String> allowedFields,
                         boolean echoParseErrors) {
        requireJson(req.contentType());
        if (req.body().length == 0) {
            throw bad("request body is empty; send a JSON object like " + example);
        }
        JsonNode tree;
        try {
            tree = json.readTree(req.body());
        } catch (JsonProcessingException e) {
            throw bad("request body is not valid JSON" + (echoParseErrors ? " (" + e.getOriginalMessage() + ")" : "")
                    + "; send a JSON object like " + example);
        } catch (IOException e) {
            throw bad("request body could not be read");
        }
        if (tree == null || !tree.isObject()) {
            throw bad("request body must be a JSON object like " + example);
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowedFields.contains(field)) {
                throw bad("unknown field '" + field + "'; allowed fields: " + String.join(", ", allowedFields));
            }
        }
        return new JsonBody(tree);
    }

    /** 415 unless the media type is {@code application/json} (parameters such as charset are fine). */
    static void requireJson(String contentType) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiException(415, "Content-Type must be application/json, not "
                    + (contentType == null ? "missing" : "'" + contentType + "'"));
        }
    }

    /** The field's text, stripped; null when absent, null or blank (then 400 if required). */
    String text(String field, boolean required, int maxLength) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw bad("field '" + field + "' is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw bad("field '" + field + "' must be a string");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw bad("field '" + field + "' is longer than " + maxLength + " characters");
        }
        if (value.isEmpty()) {
            if (required) {
                throw bad("field '" + field + "' must not be empty");
            }
            return null;
        }
        return value;
    }

    /**
     * The field's text exactly as sent (a password: not stripped); 400 when absent, empty or too
     * long. Messages never quote the value.
     */
    String secret(String field, int maxLength) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isEmpty()) {
            throw bad("field '" + field + "' is required and must be a non-empty string");
        }
        if (node.asText().length() > maxLength) {
            throw bad("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return node.asText();
    }

    /** The raw node of a field, or null when absent. */
    JsonNode node(String field) {
        JsonNode node = tree.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** The field's boolean; 400 when absent or not a JSON boolean. */
    boolean requiredBoolean(String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            throw bad("field '" + field + "' is required: true or false");
        }
        if (!node.isBoolean()) {
            throw bad("field '" + field + "' must be true or false");
        }
        return node.booleanValue();
    }

    static ApiException bad(String message) {
        return new ApiException(400, message);
    }
}

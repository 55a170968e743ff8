package org.hotline.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;

/**
 * {@code /api/customers}: the unified customer view, and other channels adding to it. The API
 * token and supervisors read any customer; an agent reads only the customer of their current call
 * (ringing, talking or in wrap-up) and cannot search. Only the API token adds interactions.
 */
final class CustomerRoutes {

    static final int MAX_SUMMARY_LENGTH = 2000;
    private static final int MAX_FIELD_LENGTH = 100;
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z]{1,32}");
    private static final Pattern INTERACTION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final String INTERACTION_EXAMPLE =
            "{\"channel\":\"email\",\"summary\":\"asked for an invoice copy\"}";

    private final CustomerDirectory customers;
    private final AgentDesk desk;
    private final ApiSettings settings;
    private final Replies replies;

    CustomerRoutes(CustomerDirectory customers, AgentDesk desk, ApiSettings settings, Replies replies) {
        this.customers = customers;
        this.desk = desk;
        this.settings = settings;
        this.replies = replies;
    }

    /** {@code GET /api/customers?phone=...}. */
    ApiResponse byPhone(Caller caller, String phone) {
        if (!caller.readsEverything()) {
            throw new ApiException(403, "an agent may not search customers; the screen-pop shows the caller's");
        }
        if (phone == null || phone.isBlank()) {
            throw new ApiException(400, "query parameter 'phone' is required, e.g. ?phone=%2B14155550101");
        }
        if (phone.length() > 64) {
            throw new ApiException(400, "phone is longer than 64 characters");
        }
        String number;
        try {
            number = settings.normalisePhone().apply(phone.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "'" + phone.strip() + "' is not a phone number");
        }
        CustomerView view = customers.findByPhone(number)
                .orElseThrow(() -> new ApiException(404, "no customer with phone '" + number + "'"));
        return replies.ok(view);
    }

    /** {@code GET /api/customers/{id}}. */
    ApiResponse one(Caller caller, String id) {
        if (caller.isAgent() && !desk.currentCustomerOf(caller.agentId()).map(id::equals).orElse(false)) {
            throw new ApiException(403, "an agent may read only the customer of their current call");
        }
        return replies.ok(customers.find(id)
                .orElseThrow(() -> new ApiException(404, "no customer with id '" + id + "'")));
    }

    /** {@code POST /api/customers/{id}/interactions}: answers 201 with the stored interaction. */
    ApiResponse addInteraction(Caller caller, String customerId, ApiRequest req) {
        if (!caller.isApiToken()) {
            throw new ApiException(403, "only the API token may add interactions");
        }
        JsonBody body = JsonBody.read(replies.mapper(), req, INTERACTION_EXAMPLE,
                List.of("id", "channel", "at", "queue", "agent", "outcome", "summary"), true);
        String channel = body.text("channel", true, 32);
        if (!CHANNEL.matcher(channel).matches()) {
            throw JsonBody.bad("channel must be a word of letters, e.g. email, chat, web; not '" + channel + "'");
        }
        String id = body.text("id", false, 100);
        if (id == null) {
            id = UUID.randomUUID().toString();
        } else if (!INTERACTION_ID.matcher(id).matches()) {
            throw JsonBody.bad("id may hold letters, digits, '-', '_', '.', ':' only");
        }
        Interaction interaction = new Interaction(id, at(body), channel.toLowerCase(Locale.ROOT),
                body.text("queue", false, MAX_FIELD_LENGTH), body.text("agent", false, MAX_FIELD_LENGTH),
                body.text("outcome", false, MAX_FIELD_LENGTH), null, null,
                body.text("summary", false, MAX_SUMMARY_LENGTH));
        try {
            customers.record(customerId, interaction);
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "no customer with id '" + customerId + "'");
        }
        return replies.status(201, interaction, Map.of());
    }

    private Instant at(JsonBody body) {
        JsonNode node = body.node("at");
        if (node == null) {
            return settings.clock().instant();
        }
        if (!node.isTextual()) {
            throw JsonBody.bad("field 'at' must be an ISO-8601 instant like \"2026-11-25T10:15:30Z\"");
        }
        try {
            return Instant.parse(node.asText().strip());
        } catch (DateTimeParseException e) {
            throw JsonBody.bad("field 'at' must be an ISO-8601 instant like \"2026-11-25T10:15:30Z\"");
        }
    }
}

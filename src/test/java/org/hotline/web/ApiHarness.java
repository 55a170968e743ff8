package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.call.AgentControl;
import org.hotline.call.CallHistory;
import org.hotline.customer.CustomerDirectory;
import org.hotline.json.Json;
import org.hotline.metrics.KpiQuery;
import org.hotline.testing.MutableClock;
import org.hotline.web.auth.Logins;
import org.hotline.web.auth.Role;
import org.hotline.web.auth.SessionCookie;

/**
 * A router over Mockito stand-ins with three logins (agents 1001 and 1002, supervisor "sup") and
 * one agent who cannot log in (1003), plus the requests a browser or a script would send.
 * Passwords are hashed at cost 4 so tests stay fast; production hashes use cost 10.
 */
final class ApiHarness {

    static final String HOST = "127.0.0.1:8080";
    static final String ORIGIN = "http://" + HOST;
    static final List<String> PAUSE_REASONS = List.of("break", "lunch", "training", "off-shift");
    static final List<String> DISPOSITION_CODES = List.of("resolved", "follow-up-needed");
    private static final Map<String, String> HASHES = Map.of(
            "1001", cheapHash("agent-1001"), "1002", cheapHash("agent-1002"), "sup", cheapHash("sup-pass"));

    final ObjectMapper json = Json.newMapper();
    final MutableClock clock = new MutableClock(Fixtures.T0);
    final CallHistory calls = mock(CallHistory.class);
    final KpiQuery kpis = mock(KpiQuery.class);
    final AgentControl agents = mock(AgentControl.class);
    final CustomerDirectory customers = mock(CustomerDirectory.class);
    final AgentDesk desk = mock(AgentDesk.class);
    final Logins logins = new Logins(List.of(
            new Logins.Account("1001", Role.AGENT, "1001", HASHES.get("1001")),
            new Logins.Account("1002", Role.AGENT, "1002", HASHES.get("1002")),
            new Logins.Account("1003", Role.AGENT, "1003", null),
            new Logins.Account("sup", Role.SUPERVISOR, null, HASHES.get("sup"))), Duration.ofHours(12), clock);
    final ApiSettings settings = new ApiSettings(PAUSE_REASONS, DISPOSITION_CODES,
            raw -> {
                String digits = raw.replaceAll("[^0-9]", "");
                if (digits.length() < 3) {
                    throw new IllegalArgumentException("not a number");
                }
                return "+1" + digits;
            }, clock, Duration.ofMillis(50));
    final ApiRouter router = new ApiRouter(Fixtures.TOKEN, calls, kpis, agents, customers, desk, logins, settings,
            List.of());

    static String cheapHash(String password) {
        return BCrypt.withDefaults().hashToString(4, password.toCharArray());
    }

    /** Logs in through the API and returns the {@code Cookie} header a browser would send next. */
    String cookieOf(String username, String password) {
        ApiResponse r = login(username, password);
        assertEquals(200, r.status(), () -> text(r));
        String setCookie = r.headers().get("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    String agentCookie(String id) {
        return cookieOf(id, "agent-" + id);
    }

    String supervisorCookie() {
        return cookieOf("sup", "sup-pass");
    }

    ApiResponse login(String username, String password) {
        return router.handle(new ApiRequest("POST", "/api/login", Map.of(), null, "application/json",
                bytes("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"),
                null, ORIGIN, HOST, "127.0.0.1"));
    }

    ApiResponse getAsToken(String path, Map<String, List<String>> query) {
        return router.handle(new ApiRequest("GET", path, query, "Bearer " + Fixtures.TOKEN, null, null));
    }

    ApiResponse postAsToken(String path, String body) {
        return router.handle(new ApiRequest("POST", path, Map.of(), "Bearer " + Fixtures.TOKEN, "application/json",
                bytes(body)));
    }

    ApiResponse getWithCookie(String cookie, String path, Map<String, List<String>> query) {
        return router.handle(new ApiRequest("GET", path, query, null, null, null, cookie, null, HOST, "127.0.0.1"));
    }

    /** A same-origin POST as fetch() sends it. */
    ApiResponse postWithCookie(String cookie, String path, String body) {
        return postWithCookie(cookie, path, body, ORIGIN);
    }

    ApiResponse postWithCookie(String cookie, String path, String body, String origin) {
        return router.handle(new ApiRequest("POST", path, Map.of(), null, "application/json", bytes(body),
                cookie, origin, HOST, "127.0.0.1"));
    }

    JsonNode body(ApiResponse r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    void assertError(ApiResponse r, int status, String messagePart) {
        assertEquals(status, r.status(), () -> text(r));
        String error = body(r).get("error").asText();
        assertTrue(error.contains(messagePart), error);
    }

    static String cookieValue(String cookieHeader) {
        return cookieHeader.substring(SessionCookie.NAME.length() + 1);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}

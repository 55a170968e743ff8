package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/login, POST /api/logout, GET /api/session: cookies, expiry, throttling, origin. */
class ApiLoginTest {

    private final ApiHarness h = new ApiHarness();

    private ApiResponse rawLogin(String contentType, String body, String origin) {
        return h.router.handle(new ApiRequest("POST", "/api/login", Map.of(), null, contentType,
                body.getBytes(StandardCharsets.UTF_8), null, origin, ApiHarness.HOST, "127.0.0.1"));
    }

    @Test
    void anAgentLogsInWithTheirIdAndGetsAnHttpOnlyStrictCookie() {
        ApiResponse r = h.login("1002", "agent-1002");
        assertEquals(200, r.status(), ApiHarness.text(r));
        assertEquals("{\"username\":\"1002\",\"role\":\"agent\",\"agent\":\"1002\"}", ApiHarness.text(r));
        String setCookie = r.headers().get("Set-Cookie");
        assertTrue(setCookie.matches("hotline_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"),
                setCookie);
    }

    @Test
    void aSupervisorLogsInWithNoAgent() {
        ApiResponse r = h.login("sup", "sup-pass");
        assertEquals("{\"username\":\"sup\",\"role\":\"supervisor\",\"agent\":null}", ApiHarness.text(r));
    }

    @Test
    void everyLoginGetsItsOwnRandomToken() {
        assertFalse(h.agentCookie("1001").equals(h.agentCookie("1001")));
    }

    @Test
    void wrongPasswordUnknownUserAndAccountWithoutPasswordAllGetTheSame401() {
        for (ApiResponse r : List.of(h.login("1001", "agent-1002"), h.login("9999", "agent-1001"),
                h.login("1003", "anything"))) {
            h.assertError(r, 401, "wrong username or password");
            assertEquals("{\"error\":\"wrong username or password\"}", ApiHarness.text(r));
            assertNull(r.headers().get("Set-Cookie"));
        }
    }

    @Test
    void sessionAnswersWithTheLoginAnd401WithoutOne() {
        String cookie = h.agentCookie("1001");
        ApiResponse r = h.getWithCookie(cookie, "/api/session", Map.of());
        assertEquals(200, r.status());
        assertEquals("{\"username\":\"1001\",\"role\":\"agent\",\"agent\":\"1001\"}", ApiHarness.text(r));
        h.assertError(h.getWithCookie(null, "/api/session", Map.of()), 401, "missing");
        h.assertError(h.getWithCookie("hotline_session=forged", "/api/session", Map.of()), 401, "log in again");
        // other cookies beside it are fine
        assertEquals(200, h.getWithCookie("theme=dark; " + cookie + "; x=y", "/api/session", Map.of()).status());
    }

    @Test
    void aSessionExpiresAfterSessionHours() {
        String cookie = h.supervisorCookie();
        h.clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertEquals(200, h.getWithCookie(cookie, "/api/session", Map.of()).status());
        h.clock.advance(Duration.ofSeconds(1));
        ApiResponse expired = h.getWithCookie(cookie, "/api/session", Map.of());
        h.assertError(expired, 401, "session expired or ended; log in again");
        assertEquals("hotline_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", expired.headers().get("Set-Cookie"));
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String cookie = h.agentCookie("1001");
        ApiResponse out = h.postWithCookie(cookie, "/api/logout", "");
        assertEquals(200, out.status());
        assertEquals("{}", ApiHarness.text(out));
        assertTrue(out.headers().get("Set-Cookie").endsWith("Max-Age=0"));
        h.assertError(h.getWithCookie(cookie, "/api/session", Map.of()), 401, "log in again");
        // logging out without a live session is harmless
        assertEquals(200, h.postWithCookie(null, "/api/logout", "").status());
    }

    @Test
    void loggingInAgainEndsThePreviousSessionOfThatBrowser() {
        String first = h.agentCookie("1001");
        ApiResponse again = h.router.handle(new ApiRequest("POST", "/api/login", Map.of(), null, "application/json",
                "{\"username\":\"1001\",\"password\":\"agent-1001\"}".getBytes(StandardCharsets.UTF_8),
                first, ApiHarness.ORIGIN, ApiHarness.HOST, "127.0.0.1"));
        assertEquals(200, again.status());
        h.assertError(h.getWithCookie(first, "/api/session", Map.of()), 401, "log in again");
    }

    @Test
    void moreThanFiveFailuresInAMinuteAre429UntilTheWindowPasses() {
        for (int i = 0; i < 5; i++) {
            h.assertError(h.login("1001", "guess" + i), 401, "wrong username or password");
            h.clock.advance(Duration.ofSeconds(5));
        }
        ApiResponse sixth = h.login("1001", "guess5");
        h.assertError(sixth, 429, "too many failed logins");
        assertEquals("60", sixth.headers().get("Retry-After"));
        // a correct password during the block is refused too, without a cookie
        h.clock.advance(Duration.ofSeconds(59));
        ApiResponse correct = h.login("1001", "agent-1001");
        h.assertError(correct, 429, "try again in 1 s");
        assertNull(correct.headers().get("Set-Cookie"));
        // other usernames are not affected
        assertEquals(200, h.login("1002", "agent-1002").status());
        h.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, h.login("1001", "agent-1001").status());
    }

    @Test
    void failuresOlderThanAMinuteDoNotCount() {
        for (int i = 0; i < 5; i++) {
            h.login("1001", "guess" + i);
        }
        h.clock.advance(Duration.ofSeconds(61));
        h.assertError(h.login("1001", "guess"), 401, "wrong");
        assertEquals(200, h.login("1001", "agent-1001").status());
    }

    @Test
    void unknownUsernamesAreThrottledLikeKnownOnes() {
        for (int i = 0; i < 5; i++) {
            h.assertError(h.login("nobody", "x" + i), 401, "wrong");
        }
        h.assertError(h.login("nobody", "x"), 429, "too many failed logins");
    }

    @Test
    void loginBodyMistakesAre400WithoutEchoingThePassword() {
        h.assertError(rawLogin("application/json", "{\"username\":\"1001\"}", null), 400, "field 'password' is required");
        h.assertError(rawLogin("application/json", "{\"password\":\"s3cret\"}", null), 400, "field 'username' is required");
        h.assertError(rawLogin("application/json", "{\"username\":\"1001\",\"password\":s3cret}", null), 400,
                "not valid JSON");
        h.assertError(rawLogin("application/json", "{\"username\":\"1001\",\"password\":\"a\",\"remember\":true}", null),
                400, "unknown field 'remember'");
        h.assertError(rawLogin("text/plain", "{}", null), 415, "application/json");
        for (String body : List.of("{\"username\":\"1001\",\"password\":s3cret}", "{\"username\":1,\"password\":\"s3cret\"}",
                "{\"username\":\"1001\",\"password\":\"s3cret\"")) {
            assertFalse(ApiHarness.text(rawLogin("application/json", body, null)).contains("s3cret"));
        }
    }

    @Test
    void loginFromAnotherOriginIsRefusedButNoOriginIsFine() {
        String body = "{\"username\":\"1001\",\"password\":\"agent-1001\"}";
        h.assertError(rawLogin("application/json", body, "http://evil.example"), 403, "cross-origin request refused");
        assertEquals(200, rawLogin("application/json", body, null).status());
        assertEquals(200, rawLogin("application/json", body, "HTTP://127.0.0.1:8080").status());
    }

    @Test
    void loginAndLogoutArePostOnly() {
        ApiResponse r = h.router.handle(new ApiRequest("GET", "/api/login", null, null, null, null));
        h.assertError(r, 405, "allowed: POST");
        h.assertError(h.router.handle(new ApiRequest("GET", "/api/logout", null, null, null, null)), 405, "allowed: POST");
    }

    @Test
    void sessionWithTheTokenSaysSo() {
        JsonNode b = h.body(h.getAsToken("/api/session", Map.of()));
        assertEquals("api-token", b.get("role").asText());
        assertTrue(b.get("username").isNull());
    }
}

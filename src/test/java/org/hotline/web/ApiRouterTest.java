package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hotline.call.AgentControl;
import org.hotline.call.AgentPresence;
import org.hotline.call.CallHistory;
import org.hotline.json.Json;
import org.hotline.metrics.KpiQuery;
import org.hotline.metrics.KpiWindow;
import org.junit.jupiter.api.Test;

/** Every route and error of the router, with Mockito standing in for the domain. */
class ApiRouterTest {

    private static final String AUTH = "Bearer " + Fixtures.TOKEN;

    private final ObjectMapper json = Json.newMapper();
    private final ApiHarness harness = new ApiHarness();
    private final CallHistory calls = harness.calls;
    private final KpiQuery kpis = harness.kpis;
    private final AgentControl agents = harness.agents;
    private final ApiRouter router = harness.router;

    private ApiResponse healthz(HealthCheck... checks) {
        return healthz(AUTH, checks);
    }

    private ApiResponse healthz(String authorization, HealthCheck... checks) {
        return new ApiRouter(Fixtures.TOKEN, calls, kpis, agents, harness.customers, harness.desk, harness.logins,
                harness.settings, List.of(checks))
                .handle(new ApiRequest("GET", "/healthz", null, authorization, null, null));
    }

    @Test
    void withoutCredentialsHealthSaysOnlyUpOrDownPerComponent() {
        ApiResponse r = healthz((String) null, () -> new ComponentHealth("ami", false, "user hotline at 10.0.0.5:5038 refused"));
        assertEquals(503, r.status());
        JsonNode ami = body(r).get("components").get("ami");
        assertEquals(false, ami.get("up").asBoolean());
        assertTrue(ami.path("detail").isMissingNode(), "details need the token: " + ami);
        assertTrue(healthz("Bearer wrong", () -> new ComponentHealth("ami", true, "x")).status() == 200);
        assertTrue(body(healthz("Bearer wrong", () -> new ComponentHealth("ami", true, "x")))
                .get("components").get("ami").path("detail").isMissingNode());
    }

    private ApiResponse get(String path, Map<String, List<String>> query) {
        return router.handle(new ApiRequest("GET", path, query, AUTH, null, null));
    }

    private ApiResponse post(String path, String contentType, String body) {
        return router.handle(new ApiRequest("POST", path, Map.of(), AUTH, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode body(ApiResponse r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertError(ApiResponse r, int status, String messagePart) {
        assertEquals(status, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        String error = body(r).get("error").asText();
        assertTrue(error.contains(messagePart), error);
    }

    @Test
    void healthIsUpWhenEveryComponentIs() {
        ApiResponse r = healthz(() -> new ComponentHealth("ami", true, "logged in"),
                () -> new ComponentHealth("redis", true, "connected"));
        assertEquals(200, r.status());
        JsonNode b = body(r);
        assertEquals("up", b.get("status").asText());
        assertEquals("logged in", b.get("components").get("ami").get("detail").asText());
        assertTrue(b.get("components").get("redis").get("up").asBoolean());
    }

    @Test
    void healthIs503DegradedWhenAComponentIsDownOrItsCheckThrows() {
        ApiResponse r = healthz(() -> new ComponentHealth("ami", false, "connection refused"), () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(503, r.status());
        JsonNode b = body(r);
        assertEquals("degraded", b.get("status").asText());
        assertEquals(false, b.get("components").get("ami").get("up").asBoolean());
        assertTrue(b.get("components").get("check-1").get("detail").asText().contains("boom"));
    }

    @Test
    void apiNeedsTheBearerToken() {
        ApiResponse missing = router.handle(new ApiRequest("GET", "/api/calls", null, null, null, null));
        assertError(missing, 401, "missing 'Authorization: Bearer <token>'");
        assertEquals("Bearer realm=\"hotline\"", missing.headers().get("WWW-Authenticate"));
        assertError(router.handle(new ApiRequest("GET", "/api/calls", null, "Bearer nope", null, null)), 401, "wrong API token");
        assertError(router.handle(new ApiRequest("GET", "/api/calls", null, Fixtures.TOKEN, null, null)), 401, "wrong");
        // the path is not even looked at without the token
        assertError(router.handle(new ApiRequest("GET", "/api/nothing", null, null, null, null)), 401, "missing");
        verify(calls, never()).recent(anyInt());
        assertEquals(200, router.handle(new ApiRequest("GET", "/api/agents", null, "bearer " + Fixtures.TOKEN, null, null)).status());
    }

    @Test
    void recentCallsDefaultToFiftyNewestFirst() {
        when(calls.recent(50)).thenReturn(List.of(Fixtures.call("b"), Fixtures.call("a")));
        ApiResponse r = get("/api/calls", Map.of());
        assertEquals(200, r.status());
        assertEquals("b", body(r).get(0).get("id").asText());
        assertEquals("2026-11-23T10:15:30Z", body(r).get(0).get("arrivedAt").asText());
        assertEquals("answered", body(r).get(0).get("outcome").asText());

        when(calls.recent(1000)).thenReturn(List.of());
        assertEquals(200, get("/api/calls", Map.of("limit", List.of("1000"))).status());
        verify(calls).recent(1000);
    }

    @Test
    void limitOutsideOneToThousandIs400() {
        for (String bad : List.of("0", "1001", "-3", "ten", "")) {
            assertError(get("/api/calls", Map.of("limit", List.of(bad))), 400, "limit must be a whole number from 1 to 1000");
        }
    }

    @Test
    void oneCallOr404() {
        when(calls.find("1700000000.5")).thenReturn(Optional.of(Fixtures.call("1700000000.5")));
        when(calls.find("nope")).thenReturn(Optional.empty());
        assertEquals("1700000000.5", body(get("/api/calls/1700000000.5", Map.of())).get("id").asText());
        assertError(get("/api/calls/nope", Map.of()), 404, "no call with id 'nope'");
    }

    @Test
    void storeOutageIs503() {
        when(calls.recent(anyInt())).thenThrow(new UncheckedIOException(new IOException("Redis at 127.0.0.1:6379 unavailable")));
        assertError(get("/api/calls", Map.of()), 503, "Redis at 127.0.0.1:6379 unavailable");
    }

    @Test
    void aBugIs500WithoutDetails() {
        when(agents.agents()).thenThrow(new NullPointerException("secret detail"));
        ApiResponse r = get("/api/agents", Map.of());
        assertError(r, 500, "internal error");
        assertTrue(!new String(r.body(), StandardCharsets.UTF_8).contains("secret"));
    }

    @Test
    void kpisOfTheOnlyQueueByDefault() {
        when(kpis.queues()).thenReturn(List.of("support"));
        when(kpis.report("support", KpiWindow.TODAY)).thenReturn(Fixtures.report("support", "today"));
        when(kpis.report("support", KpiWindow.INTERVAL_15M)).thenReturn(Fixtures.report("support", "15m"));
        JsonNode today = body(get("/api/kpis", Map.of()));
        assertEquals("support", today.get("queue").asText());
        assertEquals(75.0, today.get("serviceLevel").asDouble());
        assertTrue(today.get("apologyCompliance").isNull());
        assertEquals("15m", body(get("/api/kpis", Map.of("window", List.of("15m")))).get("window").asText());
    }

    @Test
    void kpisNeedTheQueueWhenSeveralAreConfigured() {
        when(kpis.queues()).thenReturn(List.of("support", "sales"));
        when(kpis.report("sales", KpiWindow.TODAY)).thenReturn(Fixtures.report("sales", "today"));
        assertError(get("/api/kpis", Map.of()), 400, "'queue' is required; configured queues: support, sales");
        assertEquals("sales", body(get("/api/kpis", Map.of("queue", List.of("sales")))).get("queue").asText());
        assertError(get("/api/kpis", Map.of("queue", List.of("vip"))), 404, "unknown queue 'vip'");
        assertError(get("/api/kpis", Map.of("queue", List.of("sales"), "window", List.of("week"))), 400,
                "window must be 'today' or '15m', not 'week'");
    }

    @Test
    void kpiQueueThatVanishesIs404() {
        when(kpis.queues()).thenReturn(List.of("support"));
        when(kpis.report(eq("support"), any())).thenThrow(new NoSuchElementException("support"));
        assertError(get("/api/kpis", Map.of("queue", List.of("support"))), 404, "unknown queue 'support'");
    }

    @Test
    void listsAgents() {
        when(agents.agents()).thenReturn(List.of(Fixtures.agent("1001", "available", null)));
        JsonNode b = body(get("/api/agents", Map.of()));
        assertEquals("1001", b.get(0).get("id").asText());
        assertEquals("available", b.get(0).get("state").asText());
    }

    @Test
    void changesAnAgentsState() {
        when(agents.changePresence("1001", AgentPresence.PAUSED, "break"))
                .thenReturn(Fixtures.agent("1001", "paused", "break"));
        ApiResponse r = post("/api/agents/1001/state", "application/json; charset=UTF-8",
                "{\"state\":\"paused\",\"reason\":\"break\"}");
        assertEquals(200, r.status());
        assertEquals("paused", body(r).get("state").asText());

        when(agents.changePresence("1001", AgentPresence.AVAILABLE, null))
                .thenReturn(Fixtures.agent("1001", "available", null));
        assertEquals(200, post("/api/agents/1001/state", "application/json", "{\"state\":\"available\"}").status());

        when(agents.changePresence("1001", AgentPresence.WRAP_UP, null))
                .thenReturn(Fixtures.agent("1001", "wrap-up", null));
        assertEquals("wrap-up", body(post("/api/agents/1001/state", "application/json", "{\"state\":\"wrap-up\"}"))
                .get("state").asText());
    }

    @Test
    void theTokenMayGiveAnyPauseReasonForAutomation() {
        when(agents.changePresence("1001", AgentPresence.PAUSED, "nightly-maintenance"))
                .thenReturn(Fixtures.agent("1001", "paused", "nightly-maintenance"));
        assertEquals(200, post("/api/agents/1001/state", "application/json",
                "{\"state\":\"paused\",\"reason\":\"nightly-maintenance\"}").status());
    }

    @Test
    void stateChangeErrorsSayWhatIsAllowed() {
        String path = "/api/agents/1001/state";
        assertError(post(path, "text/plain", "{}"), 415, "Content-Type must be application/json, not 'text/plain'");
        assertError(post(path, null, "{}"), 415, "not missing");
        assertError(post(path, "application/json", ""), 400, "request body is empty");
        assertError(post(path, "application/json", "{\"state\":"), 400, "not valid JSON");
        assertError(post(path, "application/json", "[1]"), 400, "must be a JSON object");
        assertError(post(path, "application/json", "{}"), 400, "field 'state' is required: 'available', 'paused' or 'wrap-up'");
        assertError(post(path, "application/json", "{\"state\":\"lunch\"}"), 400, "state must be 'available', 'paused' or 'wrap-up', not 'lunch'");
        assertError(post(path, "application/json", "{\"state\":1}"), 400, "must be a string");
        assertError(post(path, "application/json", "{\"state\":\"paused\",\"why\":\"x\"}"), 400, "unknown field 'why'; allowed fields: state, reason");
        assertError(post(path, "application/json", "{\"state\":\"paused\",\"reason\":\"" + "x".repeat(201) + "\"}"), 400, "longer than 200");
        verify(agents, never()).changePresence(any(), any(), any());
    }

    @Test
    void unknownAgentIs404AndARefusedChangeIs409() {
        when(agents.changePresence(eq("9999"), any(), any())).thenThrow(new NoSuchElementException("9999"));
        when(agents.changePresence(eq("1002"), any(), any())).thenThrow(new IllegalStateException("agent 1002 is on a call"));
        assertError(post("/api/agents/9999/state", "application/json", "{\"state\":\"paused\"}"), 404, "unknown agent '9999'");
        assertError(post("/api/agents/1002/state", "application/json", "{\"state\":\"paused\"}"), 409, "agent 1002 is on a call");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ApiResponse r = post("/api/calls", "application/json", "{}");
        assertError(r, 405, "method POST not allowed on /api/calls; allowed: GET");
        assertEquals("GET", r.headers().get("Allow"));
        assertEquals("POST", get("/api/agents/1001/state", Map.of()).headers().get("Allow"));
        assertEquals(405, router.handle(new ApiRequest("DELETE", "/healthz", null, null, null, null)).status());
    }

    @Test
    void unknownPathsAre404() {
        assertError(get("/api/callz", Map.of()), 404, "no such resource: /api/callz");
        assertError(get("/api/calls/a/b", Map.of()), 404, "no such resource");
        assertError(router.handle(new ApiRequest("GET", "/", null, null, null, null)), 404, "no such resource: /");
        assertError(router.handle(new ApiRequest("GET", "/index.php", null, null, null, null)), 404, "no such resource");
    }

    @Test
    void pathSegmentsArePercentDecodedOneByOne() {
        assertEquals(List.of("api", "calls", "a/b c+"), ApiRouter.segments("/api/calls/a%2Fb%20c+"));
        assertError(get("/api/calls/%zz", Map.of()), 400, "malformed percent-encoding");
    }
}

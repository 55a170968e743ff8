package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentPresence;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: every route for the API token, a supervisor's login and an agent's login. */
class ApiAccessTest {

    private static final String STATE_BREAK = "{\"state\":\"paused\",\"reason\":\"break\"}";
    private static final String DISPOSITION = "{\"code\":\"resolved\",\"resolved\":true,\"notes\":\"ok\"}";
    private static final String MONITOR = "{\"mode\":\"listen\",\"phone\":\"1008\"}";
    private static final String INTERACTION = "{\"channel\":\"email\",\"summary\":\"asked for a copy\"}";

    private final ApiHarness h = new ApiHarness();
    private String agent1001;
    private String supervisor;

    /** c1 answered by 1001; c2 answered by 1002 after 1001 missed; c3 answered by 1002 alone. */
    @BeforeEach
    void calls() {
        agent1001 = h.agentCookie("1001");
        supervisor = h.supervisorCookie();
        CallRecord c1 = call("c1", "1001", List.of("1001"));
        CallRecord c2 = call("c2", "1002", List.of("1001", "1002"));
        CallRecord c3 = call("c3", "1002", List.of("1002"));
        when(h.calls.recent(50)).thenReturn(List.of(c3, c2, c1));
        for (CallRecord c : List.of(c1, c2, c3)) {
            when(h.calls.find(c.id())).thenReturn(Optional.of(c));
            when(h.desk.agentOfCall(c.id())).thenReturn(Optional.of(c.agent()));
            when(h.desk.dispose(any(), any())).thenReturn(c1);
        }
        when(h.desk.currentCustomerOf("1001")).thenReturn(Optional.of("cust-1"));
        when(h.customers.find(anyString())).thenAnswer(inv -> Optional.of(view(inv.getArgument(0))));
        when(h.customers.findByPhone("+14155550101")).thenReturn(Optional.of(view("cust-1")));
        when(h.agents.agents()).thenReturn(List.of(Fixtures.agent("1001", "available", null)));
        when(h.agents.changePresence(anyString(), any(), any())).thenAnswer(inv ->
                Fixtures.agent(inv.getArgument(0), "paused", inv.getArgument(2)));
        when(h.desk.monitor(any(), any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(h.kpis.queues()).thenReturn(List.of("support"));
        when(h.kpis.report(any(), any())).thenReturn(Fixtures.report("support", "today"));
    }

    private static CallRecord call(String id, String agent, List<String> rung) {
        Instant t = Fixtures.T0;
        List<AgentAttempt> attempts = rung.stream().map(a -> new AgentAttempt(a, t, 6, 1,
                a.equals(agent) ? AgentAttempt.Result.ANSWERED : AgentAttempt.Result.NO_ANSWER)).toList();
        return new CallRecord(id, "+14155550101", "support", t, t, 0.1, agent, t.plusSeconds(10), 10, false,
                CallOutcome.ANSWERED, attempts, t.plusSeconds(100), 90, List.of());
    }

    private static CustomerView view(String id) {
        return new CustomerView(new Customer(id, "Jane Doe", List.of("+14155550101"), null, "en", "standard",
                null, null, List.of(), List.of()), List.of(), List.of());
    }

    private int get(String cookie, String path) {
        return get(cookie, path, Map.of());
    }

    private int get(String cookie, String path, Map<String, List<String>> query) {
        ApiResponse r = cookie == null ? h.getAsToken(path, query) : h.getWithCookie(cookie, path, query);
        return r.status();
    }

    private int post(String cookie, String path, String body) {
        ApiResponse r = cookie == null ? h.postAsToken(path, body) : h.postWithCookie(cookie, path, body);
        return r.status();
    }

    @Test
    void theTokenMayDoEverything() {
        assertEquals(200, get(null, "/api/calls"));
        assertEquals(200, get(null, "/api/calls/c3"));
        assertEquals(200, get(null, "/api/agents"));
        assertEquals(200, get(null, "/api/kpis"));
        assertEquals(200, get(null, "/api/customers/cust-9"));
        assertEquals(200, get(null, "/api/customers", Map.of("phone", List.of("415 555 0101"))));
        assertEquals(200, post(null, "/api/agents/1002/state", "{\"state\":\"paused\",\"reason\":\"anything\"}"));
        assertEquals(200, post(null, "/api/calls/c3/disposition", DISPOSITION));
        assertEquals(200, post(null, "/api/calls/c3/monitor", MONITOR));
        assertEquals(201, post(null, "/api/customers/cust-1/interactions", INTERACTION));
    }

    @Test
    void aSupervisorReadsEverythingAndSteersButAddsNoInteractions() {
        assertEquals(200, get(supervisor, "/api/calls"));
        assertEquals(3, h.body(h.getWithCookie(supervisor, "/api/calls", Map.of())).size());
        assertEquals(200, get(supervisor, "/api/calls/c3"));
        assertEquals(200, get(supervisor, "/api/agents"));
        assertEquals(200, get(supervisor, "/api/kpis"));
        assertEquals(200, get(supervisor, "/api/customers/cust-9"));
        assertEquals(200, get(supervisor, "/api/customers", Map.of("phone", List.of("415 555 0101"))));
        assertEquals(200, post(supervisor, "/api/agents/1002/state", STATE_BREAK));
        assertEquals(200, post(supervisor, "/api/calls/c3/disposition", DISPOSITION));
        assertEquals(200, post(supervisor, "/api/calls/c3/monitor", MONITOR));
        h.assertError(h.postWithCookie(supervisor, "/api/customers/cust-1/interactions", INTERACTION), 403,
                "only the API token may add interactions");
        verify(h.customers, never()).record(any(), any());
    }

    @Test
    void aSupervisorsDispositionIsSignedWithTheirLogin() {
        h.postWithCookie(supervisor, "/api/calls/c3/disposition", DISPOSITION);
        verify(h.desk).dispose("c3", new org.hotline.call.Disposition("resolved", true, "ok", "sup", Fixtures.T0));
    }

    @Test
    void anAgentSeesOnlyTheCallsTheyAnsweredInTheList() {
        JsonNode list = h.body(h.getWithCookie(agent1001, "/api/calls", Map.of()));
        assertEquals(1, list.size());
        assertEquals("c1", list.get(0).get("id").asText());
    }

    @Test
    void anAgentReadsACallTheyAnsweredOrWereRungFor() {
        assertEquals(200, get(agent1001, "/api/calls/c1"));
        assertEquals(200, get(agent1001, "/api/calls/c2"));
        h.assertError(h.getWithCookie(agent1001, "/api/calls/c3", Map.of()), 403,
                "an agent may read only calls they answered or were rung for");
    }

    @Test
    void anAgentReadsOnlyTheirCurrentCallersCustomerAndCannotSearch() {
        assertEquals(200, get(agent1001, "/api/customers/cust-1"));
        h.assertError(h.getWithCookie(agent1001, "/api/customers/cust-2", Map.of()), 403,
                "only the customer of their current call");
        h.assertError(h.getWithCookie(agent1001, "/api/customers", Map.of("phone", List.of("4155550101"))), 403,
                "may not search customers");
        String agent1002 = h.agentCookie("1002"); // no current call
        h.assertError(h.getWithCookie(agent1002, "/api/customers/cust-1", Map.of()), 403, "current call");
        verify(h.customers, never()).find("cust-2");
    }

    @Test
    void anAgentChangesOnlyTheirOwnState() {
        assertEquals(200, post(agent1001, "/api/agents/1001/state", STATE_BREAK));
        h.assertError(h.postWithCookie(agent1001, "/api/agents/1002/state", STATE_BREAK), 403,
                "only their own state");
        verify(h.agents, never()).changePresence(org.mockito.ArgumentMatchers.eq("1002"), any(), any());
    }

    @Test
    void aBrowserPauseReasonMustBeAConfiguredOne() {
        h.assertError(h.postWithCookie(agent1001, "/api/agents/1001/state", "{\"state\":\"paused\",\"reason\":\"nap\"}"),
                400, "pause reason must be one of break, lunch, training, off-shift, not 'nap'");
        h.assertError(h.postWithCookie(supervisor, "/api/agents/1001/state", "{\"state\":\"paused\",\"reason\":\"nap\"}"),
                400, "pause reason must be one of");
        assertEquals(200, post(agent1001, "/api/agents/1001/state", "{\"state\":\"paused\"}"));
        assertEquals(200, post(agent1001, "/api/agents/1001/state", "{\"state\":\"wrap-up\"}"));
        verify(h.agents).changePresence("1001", AgentPresence.WRAP_UP, null);
    }

    @Test
    void anAgentDisposesOnlyCallsTheyAnswered() {
        assertEquals(200, post(agent1001, "/api/calls/c1/disposition", DISPOSITION));
        verify(h.desk).dispose("c1", new org.hotline.call.Disposition("resolved", true, "ok", "1001", Fixtures.T0));
        h.assertError(h.postWithCookie(agent1001, "/api/calls/c2/disposition", DISPOSITION), 403,
                "only for a call they answered");
        h.assertError(h.postWithCookie(agent1001, "/api/calls/unknown/disposition", DISPOSITION), 403,
                "only for a call they answered");
    }

    @Test
    void anAgentMayNotReadTheBoardNorMonitor() {
        h.assertError(h.getWithCookie(agent1001, "/api/agents", Map.of()), 403, "only a supervisor");
        h.assertError(h.getWithCookie(agent1001, "/api/kpis", Map.of()), 403, "only a supervisor");
        h.assertError(h.postWithCookie(agent1001, "/api/calls/c1/monitor", MONITOR), 403, "only a supervisor");
        h.assertError(h.postWithCookie(agent1001, "/api/customers/cust-1/interactions", INTERACTION), 403,
                "only the API token");
        verify(h.desk, never()).monitor(any(), any(), any());
        verify(h.agents, never()).agents();
    }

    @Test
    void noCredentialsIs401BeforeThePathIsLookedAt() {
        for (String path : List.of("/api/calls", "/api/customers/cust-1", "/api/nothing", "/api/session")) {
            h.assertError(h.getWithCookie(null, path, Map.of()), 401, "missing");
        }
        h.assertError(h.postWithCookie(null, "/api/calls/c1/disposition", DISPOSITION), 401, "missing");
        verify(h.calls, never()).recent(anyInt());
    }

    @Test
    void aWrongTokenIs401EvenWithAGoodCookie() {
        ApiResponse r = h.router.handle(new ApiRequest("GET", "/api/calls", Map.of(), "Bearer nope", null, null,
                supervisor, null, ApiHarness.HOST, null));
        h.assertError(r, 401, "wrong API token");
    }

    @Test
    void cookiePostsNeedTheServersOwnOrigin() {
        for (String origin : new String[] {null, "http://evil.example", "null", "http://127.0.0.1:8081",
                "ftp://127.0.0.1:8080"}) {
            h.assertError(h.postWithCookie(supervisor, "/api/agents/1001/state", STATE_BREAK, origin), 403,
                    "cross-origin request refused");
        }
        assertEquals(200, h.postWithCookie(supervisor, "/api/agents/1001/state", STATE_BREAK,
                "https://127.0.0.1:8080").status());
        // a request without Host cannot be same-origin
        ApiResponse noHost = h.router.handle(new ApiRequest("POST", "/api/agents/1001/state", Map.of(), null,
                "application/json", STATE_BREAK.getBytes(java.nio.charset.StandardCharsets.UTF_8), supervisor,
                ApiHarness.ORIGIN, null, null));
        h.assertError(noHost, 403, "cross-origin");
        verify(h.agents).changePresence("1001", AgentPresence.PAUSED, "break");
        // GETs and the token are not origin-checked
        assertEquals(200, get(supervisor, "/api/agents"));
        assertEquals(200, post(null, "/api/agents/1001/state", STATE_BREAK));
    }

    @Test
    void interactionsByTheTokenAreStoredWithDefaults() {
        ApiResponse r = h.postAsToken("/api/customers/cust-1/interactions", INTERACTION);
        assertEquals(201, r.status());
        JsonNode b = h.body(r);
        assertEquals("email", b.get("channel").asText());
        assertEquals(Fixtures.T0.toString(), b.get("at").asText());
        assertEquals(36, b.get("id").asText().length());
        verify(h.customers).record(org.mockito.ArgumentMatchers.eq("cust-1"), any(Interaction.class));
    }
}

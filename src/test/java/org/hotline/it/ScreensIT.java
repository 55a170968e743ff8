package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.hotline.customer.Customer;
import org.hotline.customer.Interaction;
import org.hotline.customer.Ticket;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The agent desktop and the supervisor board in real headless Chromium, with a real call: a SIPp
 * caller whose number belongs to an imported customer dials the hotline on the sandbox Asterisk,
 * Hotline rings agent 1002's SIPp phone, and the pages show what the agent and the supervisor
 * would see. Screenshots of both pages go to target/screenshots.
 */
class ScreensIT extends SandboxTest {

    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final String HOTLINE = "http://127.0.0.1:8080";
    /** SIPp's caller number is the prefix plus the call's number: 1 for a single call. */
    private static final String CALLER_PREFIX = "415555014";
    private static final String CALLER = CALLER_PREFIX + "1";

    @Test
    void theAgentSeesTheCustomerWhileThePhoneRingsAndTheSupervisorWatchesTheCall() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1002", "1003")));
        String customerId = "it-cust-" + System.nanoTime();
        hotline.customers().save(new Customer(customerId, "Jane Whitfield", List.of("+1" + CALLER),
                "jane@example.com", "en", "vip", "ACME-42", "prefers email",
                List.of(new Ticket("T-7", "Router keeps rebooting", "open", Instant.parse("2026-11-20T09:00:00Z"))),
                List.of()));
        hotline.customers().record(customerId, new Interaction("mail-1", Instant.now().minus(Duration.ofDays(1)),
                "email", "support", null, "replied", null, null, "Asked about the router firmware"));
        // Both agents start paused: the caller waits, so the board shows a running wait clock.
        hotline.post("/api/agents/1002/state", "{\"state\":\"paused\",\"reason\":\"break\"}");
        hotline.post("/api/agents/1003/state", "{\"state\":\"paused\",\"reason\":\"training\"}");
        keep(Sipp.agent(2, "agent.xml", 4000));

        Browser bob = keep(new Browser());
        bob.open(HOTLINE + "/agent").login("1002", "agent-1002");
        bob.waitForText(By.id("connection"), "live", SHORT);
        bob.waitForText(By.id("agent-state"), "paused", SHORT);
        Browser carol = keep(new Browser());
        carol.open(HOTLINE + "/agent").login("1003", "agent-1003");
        carol.waitForText(By.id("connection"), "live", SHORT);
        Browser sup = keep(new Browser());
        sup.open(HOTLINE + "/board").login("sup", "supervisor-sup");
        sup.waitForText(By.id("connection"), "live", SHORT);
        String answeredBefore = sup.waitVisible(By.cssSelector("#kpi-today-support [data-kpi='answered']"), SHORT)
                .getText().strip();

        Sipp caller = keep(Sipp.callers("caller.xml", CALLER_PREFIX, 1, 14_000, 1000));

        // The board: the waiting caller, with a clock that runs.
        By waitingRow = By.cssSelector("#queue-support .waiting-call");
        sup.waitVisible(waitingRow, SHORT);
        By clock = By.cssSelector("#queue-support .waiting-call .wait-clock");
        String first = sup.text(clock);
        Poll.until("the board's wait clock to move on from " + first, Duration.ofSeconds(5),
                () -> sup.text(clock).equals(first) ? null : true);
        assertTrue(sup.text(waitingRow).contains("Jane Whitfield"), "the board names the customer: " + sup.text(waitingRow));

        // The supervisor makes 1002 available from the board; Hotline rings 1002's phone.
        sup.click(By.cssSelector("tr[data-agent-id='1002'] .btn-unpause"));
        bob.waitForText(By.id("pop-customer-name"), "Jane Whitfield", SHORT);
        String stateWhilePopShown = hotline.agent("1002").path("state").asText();
        assertEquals("ringing", stateWhilePopShown, "the pop is on screen while the phone still rings");
        assertTrue(bob.text(By.id("pop-greeting")).contains("Jane Whitfield"), bob.text(By.id("pop-greeting")));
        assertTrue(bob.text(By.id("pop-greeting")).contains("Agent 1002") || bob.text(By.id("pop-greeting")).contains("Bob"),
                "the greeting names the agent: " + bob.text(By.id("pop-greeting")));
        assertTrue(bob.text(By.id("pop-tickets")).contains("Router keeps rebooting"));
        assertTrue(bob.text(By.id("pop-history")).contains("Asked about the router firmware"),
                "yesterday's email beside the call: " + bob.text(By.id("pop-history")));
        bob.screenshot("agent-desktop-pop");
        sup.screenshot("board-ringing");

        // Connected: the board shows the agent on the call and the queue empty.
        sup.waitForText(By.cssSelector("tr[data-agent-id='1002'] .agent-state"), "on-call", SHORT);
        bob.waitForText(By.id("agent-state"), "on-call", SHORT);
        Poll.until("the board's queue to empty", SHORT,
                () -> sup.driver().findElements(waitingRow).isEmpty() ? true : null);

        caller.awaitSuccess(Duration.ofSeconds(60));
        JsonNode call = hotline.finishedCall(CALLER, Duration.ofSeconds(30));
        assertEquals("answered", call.path("outcome").asText(), call::toString);
        assertEquals(customerId, call.path("customerId").asText());
        Instant ringingAt = Instant.parse(call.path("pop").path("ringingAt").asText());
        Instant ackedAt = Instant.parse(call.path("pop").path("ackedAt").asText());
        Instant answeredAt = Instant.parse(call.path("agentAnsweredAt").asText());
        assertTrue(ackedAt.isBefore(answeredAt), "the pop was on screen before the agent answered: " + call.path("pop"));
        assertTrue(Duration.between(ringingAt, ackedAt).toMillis() < 2000, call.path("pop")::toString);

        // Wrap-up and the disposition, which lands on the call and in the customer's history.
        bob.waitVisible(By.id("disposition-form"), SHORT);
        bob.select(By.id("disposition-code"), "resolved");
        bob.click(By.id("disposition-resolved-yes"));
        bob.type(By.id("disposition-notes"), "Firmware update walked through");
        bob.click(By.id("disposition-submit"));
        bob.waitVisible(By.id("disposition-result"), SHORT);
        bob.screenshot("agent-desktop-disposition");
        JsonNode stored = Poll.until("the disposition in the customer's history", SHORT, () -> {
            for (JsonNode entry : hotline.get("/api/customers/" + customerId).path("recent")) {
                if (call.path("id").asText().equals(entry.path("id").asText())
                        && "resolved".equals(entry.path("disposition").asText())) {
                    return entry;
                }
            }
            return null;
        });
        assertTrue(stored.path("resolved").asBoolean(), stored::toString);
        assertEquals("resolved", hotline.get("/api/calls/" + call.path("id").asText()).path("disposition").path("code").asText());

        // The KPIs moved on the board.
        sup.waitForText(By.cssSelector("#kpi-today-support [data-kpi='answered']"),
                String.valueOf(Integer.parseInt(answeredBefore.isBlank() || answeredBefore.equals("–") ? "0" : answeredBefore) + 1), SHORT);
        sup.screenshot("board");

        // The operator's view: /metrics counts the call and the pop's latency.
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(HOTLINE + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("hotline_calls_total{outcome=\"answered\"} 1.0"), metrics::body);
        assertTrue(metrics.body().contains("hotline_pop_latency_seconds_count{stage=\"acked\"} 1"), metrics::body);
        assertTrue(metrics.body().contains("hotline_websocket_clients 3.0"), metrics::body);

        // 1003 never saw 1002's caller.
        assertFalse(carol.driver().getPageSource().contains("Jane Whitfield"), "another agent's pop leaked");
        assertEquals(List.of(), unexpected(bob.consoleErrors()), "agent page console");
        assertEquals(List.of(), unexpected(sup.consoleErrors()), "board console");
    }

    @Test
    void aSupervisorListensToALiveCallFromTheBoard() throws Exception {
        HotlineUnderTest hotline = keep(HotlineUnderTest.start(List.of("1002")));
        keep(Sipp.agent(2, "agent.xml", 500));
        keep(Sipp.agent(8, "agent.xml", 500)); // the supervisor's own phone, extension 1008
        Browser sup = keep(new Browser());
        sup.open(HOTLINE + "/board").login("sup", "supervisor-sup");
        sup.waitForText(By.id("connection"), "live", SHORT);

        Sipp caller = keep(Sipp.callers("caller.xml", "5559", 1, 15_000, 1000));
        sup.waitForText(By.cssSelector("tr[data-agent-id='1002'] .agent-state"), "on-call", SHORT);
        sup.click(By.cssSelector("tr[data-agent-id='1002'] .btn-listen"));
        sup.waitVisible(By.id("monitor-phone"), SHORT);
        sup.driver().findElement(By.id("monitor-phone")).clear();
        sup.type(By.id("monitor-phone"), "1008");
        sup.click(By.id("monitor-confirm"));
        String spying = Poll.until("the supervisor's phone in ChanSpy on the agent's leg", SHORT, () -> {
            String channels = Sandbox.asterisk("core show channels verbose");
            return channels.contains("ChanSpy") && channels.contains("PJSIP/1008") ? channels : null;
        });
        assertTrue(spying.contains("PJSIP/1002"), spying);
        sup.screenshot("board-listening");
        caller.awaitSuccess(Duration.ofSeconds(60));
        assertEquals("answered", hotline.finishedCall("55591", Duration.ofSeconds(30)).path("outcome").asText());
    }

    /** Console errors other than the 401 of the session check before logging in. */
    private static List<String> unexpected(List<String> consoleErrors) {
        return consoleErrors.stream().filter(e -> !(e.contains("/api/session") && e.contains("401"))).toList();
    }

    @Test
    void anAgentsCookieCannotOpenTheBoardsSocket() throws Exception {
        keep(HotlineUnderTest.start(List.of("1002")));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(HOTLINE + "/api/login"))
                .header("Content-Type", "application/json").header("Origin", HOTLINE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"1002\",\"password\":\"agent-1002\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login::body);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        try {
            WebSocket socket = http.newWebSocketBuilder().header("Cookie", cookie).header("Origin", HOTLINE)
                    .buildAsync(URI.create("ws://127.0.0.1:8080/ws/board"), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS);
            socket.abort();
            throw new AssertionError("an agent opened the board's socket");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            assertTrue(cause instanceof WebSocketHandshakeException, cause::toString);
            assertEquals(403, ((WebSocketHandshakeException) cause).getResponse().statusCode());
        }
        WebSocket own = http.newWebSocketBuilder().header("Cookie", cookie).header("Origin", HOTLINE)
                .buildAsync(URI.create("ws://127.0.0.1:8080/ws/agent"), new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
        assertNotEquals(null, own, "the agent's own socket opens");
        own.abort();
    }
}

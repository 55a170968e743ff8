package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.call.AgentControl;
import org.hotline.call.AgentPresence;
import org.hotline.call.CallHistory;
import org.hotline.json.Json;
import org.hotline.metrics.KpiQuery;
import org.hotline.metrics.KpiWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Netty server on a free port, called over HTTP/1.1 like curl or a browser would. */
class WebServerTest {

    private static final int MAX_BODY = 1024;

    private final ObjectMapper json = Json.newMapper();
    private final ApiHarness harness = new ApiHarness();
    private final CallHistory calls = harness.calls;
    private final KpiQuery kpis = harness.kpis;
    private final AgentControl agents = harness.agents;
    private final AtomicBoolean amiUp = new AtomicBoolean(true);
    private final CountDownLatch healthChecked = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private WebServer server;

    @BeforeEach
    void start() {
        HealthCheck ami = () -> {
            healthChecked.countDown();
            return new ComponentHealth("ami", amiUp.get(), amiUp.get() ? "logged in" : "connection refused");
        };
        HealthCheck redis = () -> new ComponentHealth("redis", true, "connected, 0 writes pending");
        ApiRouter router = router(List.of(ami, redis));
        server = new WebServer(WebOptions.builder().port(0).maxRequestBodyBytes(MAX_BODY).build(),
                router, executor).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
        executor.shutdown();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private ApiRouter router(List<HealthCheck> checks) {
        return new ApiRouter(Fixtures.TOKEN, calls, kpis, agents, harness.customers, harness.desk, harness.logins,
                harness.settings, checks);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + Fixtures.TOKEN));
    }

    private HttpResponse<String> postState(String agent, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/agents/" + agent + "/state"))
                .header("Authorization", "Bearer " + Fixtures.TOKEN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode body(HttpResponse<String> r) throws IOException {
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        return json.readTree(r.body());
    }

    private void assertError(HttpResponse<String> r, int status, String part) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        String error = body(r).get("error").asText();
        assertTrue(error.contains(part), error);
    }

    @Test
    void aFullApiQueueAnswers503AtOnceInsteadOfQueueingWithoutEnd() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ThreadPoolExecutor bounded = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1));
        WebServer small = new WebServer(WebOptions.builder().port(0).build(), router(List.of()), bounded).start();
        try {
            bounded.execute(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            bounded.execute(() -> { }); // the queue is full now
            HttpResponse<String> busy = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + small.port() + "/api/calls"))
                    .header("Authorization", "Bearer " + Fixtures.TOKEN));
            assertError(busy, 503, "server busy");
        } finally {
            release.countDown();
            small.stop();
            bounded.shutdown();
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheServer() throws Exception {
        WebServer quick = new WebServer(WebOptions.builder().port(0).idleTimeout(Duration.ofMillis(300)).build(),
                router(List.of()), executor).start();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", quick.port())) {
            socket.setSoTimeout(5000);
            assertEquals(-1, socket.getInputStream().read(), "the server closed the silent connection");
        } finally {
            quick.stop();
        }
    }

    @Test
    void healthzNeedsNoTokenAndTurns503WhenAComponentIsDown() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/healthz")));
        assertEquals(200, anonymous.statusCode());
        assertTrue(body(anonymous).get("components").get("redis").path("detail").isMissingNode(),
                "details need the token");
        HttpResponse<String> up = send(HttpRequest.newBuilder(uri("/healthz")).header("Authorization", "Bearer " + Fixtures.TOKEN));
        assertEquals(200, up.statusCode());
        assertEquals("up", body(up).get("status").asText());
        assertEquals("connected, 0 writes pending", body(up).get("components").get("redis").get("detail").asText());

        amiUp.set(false);
        HttpResponse<String> down = send(HttpRequest.newBuilder(uri("/healthz")).header("Authorization", "Bearer " + Fixtures.TOKEN));
        assertEquals(503, down.statusCode());
        assertEquals("degraded", body(down).get("status").asText());
        assertEquals("connection refused", body(down).get("components").get("ami").get("detail").asText());
    }

    @Test
    void apiNeedsTheToken() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/calls")));
        assertError(none, 401, "missing");
        assertEquals("Bearer realm=\"hotline\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertError(send(HttpRequest.newBuilder(uri("/api/calls")).header("Authorization", "Bearer wrong")), 401, "wrong API token");
    }

    @Test
    void callsRoutes() throws Exception {
        when(calls.recent(2)).thenReturn(List.of(Fixtures.call("c2"), Fixtures.call("c1")));
        when(calls.find("c1")).thenReturn(Optional.of(Fixtures.call("c1")));
        when(calls.find("zz")).thenReturn(Optional.empty());

        HttpResponse<String> list = get("/api/calls?limit=2");
        assertEquals(200, list.statusCode());
        assertEquals("c2", body(list).get(0).get("id").asText());
        assertEquals("no-store", list.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("c1", body(get("/api/calls/c1")).get("id").asText());
        assertError(get("/api/calls/zz"), 404, "no call with id 'zz'");
        assertError(get("/api/calls?limit=5000"), 400, "limit must be a whole number from 1 to 1000");
    }

    @Test
    void kpisRoute() throws Exception {
        when(kpis.queues()).thenReturn(List.of("support", "sales"));
        when(kpis.report("sales", KpiWindow.INTERVAL_15M)).thenReturn(Fixtures.report("sales", "15m"));
        JsonNode report = body(get("/api/kpis?queue=sales&window=15m"));
        assertEquals("sales", report.get("queue").asText());
        assertEquals(8, report.get("answered").asInt());
        assertError(get("/api/kpis"), 400, "configured queues: support, sales");
        assertError(get("/api/kpis?queue=vip"), 404, "unknown queue 'vip'");
        assertError(get("/api/kpis?queue=sales&window=year"), 400, "window must be 'today' or '15m'");
    }

    @Test
    void agentRoutes() throws Exception {
        when(agents.agents()).thenReturn(List.of(Fixtures.agent("1001", "available", null)));
        when(agents.changePresence("1001", AgentPresence.PAUSED, "break")).thenReturn(Fixtures.agent("1001", "paused", "break"));
        when(agents.changePresence(eq("9999"), any(), any())).thenThrow(new NoSuchElementException());

        assertEquals("1001", body(get("/api/agents")).get(0).get("id").asText());
        HttpResponse<String> paused = postState("1001", "application/json", "{\"state\":\"paused\",\"reason\":\"break\"}");
        assertEquals(200, paused.statusCode(), paused.body());
        assertEquals("break", body(paused).get("reason").asText());

        assertError(postState("1001", "application/json", "{\"state\":\"gone\"}"), 400, "'available', 'paused' or 'wrap-up', not 'gone'");
        assertError(postState("1001", "application/json", "{nope"), 400, "not valid JSON");
        assertError(postState("1001", "text/plain", "{\"state\":\"paused\"}"), 415, "application/json");
        assertError(postState("9999", "application/json", "{\"state\":\"paused\"}"), 404, "unknown agent '9999'");
        HttpResponse<String> wrongMethod = get("/api/agents/1001/state");
        assertError(wrongMethod, 405, "allowed: POST");
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void aBrowserLogsInAndUsesItsCookieFromItsOwnOrigin() throws Exception {
        String origin = "http://127.0.0.1:" + server.port();
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/login"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"1001\",\"password\":\"agent-1001\"}")));
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("; HttpOnly; SameSite=Strict; Max-Age=43200"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> session = send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie", cookie));
        assertEquals("1001", body(session).get("agent").asText());

        when(agents.changePresence("1001", AgentPresence.AVAILABLE, null)).thenReturn(Fixtures.agent("1001", "available", null));
        HttpRequest.Builder own = HttpRequest.newBuilder(uri("/api/agents/1001/state")).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"available\"}"));
        assertError(send(own.copy().header("Origin", "http://evil.example")), 403, "cross-origin request refused");
        assertEquals(200, send(own.copy().header("Origin", origin)).statusCode());
        assertError(send(HttpRequest.newBuilder(uri("/api/agents")).header("Cookie", cookie)), 403, "only a supervisor");

        HttpResponse<String> logout = send(HttpRequest.newBuilder(uri("/api/logout")).header("Cookie", cookie)
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().endsWith("Max-Age=0"));
        assertError(send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie", cookie)), 401, "log in again");
    }

    @Test
    void tooLargeBodyIs413() throws Exception {
        String big = "{\"state\":\"paused\",\"reason\":\"" + "x".repeat(MAX_BODY) + "\"}";
        assertError(postState("1001", "application/json", big), 413, "request body larger than " + MAX_BODY + " bytes");
        // the server still serves new connections afterwards
        assertEquals(200, send(HttpRequest.newBuilder(uri("/healthz"))).statusCode());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertError(get("/api/nothing"), 404, "no such resource: /api/nothing");
        assertError(send(HttpRequest.newBuilder(uri("/favicon.ico"))), 404, "no such resource");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOneAfterAnother() throws Exception {
        // The calls read waits for the health check; if the two requests of one connection ran
        // at once, the health check would release it and answer first. Run in order, the calls
        // read times out waiting and its answer comes first.
        AtomicBoolean healthRanFirst = new AtomicBoolean();
        when(calls.recent(1)).thenAnswer(inv -> {
            healthRanFirst.set(healthChecked.await(300, TimeUnit.MILLISECONDS));
            return List.of(Fixtures.call("slow"));
        });
        String twoRequests = "GET /api/calls?limit=1 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + Fixtures.TOKEN + "\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
        String answer = exchange(twoRequests);
        int first = answer.indexOf("\"id\":\"slow\"");
        int second = answer.indexOf("\"status\":\"up\"");
        assertTrue(first > 0 && second > first, answer);
        assertEquals(false, healthRanFirst.get());
    }

    @Test
    void malformedRequestIs400() throws Exception {
        String answer = exchange("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("{\"error\":\"malformed HTTP request"), answer);
    }

    @Test
    void refusesToStartOnAPortInUse() {
        WebServer second = new WebServer(WebOptions.builder().port(server.port()).build(),
                router(List.of()), executor);
        IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
        assertTrue(e.getMessage().contains("cannot listen for HTTP on 127.0.0.1:" + server.port()), e.getMessage());
    }

    /** Writes raw bytes, reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}

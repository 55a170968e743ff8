package org.hotline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.hotline.call.AgentControl;
import org.hotline.call.AgentView;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.json.Json;
import org.hotline.metrics.KpiQuery;
import org.hotline.metrics.KpiWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API as a plain function from {@link ApiRequest} to {@link ApiResponse}. No Netty here,
 * so every route and error is unit-tested without a socket. It may block (call history reads go
 * to Redis): the HTTP handler calls it on the API executor, never on an event loop.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>auth</th><th>answer</th></tr>
 *   <tr><td>GET /healthz</td><td>none</td><td>200 all components up, 503 any down
 *       ({@code status} "up" / "degraded")</td></tr>
 *   <tr><td>GET /api/calls?limit=N</td><td>bearer</td><td>array of call records, newest first;
 *       limit 1..1000, default 50</td></tr>
 *   <tr><td>GET /api/calls/{id}</td><td>bearer</td><td>the call record, 404 if unknown</td></tr>
 *   <tr><td>GET /api/kpis?queue=Q&amp;window=today|15m</td><td>bearer</td><td>the KPI report;
 *       queue may be left out when exactly one is configured; window defaults to today</td></tr>
 *   <tr><td>GET /api/agents</td><td>bearer</td><td>array of agents</td></tr>
 *   <tr><td>POST /api/agents/{id}/state</td><td>bearer</td><td>body {@code {"state":"available"|"paused",
 *       "reason":"..."}}; the updated agent</td></tr>
 * </table>
 *
 * Errors are {@code {"error":"..."}}: 400 bad parameter or body, 401 missing or wrong token
 * (checked before the path, so unauthenticated callers learn nothing about routes), 404 unknown
 * path, call, queue or agent, 405 wrong method (with {@code Allow}), 409 agent change refused in
 * its current state, 413 body too big (sent by the HTTP pipeline), 415 body not
 * {@code application/json}, 500 a bug (details in the log only), 503 a store unreachable.
 */
public final class ApiRouter {

    public static final int DEFAULT_CALL_LIMIT = 50;
    public static final int MAX_CALL_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final BearerAuth auth;
    private final CallHistory calls;
    private final KpiQuery kpis;
    private final AgentControl agents;
    private final List<HealthCheck> healthChecks;
    private final ObjectMapper json = Json.newMapper();

    public ApiRouter(String apiToken, CallHistory calls, KpiQuery kpis, AgentControl agents,
                     List<HealthCheck> healthChecks) {
        this.auth = new BearerAuth(apiToken);
        this.calls = Objects.requireNonNull(calls, "calls");
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.healthChecks = List.copyOf(healthChecks);
    }

    /** Answers one request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return error(e.status(), e.getMessage(), e.headers());
        } catch (UncheckedIOException e) {
            LOG.warn("{} {}: {}", request.method(), request.rawPath(), e.getCause().getMessage());
            return error(503, "temporarily unavailable: " + e.getCause().getMessage(), Map.of());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.rawPath(), e);
            return error(500, "internal error; the server log has the details", Map.of());
        }
    }

    /** The JSON error body every failure carries. */
    public ApiResponse error(int status, String message, Map<String, String> headers) {
        return new ApiResponse(status, headers, write(Map.of("error", message)));
    }

    private ApiResponse route(ApiRequest req) {
        List<String> segments = segments(req.rawPath());
        if (segments.equals(List.of("healthz"))) {
            allow(req, "GET");
            return health();
        }
        if (segments.isEmpty() || !segments.get(0).equals("api")) {
            throw notFound(req);
        }
        if (!auth.accepts(req.authorization())) {
            throw new ApiException(401, req.authorization() == null
                    ? "missing 'Authorization: Bearer <token>' header"
                    : "wrong API token", Map.of("WWW-Authenticate", "Bearer realm=\"hotline\""));
        }
        List<String> rest = segments.subList(1, segments.size());
        if (rest.equals(List.of("calls"))) {
            allow(req, "GET");
            return ok(calls.recent(limit(req.param("limit"))));
        }
        if (rest.size() == 2 && rest.get(0).equals("calls")) {
            allow(req, "GET");
            String id = rest.get(1);
            CallRecord record = calls.find(id)
                    .orElseThrow(() -> new ApiException(404, "no call with id '" + id + "'"));
            return ok(record);
        }
        if (rest.equals(List.of("kpis"))) {
            allow(req, "GET");
            return kpiReport(req.param("queue"), req.param("window"));
        }
        if (rest.equals(List.of("agents"))) {
            allow(req, "GET");
            return ok(agents.agents());
        }
        if (rest.size() == 3 && rest.get(0).equals("agents") && rest.get(2).equals("state")) {
            allow(req, "POST");
            return changeState(rest.get(1), req);
        }
        throw notFound(req);
    }

    private ApiResponse health() {
        Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        boolean allUp = true;
        for (int i = 0; i < healthChecks.size(); i++) {
            ComponentHealth h;
            try {
                h = Objects.requireNonNull(healthChecks.get(i).check(), "check returned null");
            } catch (RuntimeException e) {
                h = new ComponentHealth("check-" + i, false, "health check failed: " + e);
            }
            allUp &= h.up();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("up", h.up());
            entry.put("detail", h.detail());
            components.put(h.name(), entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "up" : "degraded");
        body.put("components", components);
        return new ApiResponse(allUp ? 200 : 503, Map.of(), write(body));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_CALL_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_CALL_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_CALL_LIMIT + ", not '" + text + "'");
    }

    private ApiResponse kpiReport(String queue, String windowText) {
        KpiWindow window;
        try {
            window = KpiWindow.parse(windowText);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        List<String> queues = kpis.queues();
        if (queue == null || queue.isBlank()) {
            if (queues.size() != 1) {
                throw new ApiException(400, "query parameter 'queue' is required; configured queues: " + String.join(", ", queues));
            }
            queue = queues.get(0);
        }
        String unknown = "unknown queue '" + queue + "'; configured queues: " + String.join(", ", queues);
        if (!queues.contains(queue)) {
            throw new ApiException(404, unknown);
        }
        try {
            return ok(kpis.report(queue, window));
        } catch (NoSuchElementException e) {
            throw new ApiException(404, unknown);
        }
    }

    private ApiResponse changeState(String agentId, ApiRequest req) {
        if (!isJson(req.contentType())) {
            throw new ApiException(415, "Content-Type must be application/json, not "
                    + (req.contentType() == null ? "missing" : "'" + req.contentType() + "'"));
        }
        AgentStateRequest change = AgentStateRequest.parse(json, req.body());
        AgentView view;
        try {
            view = agents.changePresence(agentId, change.presence(), change.reason());
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "unknown agent '" + agentId + "'");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        return ok(view);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    private static void allow(ApiRequest req, String method) {
        if (!req.method().equals(method)) {
            throw new ApiException(405, "method " + req.method() + " not allowed on " + req.rawPath() + "; allowed: " + method,
                    Map.of("Allow", method));
        }
    }

    private static ApiException notFound(ApiRequest req) {
        return new ApiException(404, "no such resource: " + req.rawPath());
    }

    /** Path segments, percent-decoded one by one (so an encoded '/' stays inside its segment). */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(400, "malformed percent-encoding in path segment '" + s + "'");
                }
            }
        }
        return out;
    }

    private ApiResponse ok(Object body) {
        return new ApiResponse(200, Map.of(), write(body));
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }
}

package org.hotline.web;

import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.hotline.call.AgentControl;
import org.hotline.call.CallHistory;
import org.hotline.customer.CustomerDirectory;
import org.hotline.metrics.KpiQuery;
import org.hotline.metrics.KpiWindow;
import org.hotline.web.auth.Logins;
import org.hotline.web.auth.OriginCheck;
import org.hotline.web.auth.Principal;
import org.hotline.web.auth.SessionCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API as a plain function from {@link ApiRequest} to {@link ApiResponse}. No Netty here,
 * so every route, role and error is unit-tested without a socket. It may block (call history reads
 * go to Redis, a login runs bcrypt): the HTTP handler calls it on the API executor, never on an
 * event loop. The route groups live in {@link LoginRoutes}, {@link CallRoutes},
 * {@link CustomerRoutes} and {@link AgentRoutes}.
 *
 * <p><b>Who may call.</b> {@code /api/*} takes either the bearer token ({@code Authorization:
 * Bearer <token>}; automation, allowed everything) or a browser session cookie
 * ({@code hotline_session}, from {@code POST /api/login}); without either the answer is 401 before
 * the path is even looked at. When both are sent, the token decides. Sessions live in memory
 * ({@link Logins}): a restart logs everyone out. Every request other than GET
 * that rides on the cookie must carry an {@code Origin} equal to {@code http(s)://<Host>}, else 403.
 *
 * <table>
 *   <caption>Routes, and what each role may do (token = bearer token; sup = supervisor; agent)</caption>
 *   <tr><th>route</th><th>token</th><th>sup</th><th>agent</th><th>answer</th></tr>
 *   <tr><td>GET /healthz</td><td colspan="3">none for up/down; the token or a supervisor for
 *       each component's detail</td><td>200 all up, 503 any down</td></tr>
 *   <tr><td>POST /api/login</td><td colspan="3">no credentials</td><td>{@code {"username","role","agent"}}
 *       and the cookie; 401 wrong username or password; 429 too many failures</td></tr>
 *   <tr><td>POST /api/logout</td><td colspan="3">no credentials</td><td>{@code {}}, cookie cleared</td></tr>
 *   <tr><td>GET /api/session</td><td>yes</td><td>yes</td><td>yes</td><td>the login, as at login</td></tr>
 *   <tr><td>GET /api/calls?limit=N</td><td>all</td><td>all</td><td>those of the newest N they
 *       answered</td><td>call records, newest first; N 1..1000, default 50</td></tr>
 *   <tr><td>GET /api/calls/{id}</td><td>yes</td><td>yes</td><td>answered or rung for it</td><td>the record</td></tr>
 *   <tr><td>POST /api/calls/{id}/disposition</td><td>yes</td><td>yes</td><td>answered it</td>
 *       <td>{@code {"code","resolved","notes"}}; the record</td></tr>
 *   <tr><td>POST /api/calls/{id}/monitor</td><td>yes</td><td>yes</td><td>no</td>
 *       <td>{@code {"mode","phone"}}; {@code {"callId","mode","phone"}}</td></tr>
 *   <tr><td>GET /api/kpis?queue=Q&amp;window=today|15m</td><td>yes</td><td>yes</td><td>no</td><td>KPI report</td></tr>
 *   <tr><td>GET /api/agents</td><td>yes</td><td>yes</td><td>no</td><td>array of agents</td></tr>
 *   <tr><td>POST /api/agents/{id}/state</td><td>any reason</td><td>configured reasons</td>
 *       <td>own only, configured reasons</td><td>{@code {"state":"available"|"paused"|"wrap-up",
 *       "reason"}}; the agent</td></tr>
 *   <tr><td>GET /api/customers/{id}</td><td>yes</td><td>yes</td><td>current caller's only</td><td>customer view</td></tr>
 *   <tr><td>GET /api/customers?phone=P</td><td>yes</td><td>yes</td><td>no</td><td>customer view</td></tr>
 *   <tr><td>POST /api/customers/{id}/interactions</td><td>yes</td><td>no</td><td>no</td>
 *       <td>201, the stored interaction</td></tr>
 * </table>
 *
 * Errors are {@code {"error":"..."}}: 400 bad parameter or body, 401 no or wrong credentials, 403
 * the role may not, or a cross-origin request, 404 unknown path, call, queue, agent or customer, 405
 * wrong method (with {@code Allow}), 409 refused in the current state, 413 body too big (sent by
 * the HTTP pipeline), 415 body not {@code application/json}, 429 login throttled (with
 * {@code Retry-After}), 500 a bug (details in the log only), 503 a store or Asterisk unreachable.
 * No answer or log line carries a password, token or cookie.
 */
public final class ApiRouter {

    public static final int DEFAULT_CALL_LIMIT = 50;
    public static final int MAX_CALL_LIMIT = 1000;
    static final String CROSS_ORIGIN = "cross-origin request refused";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"hotline\"");

    private final BearerAuth auth;
    private final KpiQuery kpis;
    private final Logins logins;
    private final List<HealthCheck> healthChecks;
    private final Replies replies = new Replies();
    private final LoginRoutes loginRoutes;
    private final CallRoutes callRoutes;
    private final CustomerRoutes customerRoutes;
    private final AgentRoutes agentRoutes;

    /**
     * @param apiToken  the bearer token of automation; allowed everything
     * @param customers the customer directory behind {@code /api/customers}
     * @param desk      live calls: whose customer, who answered, dispositions, monitoring
     * @param logins    browser logins and their sessions
     * @param settings  pause reasons, disposition codes, phone normalising, the clock
     */
    public ApiRouter(String apiToken, CallHistory calls, KpiQuery kpis, AgentControl agents,
                     CustomerDirectory customers, AgentDesk desk, Logins logins, ApiSettings settings,
                     List<HealthCheck> healthChecks) {
        this.auth = new BearerAuth(apiToken);
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.logins = Objects.requireNonNull(logins, "logins");
        this.healthChecks = List.copyOf(healthChecks);
        Objects.requireNonNull(settings, "settings");
        this.loginRoutes = new LoginRoutes(logins, replies);
        this.callRoutes = new CallRoutes(Objects.requireNonNull(calls, "calls"), Objects.requireNonNull(desk, "desk"),
                settings, replies);
        this.customerRoutes = new CustomerRoutes(Objects.requireNonNull(customers, "customers"), desk, settings, replies);
        this.agentRoutes = new AgentRoutes(Objects.requireNonNull(agents, "agents"), settings, replies);
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
        return replies.error(status, message, headers);
    }

    private ApiResponse route(ApiRequest req) {
        List<String> segments = segments(req.rawPath());
        if (segments.equals(List.of("healthz"))) {
            allow(req, "GET");
            return health(mayReadHealthDetails(req));
        }
        if (segments.isEmpty() || !segments.get(0).equals("api")) {
            throw notFound(req);
        }
        List<String> rest = segments.subList(1, segments.size());
        if (rest.equals(List.of("login"))) {
            allow(req, "POST");
            return loginRoutes.login(req);
        }
        if (rest.equals(List.of("logout"))) {
            allow(req, "POST");
            return loginRoutes.logout(req);
        }
        Caller caller = authenticate(req);
        if (!caller.isApiToken() && !req.method().equals("GET") && !OriginCheck.sameOrigin(req.origin(), req.host())) {
            throw new ApiException(403, CROSS_ORIGIN);
        }
        return switch (rest.isEmpty() ? "" : rest.get(0)) {
            case "session" -> {
                requireSize(req, rest, 1);
                allow(req, "GET");
                yield loginRoutes.session(caller);
            }
            case "calls" -> calls(caller, req, rest);
            case "customers" -> customers(caller, req, rest);
            case "agents" -> agents(caller, req, rest);
            case "kpis" -> {
                requireSize(req, rest, 1);
                allow(req, "GET");
                if (!caller.readsEverything()) {
                    throw new ApiException(403, "only a supervisor may read the KPIs");
                }
                yield kpiReport(req.param("queue"), req.param("window"));
            }
            default -> throw notFound(req);
        };
    }

    /** The bearer token if one is sent (a wrong one is 401 whatever the cookie), else the session cookie. */
    private Caller authenticate(ApiRequest req) {
        if (req.authorization() != null) {
            if (!auth.accepts(req.authorization())) {
                throw new ApiException(401, "wrong API token", CHALLENGE);
            }
            return Caller.API_TOKEN;
        }
        List<String> tokens = SessionCookie.tokens(req.cookie());
        if (tokens.isEmpty()) {
            throw new ApiException(401, "missing 'Authorization: Bearer <token>' header or session cookie; log in",
                    CHALLENGE);
        }
        Optional<Principal> principal = logins.authenticateCookie(req.cookie());
        if (principal.isEmpty()) {
            Map<String, String> headers = new LinkedHashMap<>(CHALLENGE);
            headers.put("Set-Cookie", SessionCookie.cleared());
            throw new ApiException(401, "session expired or ended; log in again", headers);
        }
        return new Caller(principal.get());
    }

    private ApiResponse calls(Caller caller, ApiRequest req, List<String> rest) {
        if (rest.size() == 1) {
            allow(req, "GET");
            return callRoutes.recent(caller, limit(req.param("limit")));
        }
        if (rest.size() == 2) {
            allow(req, "GET");
            return callRoutes.one(caller, rest.get(1));
        }
        if (rest.size() == 3 && rest.get(2).equals("disposition")) {
            allow(req, "POST");
            return callRoutes.dispose(caller, rest.get(1), req);
        }
        if (rest.size() == 3 && rest.get(2).equals("monitor")) {
            allow(req, "POST");
            return callRoutes.monitor(caller, rest.get(1), req);
        }
        throw notFound(req);
    }

    private ApiResponse customers(Caller caller, ApiRequest req, List<String> rest) {
        if (rest.size() == 1) {
            allow(req, "GET");
            return customerRoutes.byPhone(caller, req.param("phone"));
        }
        if (rest.size() == 2) {
            allow(req, "GET");
            return customerRoutes.one(caller, rest.get(1));
        }
        if (rest.size() == 3 && rest.get(2).equals("interactions")) {
            allow(req, "POST");
            return customerRoutes.addInteraction(caller, rest.get(1), req);
        }
        throw notFound(req);
    }

    private ApiResponse agents(Caller caller, ApiRequest req, List<String> rest) {
        if (rest.size() == 1) {
            allow(req, "GET");
            return agentRoutes.list(caller);
        }
        if (rest.size() == 3 && rest.get(2).equals("state")) {
            allow(req, "POST");
            return agentRoutes.changeState(caller, rest.get(1), req);
        }
        throw notFound(req);
    }

    /**
     * Anyone may learn whether each component is up (load balancers, monitors); the details
     * (addresses, user names, error texts) are for the API token and supervisors.
     */
    private boolean mayReadHealthDetails(ApiRequest req) {
        if (req.authorization() != null) {
            return auth.accepts(req.authorization());
        }
        return logins.authenticateCookie(req.cookie()).map(Principal::isSupervisor).orElse(false);
    }

    private ApiResponse health(boolean details) {
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
            if (details) {
                entry.put("detail", h.detail());
            }
            components.put(h.name(), entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "up" : "degraded");
        body.put("components", components);
        return replies.status(allUp ? 200 : 503, body, Map.of());
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
            return replies.ok(kpis.report(queue, window));
        } catch (NoSuchElementException e) {
            throw new ApiException(404, unknown);
        }
    }

    private static void requireSize(ApiRequest req, List<String> rest, int size) {
        if (rest.size() != size) {
            throw notFound(req);
        }
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
}

package org.hotline.fuzz;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentControl;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentView;
import org.hotline.call.CallHistory;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;
import org.hotline.metrics.KpiCounters;
import org.hotline.metrics.KpiQuery;
import org.hotline.metrics.KpiReport;
import org.hotline.metrics.KpiWindow;
import org.hotline.web.AgentDesk;
import org.hotline.web.ApiRequest;
import org.hotline.web.ApiResponse;
import org.hotline.web.ApiRouter;
import org.hotline.web.ApiSettings;
import org.hotline.web.MonitorMode;
import org.hotline.web.auth.Logins;
import org.hotline.web.auth.Role;

/**
 * A real {@link ApiRouter} over plain in-memory fakes, for the HTTP body fuzz targets: agent 1001
 * and supervisor "sup" can log in; call {@value #CALL}, answered by 1001, is live; customer
 * {@value #CUSTOMER} exists. The fakes keep no record of their calls (unlike Mockito mocks, which
 * would grow with every one of millions of inputs) and answer the way the real stores do: unknown
 * ids are {@link NoSuchElementException}.
 */
final class FuzzedApi {

    static final String TOKEN = "fuzz-token-0123456789";
    static final String HOST = "127.0.0.1:8080";
    static final String ORIGIN = "http://" + HOST;
    static final String CALL = "call-1";
    static final String CUSTOMER = "cust-1";
    static final String AGENT = "1001";
    static final String SUPERVISOR_PASSWORD = "sup-pass";
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    final ApiRouter router;
    /** The {@code Cookie} header of the supervisor's browser login. */
    final String supervisorCookie;

    FuzzedApi() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        // Cost 4 keeps the logins of the fuzz targets cheap; production hashes use cost 10.
        Logins logins = new Logins(List.of(
                new Logins.Account(AGENT, Role.AGENT, AGENT, hash("agent-1001")),
                new Logins.Account("sup", Role.SUPERVISOR, null, hash(SUPERVISOR_PASSWORD))), Duration.ofHours(12), clock);
        ApiSettings settings = new ApiSettings(List.of("break", "lunch", "training"),
                List.of("resolved", "follow-up-needed"), FuzzedApi::normalisePhone, clock, Duration.ofMillis(50));
        router = new ApiRouter(TOKEN, new Calls(), new Kpis(), new Agents(), new Customers(), new Desk(), logins,
                settings, List.of());
        ApiResponse login = post("/api/login", null, null,
                ("{\"username\":\"sup\",\"password\":\"" + SUPERVISOR_PASSWORD + "\"}").getBytes());
        String setCookie = login.headers().get("Set-Cookie");
        supervisorCookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** A same-origin JSON POST, with the bearer token and/or a cookie (either may be null). */
    ApiResponse post(String path, String bearerToken, String cookie, byte[] body) {
        return router.handle(new ApiRequest("POST", path, Map.of(),
                bearerToken == null ? null : "Bearer " + bearerToken, "application/json", body,
                cookie, ORIGIN, HOST, "127.0.0.1"));
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(4, password.toCharArray());
    }

    private static String normalisePhone(String raw) {
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.length() < 3) {
            throw new IllegalArgumentException("not a number");
        }
        return "+1" + digits;
    }

    private static CallRecord answeredCall() {
        return new CallRecord(CALL, "+15551230001", "support", T0, T0.plusSeconds(3), 0.5, AGENT,
                T0.plusSeconds(20), 20.0, true, CallOutcome.ANSWERED,
                List.of(new AgentAttempt(AGENT, T0.plusSeconds(14), 6.0, 1.0, AgentAttempt.Result.ANSWERED)),
                T0.plusSeconds(200), 180.0, List.of(new CallRecord.TimelineEntry(T0, "arrived", null)));
    }

    private static final class Calls implements CallHistory {
        @Override
        public java.util.concurrent.CompletableFuture<Void> append(CallRecord record, KpiCounters contribution) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public List<CallRecord> recent(int limit) {
            return List.of(answeredCall());
        }

        @Override
        public Optional<CallRecord> find(String id) {
            return CALL.equals(id) ? Optional.of(answeredCall()) : Optional.empty();
        }

        @Override
        public KpiCounters counters(String queue, Instant from, Instant to) {
            return KpiCounters.ZERO;
        }
    }

    private static final class Kpis implements KpiQuery {
        @Override
        public List<String> queues() {
            return List.of("support");
        }

        @Override
        public KpiReport report(String queue, KpiWindow window) {
            return new KpiReport(queue, "today", 10, 8, 2, 75.0, 12.5, 190.0, 20.0, 100.0, 1, null);
        }
    }

    private static final class Agents implements AgentControl {
        @Override
        public List<AgentView> agents() {
            return List.of();
        }

        @Override
        public AgentView changePresence(String agentId, AgentPresence presence, String reason) {
            if (!AGENT.equals(agentId)) {
                throw new NoSuchElementException(agentId);
            }
            return new AgentView(AGENT, "Agent " + AGENT, "PJSIP/" + AGENT, List.of("support"),
                    presence.name().toLowerCase(), reason, T0, 0, 0, null);
        }
    }

    private static final class Customers implements CustomerDirectory {
        @Override
        public Optional<CustomerView> findByPhone(String number) {
            return Optional.empty();
        }

        @Override
        public Optional<CustomerView> find(String id) {
            return CUSTOMER.equals(id) ? Optional.of(new CustomerView(new Customer(CUSTOMER, "Jane Doe",
                    List.of("+14155550101"), null, "en", "vip", null, null, List.of(), List.of()),
                    List.of(), List.of())) : Optional.empty();
        }

        @Override
        public void save(Customer customer) {
        }

        @Override
        public void record(String customerId, Interaction interaction) {
            if (!CUSTOMER.equals(customerId)) {
                throw new NoSuchElementException(customerId);
            }
        }

        @Override
        public List<Interaction> history(String customerId, int limit) {
            return List.of();
        }
    }

    private static final class Desk implements AgentDesk {
        @Override
        public Optional<String> currentCustomerOf(String agentId) {
            return AGENT.equals(agentId) ? Optional.of(CUSTOMER) : Optional.empty();
        }

        @Override
        public Optional<String> agentOfCall(String callId) {
            return CALL.equals(callId) ? Optional.of(AGENT) : Optional.empty();
        }

        @Override
        public CallRecord dispose(String callId, Disposition disposition) {
            if (!CALL.equals(callId)) {
                throw new NoSuchElementException(callId);
            }
            return answeredCall().withDisposition(disposition);
        }

        @Override
        public CompletableFuture<Void> monitor(String callId, MonitorMode mode, String phone) {
            return CALL.equals(callId) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new NoSuchElementException(callId));
        }
    }
}

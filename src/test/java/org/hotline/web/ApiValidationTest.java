package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.Disposition;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The bodies and parameters of the customer, disposition and monitor routes, and their errors. */
class ApiValidationTest {

    private final ApiHarness h = new ApiHarness();

    private static CustomerView view(String id) {
        return new CustomerView(new Customer(id, "Jane Doe", List.of("+14155550101"), "jane@example.com", "en", "vip",
                "A-1", null, List.of(), List.of()), List.of(), List.of());
    }

    @Test
    void customerByIdOr404() {
        when(h.customers.find("cust-1")).thenReturn(Optional.of(view("cust-1")));
        when(h.customers.find("nope")).thenReturn(Optional.empty());
        JsonNode b = h.body(h.getAsToken("/api/customers/cust-1", Map.of()));
        assertEquals("Jane Doe", b.get("customer").get("name").asText());
        h.assertError(h.getAsToken("/api/customers/nope", Map.of()), 404, "no customer with id 'nope'");
    }

    @Test
    void customerByPhoneIsNormalisedFirst() {
        when(h.customers.findByPhone("+14155550101")).thenReturn(Optional.of(view("cust-1")));
        assertEquals("cust-1", h.body(h.getAsToken("/api/customers", Map.of("phone", List.of(" (415) 555-0101 "))))
                .get("customer").get("id").asText());
        h.assertError(h.getAsToken("/api/customers", Map.of("phone", List.of("4155550199"))), 404,
                "no customer with phone '+14155550199'");
        h.assertError(h.getAsToken("/api/customers", Map.of()), 400, "query parameter 'phone' is required");
        h.assertError(h.getAsToken("/api/customers", Map.of("phone", List.of("ab"))), 400, "'ab' is not a phone number");
        h.assertError(h.getAsToken("/api/customers", Map.of("phone", List.of("1".repeat(65)))), 400, "longer than 64");
    }

    @Test
    void aDirectoryOutageIs503() {
        when(h.customers.find(anyString())).thenThrow(new UncheckedIOException(new IOException("Redis down")));
        h.assertError(h.getAsToken("/api/customers/cust-1", Map.of()), 503, "Redis down");
    }

    @Test
    void interactionFieldsAreCheckedAndStored() {
        String path = "/api/customers/cust-1/interactions";
        ApiResponse r = h.postAsToken(path, "{\"id\":\"mail-7\",\"channel\":\"Email\",\"at\":\"2026-11-20T09:00:00Z\","
                + "\"queue\":\"billing\",\"agent\":\"1001\",\"outcome\":\"replied\",\"summary\":\"invoice copy\"}");
        assertEquals(201, r.status(), ApiHarness.text(r));
        ArgumentCaptor<Interaction> stored = ArgumentCaptor.forClass(Interaction.class);
        verify(h.customers).record(eq("cust-1"), stored.capture());
        assertEquals(new Interaction("mail-7", Instant.parse("2026-11-20T09:00:00Z"), "email", "billing", "1001",
                "replied", null, null, "invoice copy"), stored.getValue());
        assertEquals("mail-7", h.body(r).get("id").asText());

        h.assertError(h.postAsToken(path, "{\"summary\":\"x\"}"), 400, "field 'channel' is required");
        h.assertError(h.postAsToken(path, "{\"channel\":\"e-mail\"}"), 400, "channel must be a word of letters");
        h.assertError(h.postAsToken(path, "{\"channel\":\"email\",\"at\":\"yesterday\"}"), 400, "ISO-8601");
        h.assertError(h.postAsToken(path, "{\"channel\":\"email\",\"at\":5}"), 400, "ISO-8601");
        h.assertError(h.postAsToken(path, "{\"channel\":\"email\",\"disposition\":\"x\"}"), 400,
                "unknown field 'disposition'; allowed fields: id, channel, at, queue, agent, outcome, summary");
        h.assertError(h.postAsToken(path, "{\"channel\":\"email\",\"id\":\"a b\"}"), 400, "id may hold");
        h.assertError(h.postAsToken(path, "{\"channel\":\"email\",\"summary\":\"" + "x".repeat(2001) + "\"}"), 400,
                "'summary' is longer than 2000");
    }

    @Test
    void interactionForAnUnknownCustomerIs404() {
        doThrow(new NoSuchElementException()).when(h.customers).record(eq("ghost"), any());
        h.assertError(h.postAsToken("/api/customers/ghost/interactions", "{\"channel\":\"chat\"}"), 404,
                "no customer with id 'ghost'");
    }

    @Test
    void dispositionIsCheckedAgainstTheConfiguredCodes() {
        String path = "/api/calls/c1/disposition";
        h.assertError(h.postAsToken(path, "{\"code\":\"great\",\"resolved\":true}"), 400,
                "code must be one of resolved, follow-up-needed, not 'great'");
        h.assertError(h.postAsToken(path, "{\"resolved\":true}"), 400,
                "field 'code' is required: one of resolved, follow-up-needed");
        h.assertError(h.postAsToken(path, "{\"code\":\"resolved\"}"), 400, "field 'resolved' is required: true or false");
        h.assertError(h.postAsToken(path, "{\"code\":\"resolved\",\"resolved\":\"yes\"}"), 400, "must be true or false");
        h.assertError(h.postAsToken(path, "{\"code\":\"resolved\",\"resolved\":true,\"notes\":\"" + "n".repeat(2001) + "\"}"),
                400, "'notes' is longer than 2000");
        h.assertError(h.postAsToken(path, "{\"code\":\"resolved\",\"resolved\":true,\"rating\":5}"), 400,
                "unknown field 'rating'");
        verify(h.desk, never()).dispose(any(), any());
    }

    @Test
    void dispositionReachesTheDeskAndItsRefusalsMap() {
        when(h.desk.dispose(eq("c1"), any())).thenReturn(Fixtures.call("c1"));
        when(h.desk.dispose(eq("gone"), any())).thenThrow(new NoSuchElementException("gone"));
        when(h.desk.dispose(eq("unanswered"), any())).thenThrow(new IllegalStateException("no agent answered call unanswered"));
        String body = "{\"code\":\"follow-up-needed\",\"resolved\":false,\"notes\":\"  call back Monday \"}";
        assertEquals("c1", h.body(h.postAsToken("/api/calls/c1/disposition", body)).get("id").asText());
        verify(h.desk).dispose("c1", new Disposition("follow-up-needed", false, "call back Monday", "api", Fixtures.T0));
        h.assertError(h.postAsToken("/api/calls/gone/disposition", body), 404, "no call with id 'gone'");
        h.assertError(h.postAsToken("/api/calls/unanswered/disposition", body), 409, "no agent answered");
    }

    @Test
    void monitorBodyIsChecked() {
        String path = "/api/calls/c1/monitor";
        h.assertError(h.postAsToken(path, "{\"mode\":\"spy\",\"phone\":\"1008\"}"), 400,
                "mode must be 'listen', 'whisper' or 'barge', not 'spy'");
        h.assertError(h.postAsToken(path, "{\"phone\":\"1008\"}"), 400, "field 'mode' is required");
        h.assertError(h.postAsToken(path, "{\"mode\":\"listen\"}"), 400, "field 'phone' is required");
        h.assertError(h.postAsToken(path, "{\"mode\":\"listen\",\"phone\":\"1008&PJSIP/1001\"}"), 400,
                "phone must be an extension");
        verify(h.desk, never()).monitor(any(), any(), any());
    }

    @Test
    void monitorAnswersWithWhatWasStarted() {
        when(h.desk.monitor("c1", MonitorMode.WHISPER, "1008")).thenReturn(CompletableFuture.completedFuture(null));
        ApiResponse r = h.postAsToken("/api/calls/c1/monitor", "{\"mode\":\"whisper\",\"phone\":\"1008\"}");
        assertEquals(200, r.status(), ApiHarness.text(r));
        assertEquals("{\"callId\":\"c1\",\"mode\":\"whisper\",\"phone\":\"1008\"}", ApiHarness.text(r));
    }

    @Test
    void monitorFailuresMapToStatuses() {
        String body = "{\"mode\":\"barge\",\"phone\":\"1008\"}";
        when(h.desk.monitor(eq("none"), any(), any())).thenThrow(new NoSuchElementException());
        when(h.desk.monitor(eq("queued"), any(), any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("call queued is not connected to an agent")));
        when(h.desk.monitor(eq("down"), any(), any()))
                .thenReturn(CompletableFuture.failedFuture(new UncheckedIOException(new IOException("AMI not connected"))));
        when(h.desk.monitor(eq("slow"), any(), any())).thenReturn(new CompletableFuture<>());
        h.assertError(h.postAsToken("/api/calls/none/monitor", body), 404, "no live call with id 'none'");
        h.assertError(h.postAsToken("/api/calls/queued/monitor", body), 409, "not connected to an agent");
        h.assertError(h.postAsToken("/api/calls/down/monitor", body), 503, "Asterisk unreachable: AMI not connected");
        h.assertError(h.postAsToken("/api/calls/slow/monitor", body), 503, "did not confirm the barge request");
    }

    @Test
    void postBodiesMustBeJson() {
        ApiResponse r = h.router.handle(new ApiRequest("POST", "/api/calls/c1/disposition", Map.of(),
                "Bearer " + Fixtures.TOKEN, "text/plain", "{}".getBytes()));
        h.assertError(r, 415, "Content-Type must be application/json");
        h.assertError(h.postAsToken("/api/calls/c1/monitor", ""), 400, "request body is empty");
    }

    @Test
    void newRoutesHaveTheirMethodsAndShapes() {
        assertEquals("POST", h.getAsToken("/api/calls/c1/monitor", Map.of()).headers().get("Allow"));
        assertEquals("POST", h.getAsToken("/api/customers/c/interactions", Map.of()).headers().get("Allow"));
        assertEquals("GET", h.postAsToken("/api/customers/c", "{}").headers().get("Allow"));
        h.assertError(h.getAsToken("/api/customers/c/orders", Map.of()), 404, "no such resource");
        h.assertError(h.getAsToken("/api/session/x", Map.of()), 404, "no such resource");
        h.assertError(h.getAsToken("/api/kpis/x", Map.of()), 404, "no such resource");
        h.assertError(h.getAsToken("/api", Map.of()), 404, "no such resource");
    }
}

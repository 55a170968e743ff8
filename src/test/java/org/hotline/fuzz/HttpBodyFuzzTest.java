package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hotline.web.ApiResponse;

/**
 * The JSON request bodies of the REST API, each through the real {@code ApiRouter} (over
 * {@link FuzzedApi}'s fakes) by a caller allowed to send it, so that the body is what decides.
 *
 * <p>Contract: {@code ApiRouter.handle} never throws and never answers 5xx for a body, whatever
 * its bytes: it answers 200/201 with a JSON body, or a 4xx whose body is
 * {@code {"error":"<what was wrong>"}}. A 500 here is a bug in a body's reading (the router turns
 * an unexpected exception into 500).
 */
class HttpBodyFuzzTest {

    private static final FuzzedApi API = new FuzzedApi();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code POST /api/login} from a browser, no session yet. */
    @FuzzTest
    void loginBody(byte[] body) {
        check(API.post("/api/login", null, null, body), body);
    }

    /** {@code POST /api/agents/1001/state} from the supervisor's browser (pause reasons are checked). */
    @FuzzTest
    void agentStateBody(byte[] body) {
        check(API.post("/api/agents/" + FuzzedApi.AGENT + "/state", null, API.supervisorCookie, body), body);
    }

    /** {@code POST /api/calls/call-1/disposition} with the API token. */
    @FuzzTest
    void dispositionBody(byte[] body) {
        check(API.post("/api/calls/" + FuzzedApi.CALL + "/disposition", FuzzedApi.TOKEN, null, body), body);
    }

    /** {@code POST /api/calls/call-1/monitor} with the API token. */
    @FuzzTest
    void monitorBody(byte[] body) {
        check(API.post("/api/calls/" + FuzzedApi.CALL + "/monitor", FuzzedApi.TOKEN, null, body), body);
    }

    /** {@code POST /api/customers/cust-1/interactions} with the API token. */
    @FuzzTest
    void interactionBody(byte[] body) {
        check(API.post("/api/customers/" + FuzzedApi.CUSTOMER + "/interactions", FuzzedApi.TOKEN, null, body), body);
    }

    private static void check(ApiResponse response, byte[] body) {
        int status = response.status();
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        String shown = new String(body, StandardCharsets.UTF_8);
        assertFalse(status >= 500, () -> "status " + status + " " + answer + " for body " + shown);
        JsonNode tree;
        try {
            tree = JSON.readTree(response.body());
        } catch (IOException e) {
            fail("answer is not JSON: " + answer);
            return;
        }
        assertNotNull(tree, "empty answer");
        if (status == 200 || status == 201) {
            return;
        }
        assertTrue(status >= 400 && status < 500, () -> "status " + status + " " + answer);
        JsonNode error = tree.get("error");
        assertTrue(error != null && error.isTextual() && !error.asText().isBlank(),
                () -> "a " + status + " without an error message: " + answer);
    }
}

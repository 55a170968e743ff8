package org.hotline.web;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;

/**
 * What the REST API needs from the live call handling for the agent desktop and the board. The
 * server implements it in its composition root. Methods may block briefly; the router calls them
 * on the API executor.
 */
public interface AgentDesk {

    /**
     * The customer id of the call the agent's phone is ringing for, is talking on, or is in
     * wrap-up from; empty when none or when that caller matched no customer. An agent may read
     * this customer and no other.
     */
    Optional<String> currentCustomerOf(String agentId);

    /**
     * The agent who answered the call, whether it is still live or has ended (also before its
     * record reaches the call history); empty when no agent answered or no such call is known.
     */
    Optional<String> agentOfCall(String callId);

    /**
     * Records the disposition on the call record and in the customer's history, and ends the
     * answering agent's wrap-up early.
     *
     * @return the call record with the disposition
     * @throws java.util.NoSuchElementException when there is no such call (404)
     * @throws IllegalStateException            when the call cannot take one, e.g. no agent answered it (409)
     */
    CallRecord dispose(String callId, Disposition disposition);

    /**
     * Rings the supervisor's {@code phone} (an extension) and, once answered, joins it to the live
     * call in {@code mode}. The future completes when Asterisk accepted the request; the router
     * waits for it at most {@link ApiSettings#monitorTimeout()}.
     *
     * <p>Failures, thrown or completing the future: {@link java.util.NoSuchElementException} no
     * live call with that id (404); {@link IllegalStateException} the call is not connected to an
     * agent (409); {@link IllegalArgumentException} unknown phone (400); anything else, e.g.
     * {@link java.io.UncheckedIOException}, Asterisk unreachable (503).
     */
    CompletableFuture<Void> monitor(String callId, MonitorMode mode, String phone);
}

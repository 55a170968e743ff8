package org.hotline.call;

import java.time.Instant;
import java.util.Map;
import org.hotline.customer.CustomerView;

/**
 * What the agent's desktop shows while their phone rings: who calls, what they already told the
 * IVR, the unified customer view, whether to apologise, and the greeting to say.
 *
 * @param customer    the unified view, null when the number matches no customer
 * @param ivr         what the caller chose or entered before reaching the queue
 * @param waitSeconds how long the caller has waited for a person when the ringing began
 * @param rings       the same in rings
 * @param apology     the caller waited past the apology threshold: the agent should apologise first
 * @param callback    Hotline is calling the customer back (they asked while waiting): once the agent
 *                    answers, the customer's phone rings
 */
public record ScreenPop(String callId, String agentId, String caller, String queue, Instant ringingAt,
                        CustomerView customer, Map<String, Object> ivr, double waitSeconds, double rings,
                        boolean apology, String greeting, boolean callback) {

    public ScreenPop {
        // values may be null (e.g. no language before the IVR chose one): an unmodifiable copy, not Map.copyOf
        ivr = ivr == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ivr));
    }

    /** The pop of a call a caller placed. */
    public ScreenPop(String callId, String agentId, String caller, String queue, Instant ringingAt,
                     CustomerView customer, Map<String, Object> ivr, double waitSeconds, double rings,
                     boolean apology, String greeting) {
        this(callId, agentId, caller, queue, ringingAt, customer, ivr, waitSeconds, rings, apology, greeting, false);
    }
}

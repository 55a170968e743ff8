package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.Agent;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCall;
import org.hotline.call.ScreenPop;
import org.hotline.customer.CustomerView;
import org.hotline.ivr.IvrTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the agent's screen-pop for a call being rung: who calls, what they told the IVR, the greeting. */
final class ScreenPops {

    private static final Logger log = LoggerFactory.getLogger(ScreenPops.class);

    private ScreenPops() {
    }

    /**
     * Publishes the pop of {@code agent} ringing for {@code call} as soon as the customer look-up
     * (started at the call's arrival) is done, which is normally before the Dial goes out. The
     * Dial never waits for it.
     */
    static void publishOnceKnown(FloorEvents floor, CompletableFuture<Optional<CustomerView>> customer, LiveCall call,
                                 Agent agent, Instant ringingAt, boolean apologise, CallFlowSettings settings) {
        customer.thenAccept(found -> floor.publish(new FloorEvent.PopReady(
                        popFor(call, agent, ringingAt, apologise, found.orElse(null), settings))))
                .exceptionally(e -> {
                    log.error("call {}: the screen-pop for agent {} was not sent", call.id(), agent.id(), e);
                    return null;
                });
    }

    /** {@code customer} is null for a number that matches no customer. */
    static ScreenPop popFor(LiveCall call, Agent agent, Instant ringingAt, boolean apologise, CustomerView customer,
                            CallFlowSettings settings) {
        return popFor(call, agent, ringingAt, apologise, customer, settings, false);
    }

    /** {@code callback}: Hotline calls the customer back once the agent answers. */
    static ScreenPop popFor(LiveCall call, Agent agent, Instant ringingAt, boolean apologise, CustomerView customer,
                            CallFlowSettings settings, boolean callback) {
        Duration waited = call.waitedBy(ringingAt);
        String greeting = settings.greeting().forCall(agent.name(), customer == null ? null : customer.customer().name());
        IvrTrace trace = call.ivr();
        Map<String, Object> ivr = new LinkedHashMap<>();
        ivr.put("queue", call.queue());
        ivr.put("language", trace == null ? null : trace.language());
        ivr.put("entered", trace == null ? Map.of() : trace.entered());
        ivr.put("path", trace == null ? List.of() : trace.path());
        return new ScreenPop(call.id(), agent.id(), call.caller(), call.queue(), ringingAt, customer, ivr,
                waited.toMillis() / 1000.0, Math.round(settings.standards().rings(waited) * 100) / 100.0, apologise,
                callback ? settings.greeting().forCallback(agent.name(), customer == null ? null : customer.customer().name())
                        : greeting, callback);
    }
}

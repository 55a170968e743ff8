package org.hotline.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link FloorEvent}s to the screens and metrics, in the order they were published, on
 * one delivery executor (single-threaded, owned by the composition root): publishers never wait
 * for a slow subscriber, and a subscriber that throws is logged and does not stop the others.
 */
public final class FloorEvents {

    private static final Logger log = LoggerFactory.getLogger(FloorEvents.class);

    private final Executor delivery;
    private final List<Consumer<FloorEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** {@code delivery} must run tasks one at a time, in submission order. */
    public FloorEvents(Executor delivery) {
        this.delivery = delivery;
    }

    public void subscribe(Consumer<FloorEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** Returns at once; never throws for a subscriber's failure. */
    public void publish(FloorEvent event) {
        try {
            delivery.execute(() -> {
                for (Consumer<FloorEvent> s : subscribers) {
                    try {
                        s.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("floor event {} not delivered to {}", event.getClass().getSimpleName(), s, e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("floor event {} dropped: shutting down", event.getClass().getSimpleName());
        }
    }
}

package org.hotline.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.hotline.agi.AgiSession;
import org.hotline.call.CallRecord;
import org.hotline.call.LiveCall;
import org.hotline.customer.CustomerView;
import org.hotline.ivr.IvrRun;
import org.hotline.routing.Acd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's callback, between the waiting caller and the {@link CallbackDesk}: whether an offer
 * is due, the offer itself ({@link CallbackDialogue}), and the caller's place handed to the desk
 * when they take it, in the queue or earlier at an IVR {@code callback-offer} node.
 *
 * <p>The contract with {@link HotlineCall}, which owns the call and calls this on the session's
 * event loop only:
 * <ul>
 *   <li>A call is offered a callback at most once, in the IVR or in the queue: once an offer was
 *       made, {@link #due} and {@link #takenInIvr} are false.</li>
 *   <li>What the caller answered is on the call ({@code callback: {offeredAt, accepted, number}})
 *       before {@link #offer} completes, and before {@link #takenInIvr} returns true.</li>
 *   <li>Taken: the caller's place has gone to the desk, which now calls them back. The call script
 *       ends the call {@code callback-requested}; nothing here ends the call, hangs up or plays
 *       anything after the confirmation.</li>
 *   <li>Declined, or the caller left: nothing more happens here; the call script goes on (back to
 *       the music, the maximum wait's message, or the end).</li>
 *   <li>A failed AGI command completes {@link #offer} exceptionally; the call script decides what
 *       becomes of the caller.</li>
 * </ul>
 * With callbacks off (no desk) nothing is ever due, and an IVR offer node has no dialogue (it
 * takes its {@code declined} branch).
 */
final class CallerCallback {

    private static final Logger log = LoggerFactory.getLogger(CallerCallback.class);

    private final AgiSession session;
    private final HotlineCallScript shared;
    private final LiveCall call;
    /** The caller's customer view, handed to the desk for the agent's pop when the callback is made. */
    private final CompletableFuture<Optional<CustomerView>> customer;
    /** A callback is offered at most once per call. */
    private boolean offered;

    CallerCallback(AgiSession session, HotlineCallScript shared, LiveCall call,
                   CompletableFuture<Optional<CustomerView>> customer) {
        this.session = session;
        this.shared = shared;
        this.call = call;
        this.customer = customer;
    }

    /** The dialogue an IVR {@code callback-offer} node runs with its own prompt; null when callbacks are off. */
    Function<String, CompletableFuture<Optional<String>>> ivrDialogue() {
        CallbackDesk desk = shared.callbacks();
        return desk == null ? null : prompt -> new CallbackDialogue(session, desk.settings(), call.caller()).run(prompt);
    }

    /**
     * True when the caller took a callback at an IVR {@code callback-offer} node and is now in
     * the queue its accepted branch routed them to ({@code place}): the place has gone to the
     * desk. False when they did not (or it was handed over already).
     */
    boolean takenInIvr(Acd.WaitingCall place, IvrRun ivr) {
        if (offered || shared.callbacks() == null || place == null || ivr == null) {
            return false;
        }
        Map<String, String> entered = ivr.trace().entered();
        String number = "accepted".equals(entered.get("callback")) ? entered.get("callback-number") : null;
        if (number == null) {
            return false;
        }
        take(place, shared.clock().instant(), number);
        return true;
    }

    /**
     * An offer is due once, when callbacks are on: after the queue's
     * {@code callbackOfferAfterSeconds}, at once when no agent of the queue is staffing it, and at
     * the maximum wait (before the message that ends the call).
     */
    boolean due(Acd.WaitingCall place, Duration waited, boolean atMaxWait) {
        if (shared.callbacks() == null || offered || place == null) {
            return false;
        }
        int after = shared.settings().queueNamed(place.queue()).callbackOfferAfterSeconds();
        return atMaxWait || (after > 0 && waited.toSeconds() >= after) || shared.roster().staffedWith(place.skill()) == 0;
    }

    /**
     * Offers the callback to the caller waiting at {@code place}. Completes true when they took
     * it (their place has gone to the desk), false when they declined, pressed nothing or left
     * before giving a number.
     */
    CompletableFuture<Boolean> offer(Acd.WaitingCall place) {
        offered = true;
        Instant offeredAt = shared.clock().instant();
        return new CallbackDialogue(session, shared.callbacks().settings(), call.caller()).run()
                .thenApplyAsync(number -> {
                    if (number.isEmpty()) {
                        call.callbackOffered(new CallRecord.CallbackOffer(offeredAt, false, null));
                        return false;
                    }
                    take(place, offeredAt, number.get());
                    return true;
                }, session.executor());
    }

    private void take(Acd.WaitingCall place, Instant offeredAt, String number) {
        offered = true;
        call.callbackOffered(new CallRecord.CallbackOffer(offeredAt, true, number));
        log.info("call {}: the caller took a callback to {}", call.id(), number);
        shared.callbacks().request(call, number, place, customer.getNow(Optional.empty()));
    }
}

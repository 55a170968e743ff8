package org.hotline.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hotline.call.CallOutcome;
import org.hotline.call.CallRecord;

/**
 * First-contact resolution (FCR): which calls count, whose they are, and how long a later call
 * still makes them a repeat. The formula and its counters are in the README's KPI section.
 *
 * <p>A call is <em>eligible</em> when a customer placed it, it can be tied to that customer, and
 * the center served it: an agent answered it, the IVR served it ({@code self-served}), or the
 * caller took a callback ({@code callback-requested}: the callback serves the same contact, and a
 * new call after a failed callback is a repeat of it). Not eligible: calls never served
 * (abandoned, max-wait, fallback, interrupted, ended by the IVR: no contact was had, so they are
 * neither a first contact nor a repeat), and the records of callbacks Hotline placed (they belong
 * to the call that asked for them).
 *
 * <p>An eligible call is resolved at first contact when no other eligible call of the same
 * customer arrives within {@code window} after it; it is decided once such a call arrived
 * (a repeat) or its window has passed. The store does the matching (in Redis, in the same atomic
 * step that counts the call), from {@link #customerOf}.
 *
 * @param window          how long after a call another one of the customer's counts as its repeat
 * @param normaliseNumber turns a caller's number into the customer directory's form (E.164), so
 *                        that "+1 555 0100" and "5550100" are one customer; null for no number
 */
public record FirstContactRule(Duration window, UnaryOperator<String> normaliseNumber) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    /** The default window, numbers compared as they were received (tests, tools). */
    public static final FirstContactRule DEFAULT = new FirstContactRule(DEFAULT_WINDOW, UnaryOperator.identity());

    public FirstContactRule {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(normaliseNumber, "normaliseNumber");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the FCR window must be positive, not " + window);
        }
    }

    /** True when the call counts for FCR: placed by a customer we can name, and served. */
    public boolean eligible(CallRecord call) {
        return customerOf(call).isPresent();
    }

    /**
     * Whose contact an eligible call is: {@code customer:ID} for a known customer, else
     * {@code number:E164} (the normalised caller number); empty when the call is not eligible.
     * The prefixes keep a customer id and a number apart.
     */
    public Optional<String> customerOf(CallRecord call) {
        if (call.isCallback() || !served(call)) {
            return Optional.empty();
        }
        if (call.customerId() != null && !call.customerId().isBlank()) {
            return Optional.of("customer:" + call.customerId().strip());
        }
        String number = call.caller() == null ? null : normaliseNumber.apply(call.caller());
        return number == null || number.isBlank() ? Optional.empty() : Optional.of("number:" + number.strip());
    }

    private static boolean served(CallRecord call) {
        return call.answeredByAgent()
                || call.outcome() == CallOutcome.SELF_SERVED
                || call.outcome() == CallOutcome.CALLBACK_REQUESTED;
    }
}

package org.hotline.ivr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hotline.customer.Customer;
import org.hotline.customer.Order;

/**
 * What Hotline knows about the caller when the IVR runs: whether their number belongs to a VIP
 * customer, and that customer's orders for the self-service look-up.
 *
 * @param orderStatuses order id → status, of the calling customer
 */
public record CallerContext(boolean vip, Map<String, String> orderStatuses) {

    public CallerContext {
        orderStatuses = Map.copyOf(orderStatuses);
    }

    /** A caller whose number matches no customer. */
    public static CallerContext unknown() {
        return new CallerContext(false, Map.of());
    }

    public static CallerContext of(Customer customer) {
        Map<String, String> orders = new LinkedHashMap<>();
        for (Order order : customer.orders()) {
            if (order.id() != null && order.status() != null) {
                orders.putIfAbsent(order.id(), order.status());
            }
        }
        return new CallerContext(customer.isVip(), orders);
    }

    /**
     * The status of the order whose id matches {@code keyed}: a caller can key only digits, so
     * the order {@code O-500123} is found by {@code 500123} (and by its full id, if that is all
     * digits). Empty when none matches.
     */
    public Optional<String> orderStatus(String keyed) {
        if (keyed == null || keyed.isBlank()) {
            return Optional.empty();
        }
        String digits = keyed.replaceAll("\\D", "");
        for (Map.Entry<String, String> order : orderStatuses.entrySet()) {
            String id = order.getKey();
            if (id.equals(keyed) || (!digits.isEmpty() && id.replaceAll("\\D", "").equals(digits))) {
                return Optional.of(order.getValue());
            }
        }
        return Optional.empty();
    }

    /** Answers a look-up step from this caller's own data. */
    public Event.LookupResult answer(Step.Lookup lookup) {
        return switch (lookup.kind()) {
            case ORDER -> new Event.LookupResult(orderStatus(lookup.key()).orElse(null));
        };
    }
}

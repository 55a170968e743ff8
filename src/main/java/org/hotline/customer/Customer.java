package org.hotline.customer;

import java.util.List;
import java.util.Objects;

/**
 * A customer as the center knows them: the profile every channel shares. Phone numbers are
 * stored normalised (E.164 where the number is a public one, see {@link PhoneNumbers}), so a
 * lookup by caller id finds them however they were keyed in.
 *
 * @param id       the customer's id in the center's systems (letters, digits, '-', '_', '.')
 * @param tier     e.g. {@code standard}, {@code vip}
 * @param tickets  open and closed tickets; the pop shows the open ones
 * @param orders   orders the IVR's self-service may read back
 */
public record Customer(String id, String name, List<String> phones, String email, String language, String tier,
                       String account, String notes, List<Ticket> tickets, List<Order> orders) {

    public static final String VIP = "vip";

    public Customer {
        Objects.requireNonNull(id, "id");
        phones = phones == null ? List.of() : List.copyOf(phones);
        tickets = tickets == null ? List.of() : List.copyOf(tickets);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }

    public boolean isVip() {
        return VIP.equalsIgnoreCase(tier);
    }

    public List<Ticket> openTickets() {
        return tickets.stream().filter(Ticket::isOpen).toList();
    }
}

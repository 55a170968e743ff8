package org.hotline.customer;

import java.util.List;

/**
 * The unified customer view an agent sees on the pop: the profile, the open tickets and the most
 * recent interactions of any channel (newest first).
 */
public record CustomerView(Customer customer, List<Ticket> openTickets, List<Interaction> recent) {

    /** How many recent interactions the pop shows. */
    public static final int RECENT = 5;

    public CustomerView {
        openTickets = List.copyOf(openTickets);
        recent = List.copyOf(recent);
    }
}

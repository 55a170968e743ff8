package org.hotline.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * One contact with the customer on any channel, newest first in their history. A call's
 * interaction has the call's id as its {@code id}, so the agent's disposition later replaces it
 * rather than adding a second entry.
 *
 * @param id          unique per customer; a call's is its call id
 * @param channel     {@code phone}, {@code email}, {@code chat}, {@code web}, ...
 * @param outcome     e.g. a call's outcome ({@code answered}, {@code abandoned})
 * @param disposition the agent's disposition code, null until given
 * @param resolved    the agent's word on whether the matter was resolved, null until given
 */
public record Interaction(String id, Instant at, String channel, String queue, String agent, String outcome,
                          String disposition, Boolean resolved, String summary) {

    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
    }
}

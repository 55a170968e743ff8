package org.hotline.customer;

import java.util.List;
import java.util.Optional;

/**
 * Where customers live: Redis by default, an external CRM behind the same port later. Calls may
 * block on I/O; Hotline calls them off the event loops.
 *
 * <p>Failures of the store surface as {@link java.io.UncheckedIOException}.
 */
public interface CustomerDirectory {

    /**
     * The customer whose phones include {@code number} (already normalised by
     * {@link PhoneNumbers#normalise}), with their open tickets and last
     * {@link CustomerView#RECENT} interactions. One round trip to the store.
     */
    Optional<CustomerView> findByPhone(String number);

    /** The customer with {@code id}, as {@link #findByPhone}. */
    Optional<CustomerView> find(String id);

    /** Adds the customer, or replaces the one with the same id (their history is kept). */
    void save(Customer customer);

    /**
     * Adds {@code interaction} to the customer's history, or replaces the entry with the same
     * interaction id (a call's disposition replaces the call's entry).
     *
     * @throws java.util.NoSuchElementException when no customer has {@code customerId}
     */
    void record(String customerId, Interaction interaction);

    /** The customer's history, newest first, at most {@code limit} entries. */
    List<Interaction> history(String customerId, int limit);

    /**
     * Saves each customer, then records their history in order (oldest first, so it ends up
     * newest first): what an import does. Stores override it with a bulk path; not all-or-nothing.
     *
     * @return how many interactions were added or replaced
     */
    default int saveAll(List<CustomerWithHistory> customers) {
        int recorded = 0;
        for (CustomerWithHistory c : customers) {
            save(c.customer());
            for (Interaction interaction : c.history()) {
                record(c.customer().id(), interaction);
                recorded++;
            }
        }
        return recorded;
    }
}

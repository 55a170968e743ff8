package org.hotline.customer;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A customer as an import file or the sample generator gives them: the profile and the past
 * interactions to record with it.
 *
 * @param history oldest first, so that recording the entries in order leaves the store's history
 *                newest first
 */
public record CustomerWithHistory(Customer customer, List<Interaction> history) {

    public CustomerWithHistory {
        Objects.requireNonNull(customer, "customer");
        history = history == null ? List.of()
                : history.stream().sorted(Comparator.comparing(Interaction::at)).toList();
    }
}

package org.hotline.customer;

import java.util.List;

/**
 * What {@link CustomerImport} read from one file: the rows that passed every check, in file
 * order, and the rows that were skipped.
 */
public record ImportReport(List<CustomerWithHistory> customers, List<RowError> errors) {

    public ImportReport {
        customers = List.copyOf(customers);
        errors = List.copyOf(errors);
    }

    /** Rows that will be saved. */
    public int loaded() {
        return customers.size();
    }

    /** Rows that were skipped. */
    public int skipped() {
        return errors.size();
    }
}

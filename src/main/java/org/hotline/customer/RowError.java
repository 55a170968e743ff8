package org.hotline.customer;

/**
 * A row of an import file that was skipped, and why.
 *
 * @param line   where the row starts: a CSV row's first physical line (a quoted field may span
 *               several), a JSON object's opening brace; 1-based
 * @param id     the row's id as given, or null when it had none
 * @param reason every problem found in the row, separated by {@code "; "}
 */
public record RowError(long line, String id, String reason) {

    /** {@code line 12: missing name}, as the importer prints it. */
    public String describe() {
        return "line " + line + ": " + reason;
    }
}

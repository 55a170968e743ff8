package org.hotline.customer;

/**
 * The import file cannot be read as a whole (unreadable, not UTF-8, a bad CSV header, JSON that
 * is not an array or breaks off), so no row of it is imported. A single bad row is not this: it
 * becomes a {@link RowError} and the other rows still load.
 */
public class CustomerImportException extends RuntimeException {

    private final long line;

    /**
     * @param line where the problem is (1-based), or 0 when it concerns the whole file
     */
    public CustomerImportException(String message, long line, Throwable cause) {
        super(line > 0 ? "line " + line + ": " + message : message, cause);
        this.line = line;
    }

    public CustomerImportException(String message, long line) {
        this(message, line, null);
    }

    /** 1-based line of the problem, 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}

package org.hotline.customer;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** A support ticket. Open unless its status says it is closed or resolved. */
public record Ticket(String id, String subject, String status, Instant opened) {

    private static final Set<String> CLOSED = Set.of("closed", "resolved", "done", "cancelled");

    public boolean isOpen() {
        return status == null || !CLOSED.contains(status.toLowerCase(Locale.ROOT));
    }
}

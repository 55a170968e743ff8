package org.hotline.web.auth;

import java.util.Locale;

/**
 * Refuses cross-site requests that a browser would send with the session cookie: a request is
 * same-origin when its {@code Origin} header is {@code http://} or {@code https://} followed by its
 * own {@code Host} header. Browsers set both and pages cannot forge either, so a page on another
 * site cannot pass; {@code SameSite=Strict} on the cookie is the second line of the same defence.
 */
public final class OriginCheck {

    private OriginCheck() {
    }

    /** True when {@code origin} names the server addressed by {@code host}; false when either is missing. */
    public static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null || host.isBlank()) {
            return false;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        String h = host.strip().toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }
}

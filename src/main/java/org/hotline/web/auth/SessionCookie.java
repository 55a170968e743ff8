package org.hotline.web.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser's session cookie {@value #NAME}: how it is set, cleared and read back. The value is
 * the session token itself (see {@link Logins}); it is {@code HttpOnly} so page scripts never see
 * it, and {@code SameSite=Strict} so other sites' pages do not send it.
 */
public final class SessionCookie {

    public static final String NAME = "hotline_session";

    private SessionCookie() {
    }

    /** The {@code Set-Cookie} value that gives the browser {@code token} for {@code maxAge}. */
    public static String issue(String token, Duration maxAge) {
        return NAME + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge.toSeconds();
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    public static String cleared() {
        return NAME + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    /**
     * Every {@value #NAME} value in a {@code Cookie} request header, in order (a browser may send
     * more than one, e.g. from an older path); empty when the header is null or has none.
     */
    public static List<String> tokens(String cookieHeader) {
        List<String> out = new ArrayList<>(1);
        if (cookieHeader == null) {
            return out;
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(NAME)) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    out.add(value);
                }
            }
        }
        return out;
    }
}

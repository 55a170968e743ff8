package org.hotline.web.auth;

import java.time.Duration;
import java.time.Instant;

/** How a login attempt ended. */
public sealed interface LoginResult {

    /**
     * Logged in. {@code token} is the secret that the cookie carries: never log it.
     *
     * @param expiresAt the session ends then, whatever happens in between (no sliding renewal)
     */
    record Success(String token, Principal principal, Instant expiresAt) implements LoginResult {
        @Override
        public String toString() {
            return "Success[" + principal + ", until " + expiresAt + "]";
        }
    }

    /** Wrong username or wrong password; which of the two is deliberately not said. */
    record Refused() implements LoginResult {
    }

    /**
     * Too many failures for this username lately.
     *
     * @param retryAfter how long until an attempt is checked again
     * @param started    true for the failure that started the block (its password was checked);
     *                   false while blocked (the password was not checked)
     */
    record Throttled(Duration retryAfter, boolean started) implements LoginResult {
    }
}

package org.hotline.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <token>}. Compares SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is, and
 * hashing first hides the token's length too.
 */
final class BearerAuth {

    private final byte[] expectedDigest;

    BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("API token must be set");
        }
        this.expectedDigest = sha256(token);
    }

    boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        String h = authorizationHeader.strip();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(h.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

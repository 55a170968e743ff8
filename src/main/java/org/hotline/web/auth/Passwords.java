package org.hotline.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * bcrypt hashing and checking of login passwords. Passwords are only ever stored as these hashes.
 *
 * <p>{@link #verify} takes about as long whether or not an account exists: a missing hash is
 * checked against a dummy hash of the same cost, so the answer's timing does not tell which
 * usernames exist. bcrypt reads at most {@value #MAX_PASSWORD_BYTES} bytes; longer passwords are
 * refused rather than silently truncated.
 */
public final class Passwords {

    /** The cost of hashes this class makes: 2^10 rounds, tens of milliseconds per check. */
    public static final int COST = 10;
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private Passwords() {
    }

    /**
     * A new bcrypt hash (cost {@value #COST}, random salt) of {@code password}.
     *
     * @throws IllegalArgumentException when the password is empty or longer than
     *                                  {@value #MAX_PASSWORD_BYTES} bytes in UTF-8
     */
    public static String hash(char[] password) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (utf8Length(password) > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password is longer than " + MAX_PASSWORD_BYTES
                    + " bytes, which bcrypt cannot use");
        }
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    /**
     * Whether {@code password} matches {@code hash}. A null or malformed hash (an account that cannot
     * log in) and an over-long password answer false after the same work as a real check.
     */
    public static boolean verify(char[] password, String hash) {
        boolean usable = hash != null && isBcryptHash(hash) && utf8Length(password) <= MAX_PASSWORD_BYTES;
        char[] candidate = usable ? password : new char[] {'x'};
        BCrypt.Result result = BCrypt.verifyer().verify(candidate, usable ? hash : DummyHash.VALUE);
        return usable && result.verified;
    }

    /** True when {@code text} has the form of a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public static boolean isBcryptHash(String text) {
        return text != null && BCRYPT_HASH.matcher(text).matches();
    }

    private static int utf8Length(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }

    /** Made once, on first use, at the same cost as real hashes. */
    private static final class DummyHash {
        static final String VALUE = BCrypt.withDefaults().hashToString(COST, "no account has this".toCharArray());
    }
}

package org.hotline.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * bcrypt hashing and checking of login passwords. Passwords are only ever stored as these hashes.
 *
 * <p>{@link #verify} takes about as long whether or not an account exists: a missing hash is
 * checked against a {@linkplain #dummyHash dummy hash} of the same cost as the stored ones, so the
 * answer's timing does not tell which usernames exist. bcrypt reads at most
 * {@value #MAX_PASSWORD_BYTES} bytes; longer passwords are refused rather than silently truncated.
 * bcrypt's cost is {@value #MIN_COST}..{@value #MAX_COST}; a hash outside that range is not one.
 */
public final class Passwords {

    /** The cost of hashes this class makes: 2^10 rounds, tens of milliseconds per check. */
    public static final int COST = 10;
    public static final int MAX_PASSWORD_BYTES = 72;
    /** bcrypt's own range of costs (2^4 to 2^31 rounds); the library refuses any other. */
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;

    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    /**
     * Salt and digest of a hash no password is known for (a real hash's, of a random password that
     * was not kept); {@link #dummyHash} puts a cost in front. Checking a password against it runs
     * bcrypt at that cost and never matches.
     */
    private static final String DUMMY_SALT_AND_DIGEST = "kreJow/5Cpvid96WjyXwc.hM7sOcJASQu9bIEzp3wyWx7JU1ZQeEu";

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
     * log in) and an over-long password answer false after checking against a dummy hash of cost
     * {@value #COST}.
     */
    public static boolean verify(char[] password, String hash) {
        return verify(password, hash, dummyHash(COST));
    }

    /**
     * Whether {@code password} matches {@code hash}. A null or malformed hash (an account that cannot
     * log in) and an over-long password answer false after checking against {@code dummyHash}
     * instead, which takes as long as a real check at the dummy's cost.
     *
     * @param dummyHash a {@link #dummyHash} at the cost of the stored hashes
     */
    public static boolean verify(char[] password, String hash, String dummyHash) {
        boolean usable = isBcryptHash(hash) && utf8Length(password) <= MAX_PASSWORD_BYTES;
        char[] candidate = usable ? password : new char[] {'x'};
        BCrypt.Result result = BCrypt.verifyer().verify(candidate, usable ? hash : dummyHash);
        return usable && result.verified;
    }

    /**
     * A hash of cost {@code cost} that no password matches, made without running bcrypt (so any
     * cost is free to make); checking a password against it costs what checking a real hash of that
     * cost does.
     */
    public static String dummyHash(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt's cost is " + MIN_COST + ".." + MAX_COST + ", not " + cost);
        }
        return "$2a$" + (cost < 10 ? "0" : "") + cost + "$" + DUMMY_SALT_AND_DIGEST;
    }

    /** The cost of a hash {@link #isBcryptHash} accepts (the two digits after the version). */
    public static int cost(String hash) {
        if (!isBcryptHash(hash)) {
            throw new IllegalArgumentException("not a bcrypt hash");
        }
        return Integer.parseInt(hash.substring(4, 6));
    }

    /**
     * True when {@code text} has the form of a bcrypt hash ({@code $2a$}, {@code $2b$} or
     * {@code $2y$}) with a cost bcrypt accepts ({@value #MIN_COST}..{@value #MAX_COST}).
     */
    public static boolean isBcryptHash(String text) {
        if (text == null || !BCRYPT_HASH.matcher(text).matches()) {
            return false;
        }
        int cost = Integer.parseInt(text.substring(4, 6));
        return cost >= MIN_COST && cost <= MAX_COST;
    }

    private static int utf8Length(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }
}

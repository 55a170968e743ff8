package org.hotline.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashesAtCostTenWithARandomSaltAndVerifies() {
        String hash = Passwords.hash("agent-1002".toCharArray());
        assertTrue(hash.startsWith("$2a$10$"), hash);
        assertTrue(Passwords.isBcryptHash(hash));
        assertNotEquals(hash, Passwords.hash("agent-1002".toCharArray()));
        assertTrue(Passwords.verify("agent-1002".toCharArray(), hash));
        assertFalse(Passwords.verify("agent-1003".toCharArray(), hash));
        assertFalse(Passwords.verify("".toCharArray(), hash));
    }

    @Test
    void acceptsTheOtherBcryptVersionsThatToolsWrite() {
        String y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw".toCharArray());
        String b = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "pw".toCharArray());
        assertTrue(y.startsWith("$2y$04$") && Passwords.verify("pw".toCharArray(), y));
        assertTrue(b.startsWith("$2b$04$") && Passwords.verify("pw".toCharArray(), b));
    }

    @Test
    void noHashOrAMalformedOneNeverMatches() {
        assertFalse(Passwords.verify("pw".toCharArray(), null));
        assertFalse(Passwords.verify("pw".toCharArray(), "pw"));
        assertFalse(Passwords.isBcryptHash("$2a$10$short"));
        assertFalse(Passwords.isBcryptHash(null));
    }

    @Test
    void aCostOutsideBcryptsRangeIsNoHash() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        for (String cost : new String[] {"00", "03", "32", "99"}) {
            String other = "$2a$" + cost + "$" + hash.substring(7);
            assertFalse(Passwords.isBcryptHash(other), other);
            assertFalse(Passwords.verify("pw".toCharArray(), other), other);
        }
        assertTrue(Passwords.isBcryptHash("$2a$31$" + hash.substring(7)));
        assertEquals(4, Passwords.cost(hash));
    }

    @Test
    void aDummyHashHasTheCostAskedForAndMatchesNoPassword() {
        for (int cost : new int[] {4, 5, 10}) {
            String dummy = Passwords.dummyHash(cost);
            assertTrue(Passwords.isBcryptHash(dummy), dummy);
            assertEquals(cost, Passwords.cost(dummy));
            assertFalse(BCrypt.verifyer().verify("pw".toCharArray(), dummy).verified);
            assertFalse(Passwords.verify("pw".toCharArray(), null, dummy));
        }
        assertThrows(IllegalArgumentException.class, () -> Passwords.dummyHash(3));
        assertThrows(IllegalArgumentException.class, () -> Passwords.dummyHash(32));
    }

    @Test
    void refusesPasswordsBcryptWouldTruncate() {
        char[] long73 = "x".repeat(73).toCharArray();
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(long73));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(new char[0]));
        String hash72 = BCrypt.withDefaults().hashToString(4, "x".repeat(72).toCharArray());
        assertTrue(Passwords.verify("x".repeat(72).toCharArray(), hash72));
        assertFalse(Passwords.verify(long73, hash72));
    }
}

package org.hotline.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The session store and the guessing brake, on a clock the test moves. */
class LoginsTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    private final Logins logins = new Logins(List.of(
            new Logins.Account("1001", Role.AGENT, "1001", HASH),
            new Logins.Account("boss", Role.SUPERVISOR, null, HASH)), Duration.ofHours(2), clock);

    private LoginResult.Success login(String user) {
        return assertInstanceOf(LoginResult.Success.class, logins.login(user, "pw".toCharArray()));
    }

    @Test
    void aSessionLastsItsLengthFromLoginAndNotASecondMore() {
        LoginResult.Success ok = login("1001");
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), ok.expiresAt());
        assertEquals(new Principal("1001", Role.AGENT, "1001"), ok.principal());
        clock.advance(Duration.ofHours(2).minusMillis(1));
        assertEquals(Optional.of(ok.principal()), logins.authenticate(ok.token()));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), logins.authenticate(ok.token()));
        assertEquals(0, logins.sessionCount());
    }

    @Test
    void tokensAre32RandomBytesInBase64Url() {
        String token = login("boss").token();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertTrue(!token.equals(login("boss").token()));
        assertTrue(!login("boss").toString().contains(token));
    }

    @Test
    void logoutEndsOnlyThatSession() {
        LoginResult.Success a = login("boss");
        LoginResult.Success b = login("boss");
        logins.logout(a.token());
        assertEquals(Optional.empty(), logins.authenticate(a.token()));
        assertTrue(logins.authenticate(b.token()).isPresent());
        logins.logout("unknown");
        logins.logout(null);
    }

    @Test
    void authenticatesTheFirstLiveSessionOfACookieHeader() {
        LoginResult.Success ok = login("1001");
        assertEquals(Optional.of(ok.principal()),
                logins.authenticateCookie("hotline_session=stale; hotline_session=" + ok.token()));
        assertEquals(Optional.empty(), logins.authenticateCookie("hotline_session=stale"));
        assertEquals(Optional.empty(), logins.authenticateCookie(null));
        assertEquals(Optional.empty(), logins.authenticate("x".repeat(10_000)));
    }

    @Test
    void theSixthFailureWithinTheWindowBlocksForAWindow() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(LoginResult.Refused.class, logins.login("1001", "no".toCharArray()));
        }
        assertEquals(new LoginResult.Throttled(Duration.ofMinutes(1), true), logins.login("1001", "no".toCharArray()));
        clock.advance(Duration.ofSeconds(45));
        assertEquals(new LoginResult.Throttled(Duration.ofSeconds(15), false), logins.login("1001", "pw".toCharArray()));
        clock.advance(Duration.ofSeconds(15));
        login("1001");
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < 5; i++) {
            logins.login("1001", "no".toCharArray());
        }
        login("1001");
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(LoginResult.Refused.class, logins.login("1001", "no".toCharArray()));
        }
    }

    @Test
    void overlongOrEmptyUsernamesAreRefusedWithoutTracking() {
        assertInstanceOf(LoginResult.Refused.class, logins.login("u".repeat(129), "pw".toCharArray()));
        assertInstanceOf(LoginResult.Refused.class, logins.login("", "pw".toCharArray()));
        assertInstanceOf(LoginResult.Refused.class, logins.login(null, "pw".toCharArray()));
    }

    @Test
    void refusesAmbiguousOrUnusableAccountsAtStart() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new Logins(List.of(
                new Logins.Account("1001", Role.AGENT, "1001", HASH),
                new Logins.Account("1001", Role.SUPERVISOR, null, HASH)), Duration.ofHours(1), clock));
        assertTrue(dup.getMessage().contains("username '1001' is given to two accounts"), dup.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new Logins(List.of(
                new Logins.Account("boss", Role.SUPERVISOR, null, "plain-text-password")), Duration.ofHours(1), clock));
        assertTrue(bad.getMessage().contains("supervisor 'boss' is not a bcrypt hash"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("plain-text-password"), bad.getMessage());
        String costThree = "$2a$03$" + HASH.substring(7);
        IllegalArgumentException cost = assertThrows(IllegalArgumentException.class, () -> new Logins(List.of(
                new Logins.Account("1001", Role.AGENT, "1001", costThree)), Duration.ofHours(1), clock));
        assertTrue(cost.getMessage().contains("agent '1001' is not a bcrypt hash"), cost.getMessage());
    }

    @Test
    void aUsernameWithoutAHashIsCheckedAtTheHighestCostOfTheStoredHashes() {
        assertEquals(4, Passwords.cost(logins.dummyHash()));
        String cost6 = BCrypt.withDefaults().hashToString(6, "pw".toCharArray());
        Logins mixed = new Logins(List.of(
                new Logins.Account("1001", Role.AGENT, "1001", HASH),
                new Logins.Account("1002", Role.AGENT, "1002", null),
                new Logins.Account("boss", Role.SUPERVISOR, null, cost6)), Duration.ofHours(1), clock);
        assertEquals(6, Passwords.cost(mixed.dummyHash()));
        assertInstanceOf(LoginResult.Refused.class, mixed.login("1002", "pw".toCharArray()));
        assertInstanceOf(LoginResult.Refused.class, mixed.login("nobody", "pw".toCharArray()));
        Logins noHashes = new Logins(List.of(new Logins.Account("1002", Role.AGENT, "1002", null)),
                Duration.ofHours(1), clock);
        assertEquals(Passwords.COST, Passwords.cost(noHashes.dummyHash()));
    }
}

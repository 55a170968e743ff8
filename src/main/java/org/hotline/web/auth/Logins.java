package org.hotline.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.config.HotlineConfig;

/**
 * The browser logins: who may log in, their live sessions, and the brake on password guessing.
 * Thread-safe; the slow part of a login (bcrypt) runs outside every lock.
 *
 * <p><b>Sessions</b> are kept in memory only: a restart ends them all and everyone logs in again.
 * A session lasts {@link #sessionLength()} from its login, however busy it is, and ends earlier on
 * {@link #logout}. The token is 32 bytes from {@link SecureRandom}, base64url; only its SHA-256 is
 * kept, so no live token sits in the heap.
 *
 * <p><b>Throttle.</b> More than {@value #MAX_FAILURES} failed logins for one username within
 * {@link #FAILURE_WINDOW} block that username for one more window: every attempt then gets
 * {@link LoginResult.Throttled}, a correct password too, and the password is not even checked. Attempts
 * still being checked count against the budget, so parallel requests cannot buy more guesses.
 * Unknown usernames are throttled exactly like known ones, so a 429 reveals nothing either.
 *
 * <p><b>Timing.</b> A username with no usable hash (unknown, or an account that cannot log in) is
 * checked against a dummy hash of the highest cost among the accounts' hashes ({@link Passwords#COST}
 * when none has one), so a refusal takes no less time than a real check would.
 */
public final class Logins {

    public static final int MAX_FAILURES = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    /** Longer usernames are refused without being tracked, so no one fills memory with them. */
    public static final int MAX_USERNAME_LENGTH = 128;
    /** Past this many tracked usernames, the stale entries are dropped. */
    static final int MAX_TRACKED_USERNAMES = 10_000;
    private static final int MAX_TOKEN_LENGTH = 128;

    /**
     * One account that may log in.
     *
     * @param passwordHash bcrypt; null means the account cannot log in
     */
    public record Account(String username, Role role, String agentId, String passwordHash) {
        @Override
        public String toString() {
            return "Account[" + username + ", " + role.wireName() + "]";
        }
    }

    private record Session(Principal principal, Instant expiresAt) {
    }

    /** Failures of one username; guarded by the map's per-key locking (compute). */
    private static final class Failures {
        final ArrayDeque<Instant> recent = new ArrayDeque<>();
        Instant blockedUntil;
        int checking;

        boolean isStale(Instant now) {
            recent.removeIf(at -> !at.isAfter(now.minus(FAILURE_WINDOW)));
            return recent.isEmpty() && checking == 0 && (blockedUntil == null || !now.isBefore(blockedUntil));
        }
    }

    private final Map<String, Account> accounts;
    /** What a login without a usable hash is checked against: see "Timing" above. */
    private final String dummyHash;
    private final Duration sessionLength;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessionsByTokenDigest = new ConcurrentHashMap<>();
    private final Map<String, Failures> failuresByUsername = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when two accounts share a username or a hash is not bcrypt
     *                                  (the message names the account, never the hash)
     */
    public Logins(List<Account> accounts, Duration sessionLength, Clock clock) {
        if (sessionLength.isNegative() || sessionLength.isZero()) {
            throw new IllegalArgumentException("session length must be positive, not " + sessionLength);
        }
        Map<String, Account> byName = new HashMap<>();
        int highestCost = 0;
        for (Account a : accounts) {
            if (a.passwordHash() != null && !Passwords.isBcryptHash(a.passwordHash())) {
                throw new IllegalArgumentException("the password hash of " + a.role().wireName() + " '" + a.username()
                        + "' is not a bcrypt hash; make one with: scripts/hotline --hash-password");
            }
            if (a.passwordHash() != null) {
                highestCost = Math.max(highestCost, Passwords.cost(a.passwordHash()));
            }
            if (byName.putIfAbsent(a.username(), a) != null) {
                throw new IllegalArgumentException("username '" + a.username() + "' is given to two accounts"
                        + " (agent and supervisor ids share one namespace)");
            }
        }
        this.accounts = Map.copyOf(byName);
        this.dummyHash = Passwords.dummyHash(highestCost == 0 ? Passwords.COST : highestCost);
        this.sessionLength = sessionLength;
        this.clock = clock;
    }

    /** Every agent (username = agent id) and every supervisor of the configuration; {@code http.sessionHours}. */
    public static Logins fromConfig(HotlineConfig config, Clock clock) {
        List<Account> accounts = new ArrayList<>();
        for (HotlineConfig.AgentSection a : config.agents()) {
            accounts.add(new Account(a.id(), Role.AGENT, a.id(), a.passwordHash()));
        }
        for (HotlineConfig.SupervisorSection s : config.supervisors() == null
                ? List.<HotlineConfig.SupervisorSection>of() : config.supervisors()) {
            accounts.add(new Account(s.id(), Role.SUPERVISOR, null, s.passwordHash()));
        }
        return new Logins(accounts, Duration.ofHours(config.http().sessionHours()), clock);
    }

    /** True when {@code username} names a configured account (whether or not it may log in). */
    public boolean isAccount(String username) {
        return username != null && accounts.containsKey(username);
    }

    public Duration sessionLength() {
        return sessionLength;
    }

    /** The hash a login without a usable one is checked against (for tests of its cost). */
    String dummyHash() {
        return dummyHash;
    }

    /** Checks the password (about 50 ms of bcrypt) and on success opens a session. */
    public LoginResult login(String username, char[] password) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME_LENGTH) {
            Passwords.verify(password, null, dummyHash); // same time as a real check
            return new LoginResult.Refused();
        }
        Optional<Duration> wait = reserveAttempt(username);
        if (wait.isPresent()) {
            return new LoginResult.Throttled(wait.get(), false);
        }
        Account account = accounts.get(username);
        boolean verified;
        try {
            verified = Passwords.verify(password, account == null ? null : account.passwordHash(), dummyHash);
        } catch (RuntimeException e) {
            failuresByUsername.computeIfPresent(username, (n, f) -> {
                f.checking = Math.max(0, f.checking - 1);
                return f;
            });
            throw e;
        }
        if (!verified) {
            return recordFailure(username);
        }
        failuresByUsername.remove(username);
        Instant now = clock.instant();
        sessionsByTokenDigest.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        String token = newToken();
        Principal principal = new Principal(account.username(), account.role(), account.agentId());
        Instant expiresAt = now.plus(sessionLength);
        sessionsByTokenDigest.put(digest(token), new Session(principal, expiresAt));
        return new LoginResult.Success(token, principal, expiresAt);
    }

    /** Who holds the session {@code token}; empty when it is unknown, ended or expired. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String key = digest(token);
        Session session = sessionsByTokenDigest.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            sessionsByTokenDigest.remove(key, session);
            return Optional.empty();
        }
        return Optional.of(session.principal());
    }

    /**
     * The principal of the first live session among the {@value SessionCookie#NAME} cookies of a
     * {@code Cookie} header; empty when there is none. For the WebSocket upgrade as for REST.
     */
    public Optional<Principal> authenticateCookie(String cookieHeader) {
        for (String token : SessionCookie.tokens(cookieHeader)) {
            Optional<Principal> p = authenticate(token);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** Ends the session; unknown tokens are ignored. */
    public void logout(String token) {
        if (token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH) {
            sessionsByTokenDigest.remove(digest(token));
        }
    }

    /** Live sessions (expired ones are dropped lazily, so this may count a few stale ones). */
    public int sessionCount() {
        return sessionsByTokenDigest.size();
    }

    /** Empty when the attempt may go ahead (and is then counted as being checked); else how long to wait. */
    private Optional<Duration> reserveAttempt(String username) {
        Instant now = clock.instant();
        Duration[] wait = {null};
        failuresByUsername.compute(username, (name, f) -> {
            if (f == null) {
                f = new Failures();
            }
            f.isStale(now); // drops failures older than the window
            if (f.blockedUntil != null && now.isBefore(f.blockedUntil)) {
                wait[0] = Duration.between(now, f.blockedUntil);
            } else if (f.recent.size() + f.checking > MAX_FAILURES) {
                wait[0] = Duration.ofSeconds(1); // other attempts for this username are being checked right now
            } else {
                f.blockedUntil = null;
                f.checking++;
            }
            return f;
        });
        return Optional.ofNullable(wait[0]);
    }

    private LoginResult recordFailure(String username) {
        Instant now = clock.instant();
        LoginResult[] result = {new LoginResult.Refused()};
        failuresByUsername.compute(username, (name, f) -> {
            if (f == null) {
                f = new Failures();
            }
            f.checking = Math.max(0, f.checking - 1);
            f.isStale(now);
            f.recent.addLast(now);
            if (f.recent.size() > MAX_FAILURES) {
                f.blockedUntil = now.plus(FAILURE_WINDOW);
                f.recent.clear();
                result[0] = new LoginResult.Throttled(FAILURE_WINDOW, true);
            }
            return f;
        });
        if (failuresByUsername.size() > MAX_TRACKED_USERNAMES) {
            for (String name : failuresByUsername.keySet()) {
                failuresByUsername.computeIfPresent(name, (n, f) -> f.isStale(now) ? null : f);
            }
        }
        return result[0];
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

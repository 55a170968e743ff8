package org.hotline.config;

import java.util.Locale;
import java.util.Set;

/**
 * The checks of the sections that say where Hotline listens and what it connects to:
 * {@code fastagi}, {@code http}, {@code journal}, {@code ami} and {@code redis}.
 */
final class ConnectionConfigChecks {

    /** Tokens the project itself once shipped: known to everyone who read it. */
    private static final Set<String> KNOWN_TOKENS = Set.of("sandbox-token-change-me", "change-me", "changeme", "secret");
    /** Below this, a token reachable from other machines could be guessed or is a word. */
    static final int MIN_EXPOSED_TOKEN_LENGTH = 32;

    private ConnectionConfigChecks() {
    }

    static void fastAgi(HotlineConfig.FastAgiSection fastagi, ConfigProblems problems) {
        problems.required("fastagi.host", fastagi.host());
        problems.port("fastagi.port", fastagi.port());
        problems.atLeast("fastagi.maxLineLength", fastagi.maxLineLength(), 256);
        problems.atLeast("fastagi.maxEnvironmentLines", fastagi.maxEnvironmentLines(), 16);
        problems.atLeast("fastagi.idleTimeoutSeconds", fastagi.idleTimeoutSeconds(), 1);
        problems.between("fastagi.commandTimeoutSeconds", fastagi.commandTimeoutSeconds(), 1, 600);
    }

    static void http(HotlineConfig.HttpSection http, ConfigProblems problems) {
        problems.required("http.host", http.host());
        problems.port("http.port", http.port());
        apiToken(http, problems);
        problems.between("http.sessionHours", http.sessionHours(), 1, 24 * 30);
        problems.between("http.idleTimeoutSeconds", http.idleTimeoutSeconds(), 1, 3600);
        problems.between("http.apiQueueLimit", http.apiQueueLimit(), 1, 100_000);
    }

    static void journal(HotlineConfig.JournalSection journal, ConfigProblems problems) {
        problems.required("journal.directory", journal.directory());
        problems.between("journal.groupCommitMillis", journal.groupCommitMillis(), 0, 1000);
        problems.between("journal.maxPendingRecords", journal.maxPendingRecords(), 100, 10_000_000);
    }

    static void ami(HotlineConfig.AmiSection ami, ConfigProblems problems) {
        problems.required("ami.host", ami.host());
        problems.port("ami.port", ami.port());
        problems.required("ami.username", ami.username());
        problems.required("ami.secret", ami.secret());
        problems.atLeast("ami.pingIntervalSeconds", ami.pingIntervalSeconds(), 1);
    }

    static void redis(HotlineConfig.RedisSection redis, ConfigProblems problems) {
        problems.required("redis.host", redis.host());
        problems.port("redis.port", redis.port());
        problems.required("redis.keyPrefix", redis.keyPrefix());
        problems.atLeast("redis.callRetentionDays", redis.callRetentionDays(), 1);
    }

    /**
     * Any token will do while only this machine can reach the port; once {@code http.host} is not
     * loopback, a known or short token is refused (the message never echoes the token).
     */
    private static void apiToken(HotlineConfig.HttpSection http, ConfigProblems problems) {
        String token = http.apiToken();
        if (token == null || token.length() < 8) {
            problems.add("http.apiToken: set a token of at least 8 characters, here, in http.apiTokenFile or in "
                    + ConfigLoader.API_TOKEN_ENV);
            return;
        }
        if (http.loopbackOnly()) {
            return;
        }
        if (KNOWN_TOKENS.contains(token.toLowerCase(Locale.ROOT))) {
            problems.add("http.apiToken: the token is a published default and http.host '" + http.host()
                    + "' is reachable from other machines; make one with: head -c 32 /dev/urandom | base64");
        } else if (token.length() < MIN_EXPOSED_TOKEN_LENGTH || token.chars().distinct().count() < 10) {
            problems.add("http.apiToken: with http.host '" + http.host() + "' reachable from other machines the token"
                    + " must be at least " + MIN_EXPOSED_TOKEN_LENGTH + " random characters; make one with: "
                    + "head -c 32 /dev/urandom | base64");
        }
    }
}

package org.hotline.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.web.auth.LoginResult;
import org.hotline.web.auth.Logins;
import org.hotline.web.auth.OriginCheck;
import org.hotline.web.auth.Principal;
import org.hotline.web.auth.SessionCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/session}: the browser
 * logins. Log lines name known accounts and client addresses, never a password, token or cookie,
 * and never the text of an unknown username (it may be a password typed in the wrong box).
 */
final class LoginRoutes {

    static final String WRONG_CREDENTIALS = "wrong username or password";
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private static final String EXAMPLE = "{\"username\":\"1001\",\"password\":\"...\"}";
    private static final int MAX_PASSWORD_LENGTH = 1024;

    private final Logins logins;
    private final Replies replies;

    LoginRoutes(Logins logins, Replies replies) {
        this.logins = logins;
        this.replies = replies;
    }

    /** {@code {"username","role","agent"}}, the shape of the login answer and of {@code GET /api/session}. */
    static Map<String, Object> describe(Principal p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", p.username());
        body.put("role", p.role().wireName());
        body.put("agent", p.agentId());
        return body;
    }

    ApiResponse login(ApiRequest req) {
        requireSameOriginIfPresent(req);
        JsonBody body = JsonBody.read(replies.mapper(), req, EXAMPLE, List.of("username", "password"), false);
        String username = body.text("username", true, Logins.MAX_USERNAME_LENGTH);
        char[] password = body.secret("password", MAX_PASSWORD_LENGTH).toCharArray();
        LoginResult result;
        try {
            result = logins.login(username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        return switch (result) {
            case LoginResult.Success ok -> {
                // A browser that logs in again drops its previous session rather than leaving it live.
                SessionCookie.tokens(req.cookie()).forEach(logins::logout);
                LOG.info("login: {} '{}' from {}", ok.principal().role().wireName(), ok.principal().username(),
                        req.remoteAddress());
                yield replies.status(200, describe(ok.principal()),
                        Map.of("Set-Cookie", SessionCookie.issue(ok.token(), logins.sessionLength())));
            }
            case LoginResult.Refused refused -> {
                LOG.info("login refused for {} from {}", logins.isAccount(username)
                        ? "'" + username + "'" : "an unknown username", req.remoteAddress());
                yield replies.error(401, WRONG_CREDENTIALS, Map.of());
            }
            case LoginResult.Throttled throttled -> {
                long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
                if (throttled.started()) { // once per block: blocked attempts cost nothing and could flood the log
                    LOG.warn("login blocked for {} s for {} from {}: more than {} failures in {} s", seconds,
                            logins.isAccount(username) ? "'" + username + "'" : "an unknown username",
                            req.remoteAddress(), Logins.MAX_FAILURES, Logins.FAILURE_WINDOW.toSeconds());
                }
                yield replies.error(429, "too many failed logins for this username; try again in " + seconds + " s",
                        Map.of("Retry-After", Long.toString(seconds)));
            }
        };
    }

    /** Ends the session the cookie names (if any) and clears the cookie; needs no live session. */
    ApiResponse logout(ApiRequest req) {
        requireSameOriginIfPresent(req);
        SessionCookie.tokens(req.cookie()).forEach(logins::logout);
        return replies.status(200, Map.of(), Map.of("Set-Cookie", SessionCookie.cleared()));
    }

    /** The caller's login; for the API token {@code {"username":null,"role":"api-token","agent":null}}. */
    ApiResponse session(Caller caller) {
        if (caller.isApiToken()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", null);
            body.put("role", "api-token");
            body.put("agent", null);
            return replies.ok(body);
        }
        return replies.ok(describe(caller.session()));
    }

    private static void requireSameOriginIfPresent(ApiRequest req) {
        if (req.origin() != null && !OriginCheck.sameOrigin(req.origin(), req.host())) {
            throw new ApiException(403, ApiRouter.CROSS_ORIGIN);
        }
    }
}

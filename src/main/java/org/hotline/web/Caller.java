package org.hotline.web;

import org.hotline.web.auth.Principal;

/**
 * Who sent an authenticated API request: the holder of the API token (automation, trusted with
 * everything) or a browser session's {@link Principal}.
 *
 * @param session the browser login, null for the API token
 */
record Caller(Principal session) {

    static final Caller API_TOKEN = new Caller(null);
    /** What a disposition given with the API token records as {@code by}. */
    static final String API_TOKEN_NAME = "api";

    boolean isApiToken() {
        return session == null;
    }

    /** The API token or a supervisor: may read everything. */
    boolean readsEverything() {
        return session == null || session.isSupervisor();
    }

    boolean isSupervisor() {
        return session != null && session.isSupervisor();
    }

    /** The agent this caller is, or null for the token and supervisors. */
    String agentId() {
        return session == null ? null : session.agentId();
    }

    /** True for an agent's login; then {@link #agentId()} is set. */
    boolean isAgent() {
        return agentId() != null;
    }

    String name() {
        return session == null ? API_TOKEN_NAME : session.username();
    }
}

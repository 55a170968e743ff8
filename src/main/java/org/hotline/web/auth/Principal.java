package org.hotline.web.auth;

import java.util.Objects;

/**
 * Who a browser session belongs to.
 *
 * @param username what they logged in with: an agent's id, or a supervisor's id
 * @param role     what they may do
 * @param agentId  the agent they are, for {@link Role#AGENT}; null for a supervisor
 */
public record Principal(String username, Role role, String agentId) {

    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if ((role == Role.AGENT) != (agentId != null)) {
            throw new IllegalArgumentException("an agent principal has an agent id, a supervisor none");
        }
    }

    public boolean isSupervisor() {
        return role == Role.SUPERVISOR;
    }

    /** True when this is the agent {@code id}. */
    public boolean isAgent(String id) {
        return role == Role.AGENT && agentId.equals(id);
    }
}

package org.hotline.web;

import java.util.NoSuchElementException;
import org.hotline.call.AgentControl;
import org.hotline.call.AgentPresence;
import org.hotline.call.AgentView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/agents}: the roster for the board, and state changes. The API token and supervisors
 * change any agent; an agent changes only their own state. A pause reason given through a browser
 * login must be one of {@code center.pauseReasons}; the API token (automation) may give any.
 */
final class AgentRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRoutes.class);

    private final AgentControl agents;
    private final ApiSettings settings;
    private final Replies replies;

    AgentRoutes(AgentControl agents, ApiSettings settings, Replies replies) {
        this.agents = agents;
        this.settings = settings;
        this.replies = replies;
    }

    /** {@code GET /api/agents}. */
    ApiResponse list(Caller caller) {
        if (!caller.readsEverything()) {
            throw new ApiException(403, "only a supervisor may list the agents");
        }
        return replies.ok(agents.agents());
    }

    /** {@code POST /api/agents/{id}/state}. */
    ApiResponse changeState(Caller caller, String agentId, ApiRequest req) {
        if (caller.isAgent() && !caller.agentId().equals(agentId)) {
            throw new ApiException(403, "an agent may change only their own state");
        }
        AgentStateRequest change = AgentStateRequest.parse(replies.mapper(), req);
        if (!caller.isApiToken() && change.presence() == AgentPresence.PAUSED && change.reason() != null
                && !settings.pauseReasons().contains(change.reason())) {
            throw new ApiException(400, "pause reason must be one of " + String.join(", ", settings.pauseReasons())
                    + ", not '" + change.reason() + "'");
        }
        AgentView view;
        try {
            view = agents.changePresence(agentId, change.presence(), change.reason());
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "unknown agent '" + agentId + "'");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        if (caller.isSupervisor()) {
            LOG.info("supervisor '{}' set agent {} to {}{}", caller.name(), agentId, view.state(),
                    change.reason() == null ? "" : " (" + change.reason() + ")");
        }
        return replies.ok(view);
    }
}

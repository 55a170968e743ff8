package org.hotline.call;

import java.util.List;

/** What the REST API may see and do with agents. */
public interface AgentControl {

    /** Every configured agent, in configuration order. */
    List<AgentView> agents();

    /**
     * Makes the agent available or paused, as an agent or supervisor asks.
     *
     * @throws java.util.NoSuchElementException when no agent has that id
     */
    AgentView changePresence(String agentId, AgentPresence presence, String reason);
}

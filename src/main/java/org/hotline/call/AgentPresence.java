package org.hotline.call;

/** Whether an agent wants calls: set by the agent or a supervisor, or by Hotline after missed rings. */
public enum AgentPresence {
    AVAILABLE, PAUSED
}

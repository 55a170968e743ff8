package org.hotline.call;

/**
 * Whether an agent wants calls: set by the agent or a supervisor, or by Hotline (paused after
 * missed rings; wrap-up after each call, for {@code center.wrapUpSeconds} or until the agent's
 * disposition). No calls are offered in {@link #PAUSED} or {@link #WRAP_UP}.
 */
public enum AgentPresence {
    AVAILABLE, PAUSED, WRAP_UP
}

package org.hotline.web;

/**
 * Who opened a live socket, as their login session says.
 *
 * @param agentId the agent's id when the login is an agent's, else null
 */
public record SocketUser(String username, boolean supervisor, String agentId) {
}

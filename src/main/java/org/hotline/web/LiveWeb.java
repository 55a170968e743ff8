package org.hotline.web;

import java.util.function.Supplier;

/**
 * The parts of the web server beyond the REST API: the live sockets of the agent desktop and the
 * board, and {@code /metrics}.
 *
 * @param feed                what the live sockets receive
 * @param sockets             who is logged in, from a request's cookie
 * @param metrics             the Prometheus text of {@code /metrics}
 * @param metricsLoopbackOnly serve {@code /metrics} to loopback clients only
 */
public record LiveWeb(ScreenFeed feed, SocketAuthenticator sockets, Supplier<String> metrics,
                      boolean metricsLoopbackOnly) {
}

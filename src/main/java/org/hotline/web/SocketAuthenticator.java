package org.hotline.web;

import java.util.Optional;

/** Finds the logged-in user behind a request's {@code Cookie} header; empty when there is none or it expired. */
@FunctionalInterface
public interface SocketAuthenticator {

    Optional<SocketUser> fromCookieHeader(String cookieHeader);
}

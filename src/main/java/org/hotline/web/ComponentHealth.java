package org.hotline.web;

import java.util.Objects;

/**
 * One component's health, e.g. {@code ("redis", true, "connected to 127.0.0.1:6379, 0 writes pending")}.
 *
 * @param name   the key under {@code components} in {@code /healthz}: {@code ami}, {@code redis}, {@code fastagi}
 * @param up     whether it works
 * @param detail one line for the operator
 */
public record ComponentHealth(String name, boolean up, String detail) {

    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        detail = detail == null ? "" : detail;
    }
}

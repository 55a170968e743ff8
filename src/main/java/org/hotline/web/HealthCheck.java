package org.hotline.web;

/**
 * Reports one component's health for {@code GET /healthz}. Called on the API executor for every
 * request, so it should answer within about a second (a Redis PING, a flag of the AMI
 * connection); one that throws counts as down.
 */
@FunctionalInterface
public interface HealthCheck {

    ComponentHealth check();
}

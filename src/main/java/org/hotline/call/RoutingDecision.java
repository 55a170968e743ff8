package org.hotline.call;

import java.time.Instant;
import java.util.Map;

/**
 * Why the ACD gave this caller this agent, as the call record keeps it: routing that explains
 * itself.
 *
 * @param skills          the requirement in force: skill name to minimum level
 * @param relaxationStep  0 for the route's own requirement, n after its n-th relaxation
 * @param candidates      agents who met the requirement and were free at that moment
 * @param reason          in words, e.g. {@code highest level (support 3), then longest idle (42 s)}
 */
public record RoutingDecision(Instant at, String agent, String queue, Map<String, Integer> skills,
                              int relaxationStep, int candidates, String reason) {

    public RoutingDecision {
        skills = skills == null ? Map.of() : Map.copyOf(skills);
    }
}

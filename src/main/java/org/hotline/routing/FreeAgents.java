package org.hotline.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.hotline.call.Agent;
import org.hotline.call.SkillLevel;

/**
 * Agents who may be offered a call, confined to the ACD's owner: per skill, best match first
 * (highest level of that skill, then idle longest, then first in the configuration), with a count
 * per level.
 */
final class FreeAgents {

    /** A free agent as indexed: when they became idle, and their place in the configuration for ties. */
    record IdleAgent(Agent agent, Instant idleSince, int rank) {
    }

    /**
     * The best qualified free agent for a requirement.
     *
     * @param runnerUp   the next qualified agent in the same order, or null: says what decided
     * @param candidates how many free agents qualified, {@code chosen} included
     */
    record Choice(IdleAgent chosen, IdleAgent runnerUp, int candidates) {
    }

    private final Map<String, IdleAgent> byId = new HashMap<>();
    private final Map<String, TreeSet<IdleAgent>> bySkill = new HashMap<>();
    /** Skill to the number of free agents at each level (index = level). */
    private final Map<String, int[]> countsBySkill = new HashMap<>();

    void add(IdleAgent agent) {
        remove(agent.agent().id());
        byId.put(agent.agent().id(), agent);
        for (String skill : agent.agent().skills()) {
            bySkill.computeIfAbsent(skill, s -> new TreeSet<>(bestMatchFirst(s))).add(agent);
            countsBySkill.computeIfAbsent(skill, s -> new int[SkillLevel.MAX + 1])[agent.agent().level(skill)]++;
        }
    }

    /** Takes the agent out of the index; null when they were not in it. */
    IdleAgent remove(String agentId) {
        IdleAgent agent = byId.remove(agentId);
        if (agent != null) {
            for (String skill : agent.agent().skills()) {
                bySkill.get(skill).remove(agent);
                countsBySkill.get(skill)[agent.agent().level(skill)]--;
            }
        }
        return agent;
    }

    /**
     * The best qualified free agent for {@code requirement}, or null when none qualifies. A
     * requirement of one skill costs O(log n); one of several skills reads the free agents with
     * the primary skill at its level or above, once.
     */
    Choice best(Requirement requirement) {
        TreeSet<IdleAgent> ranked = bySkill.get(requirement.primary());
        if (ranked == null || ranked.isEmpty()) {
            return null;
        }
        String primary = requirement.primary();
        int minimum = requirement.primaryLevel();
        if (requirement.singleSkill()) {
            IdleAgent first = ranked.first();
            if (first.agent().level(primary) < minimum) {
                return null;
            }
            IdleAgent second = ranked.higher(first);
            int[] counts = countsBySkill.get(primary);
            int candidates = 0;
            for (int level = minimum; level < counts.length; level++) {
                candidates += counts[level];
            }
            return new Choice(first, second != null && second.agent().level(primary) >= minimum ? second : null,
                    candidates);
        }
        IdleAgent chosen = null;
        IdleAgent runnerUp = null;
        int candidates = 0;
        for (IdleAgent agent : ranked) {
            if (agent.agent().level(primary) < minimum) {
                break;
            }
            if (requirement.metBy(agent.agent())) {
                candidates++;
                if (chosen == null) {
                    chosen = agent;
                } else if (runnerUp == null) {
                    runnerUp = agent;
                }
            }
        }
        return chosen == null ? null : new Choice(chosen, runnerUp, candidates);
    }

    private static Comparator<IdleAgent> bestMatchFirst(String skill) {
        return Comparator.comparingInt((IdleAgent a) -> -a.agent().level(skill))
                .thenComparing(IdleAgent::idleSince)
                .thenComparingInt(IdleAgent::rank);
    }
}

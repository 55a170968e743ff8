package org.hotline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hotline.call.Agent;

/**
 * What a waiting caller asks of an agent at one moment.
 *
 * <p>The route's requirement is the queue's own skill at level 1 (the queue's agents are those
 * with its skill) together with every skill the route names at its minimum level (a minimum below
 * 1 counts as 1: the agent must have the skill). Relaxation step {@code n} is that requirement
 * with the queue's first {@code n} steps applied in order ({@link RelaxationStep}).
 *
 * <p>The primary skill ranks the qualified agents (highest level of it first). It is the route's
 * named skill with the highest minimum level, ties going to the queue's skill, then to the name
 * in alphabetical order; a route that names none has the queue's skill. Once "any agent of the
 * queue" applies, the queue's skill is primary.
 *
 * @param skills  skill name to minimum level, in alphabetical order of the names
 * @param primary the skill whose level ranks the candidates; one of {@code skills}
 * @param step    0 for the route's own requirement, n after the queue's n-th relaxation step
 */
record Requirement(SortedMap<String, Integer> skills, String primary, int step) {

    /** The requirement in force for {@code call} at {@code now}: every step whose wait has passed applies. */
    static Requirement at(Acd.WaitingCall call, Instant now) {
        return atStep(call, stepAt(call, now));
    }

    /** How many of the queue's relaxation steps apply at {@code now}. */
    static int stepAt(Acd.WaitingCall call, Instant now) {
        Duration inQueue = Duration.between(call.enteredQueueAt(), now);
        List<RelaxationStep> steps = call.relaxation();
        int step = 0;
        while (step < steps.size() && steps.get(step).after().compareTo(inQueue) <= 0) {
            step++;
        }
        return step;
    }

    static Requirement atStep(Acd.WaitingCall call, int step) {
        TreeMap<String, Integer> skills = new TreeMap<>();
        skills.put(call.skill(), 1);
        call.skills().forEach((skill, level) -> skills.put(skill, Math.max(1, level)));
        String primary = primaryOf(call);
        for (RelaxationStep relaxation : call.relaxation().subList(0, step)) {
            if (relaxation.anyAgentOfQueue()) {
                skills.clear();
                skills.put(call.skill(), 1);
                primary = call.skill();
            } else {
                skills.replaceAll((skill, level) -> Math.min(level, relaxation.minLevel()));
            }
        }
        return new Requirement(Collections.unmodifiableSortedMap(skills), primary, step);
    }

    /** When the next relaxation step applies to {@code call}, or null when none is left. */
    Instant nextStepAt(Acd.WaitingCall call) {
        List<RelaxationStep> steps = call.relaxation();
        return step < steps.size() ? call.enteredQueueAt().plus(steps.get(step).after()) : null;
    }

    /** The minimum level of the primary skill. */
    int primaryLevel() {
        return skills.get(primary);
    }

    /** Whether {@code agent} has every required skill at its minimum level or above. */
    boolean metBy(Agent agent) {
        for (Map.Entry<String, Integer> required : skills.entrySet()) {
            if (agent.level(required.getKey()) < required.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** True when the primary skill is the only one required: then every agent with it high enough qualifies. */
    boolean singleSkill() {
        return skills.size() == 1;
    }

    /** E.g. {@code support 3, zh 2}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        skills.forEach((skill, level) -> text.append(text.isEmpty() ? "" : ", ").append(skill).append(' ').append(level));
        return text.toString();
    }

    private static String primaryOf(Acd.WaitingCall call) {
        Comparator<Map.Entry<String, Integer>> first = Comparator
                .comparing((Map.Entry<String, Integer> e) -> -Math.max(1, e.getValue()))
                .thenComparing(e -> !e.getKey().equals(call.skill()))
                .thenComparing(Map.Entry::getKey);
        return call.skills().entrySet().stream().min(first).map(Map.Entry::getKey).orElse(call.skill());
    }
}

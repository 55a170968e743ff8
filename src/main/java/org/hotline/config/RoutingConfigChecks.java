package org.hotline.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotline.call.SkillLevel;

/**
 * The checks of the keys routing reads: the {@code queues} (with their relaxation steps) and the
 * agents' skill levels.
 */
final class RoutingConfigChecks {

    /** The configured queues' names and the skills they ask for (each queue's one skill). */
    record Queues(Set<String> names, Set<String> skills) {
    }

    private RoutingConfigChecks() {
    }

    static Queues queues(List<HotlineConfig.QueueSection> queues, ConfigProblems problems) {
        Set<String> names = new HashSet<>();
        Set<String> skills = new HashSet<>();
        if (queues == null || queues.isEmpty()) {
            problems.add("queues: configure at least one queue");
            return new Queues(names, skills);
        }
        for (int i = 0; i < queues.size(); i++) {
            HotlineConfig.QueueSection q = queues.get(i);
            String key = "queues[" + i + "]";
            if (ConfigProblems.isBlank(q.name()) || !q.name().matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ".name: '" + q.name() + "' must be letters, digits, '-' or '_'");
            } else if (!names.add(q.name())) {
                problems.add(key + ".name: queue '" + q.name() + "' is configured twice");
            }
            problems.between(key + ".maxWaitSeconds", q.maxWaitSeconds(), 10, 86_400);
            int announceEvery = q.announceEverySeconds();
            if (announceEvery != 0 && (announceEvery < 5 || announceEvery > 3_600)) {
                // below 5 s a caller would hear little but announcements
                problems.add(key + ".announceEverySeconds: " + announceEvery
                        + " is outside 5..3600 (0 turns the announcements off)");
            }
            if (ConfigProblems.isBlank(q.skill())) {
                problems.add(key + ".skill: required (the skill an agent needs to take this queue's calls)");
            } else {
                skills.add(q.skill());
            }
            relaxation(key + ".relaxation", q.relaxation(), q.maxWaitSeconds(), problems);
            if (q.callbackOfferAfterSeconds() != 0) {
                problems.between(key + ".callbackOfferAfterSeconds", q.callbackOfferAfterSeconds(), 1,
                        q.maxWaitSeconds() - 1);
            }
        }
        return new Queues(names, skills);
    }

    /**
     * Entries {@code name} or {@code name:level} (level 1..10), each name once, each the skill of
     * a queue (else the agent could never be offered a call for it).
     */
    static void skills(String key, List<String> entries, Set<String> queueSkills, ConfigProblems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            SkillLevel skill;
            try {
                skill = SkillLevel.parse(entries.get(i));
            } catch (IllegalArgumentException e) {
                problems.add(key + "[" + i + "]: " + e.getMessage());
                continue;
            }
            if (!seen.add(skill.name())) {
                problems.add(key + "[" + i + "]: '" + skill.name() + "' is listed twice");
            } else if (!queueSkills.contains(skill.name())) {
                problems.add(key + ": no queue uses skill '" + skill.name() + "' (queue skills: "
                        + String.join(", ", queueSkills.stream().sorted().toList()) + ")");
            }
        }
    }

    /**
     * Each step has {@code afterSeconds} (after the previous step's, and before the queue's longest
     * wait ends, else it never applies) and exactly one of {@code minLevel} (1..10) or
     * {@code anyAgentOfQueue: true}.
     */
    static void relaxation(String key, List<HotlineConfig.RelaxationSection> steps, int maxWaitSeconds,
                           ConfigProblems problems) {
        Integer previous = null;
        for (int i = 0; i < steps.size(); i++) {
            HotlineConfig.RelaxationSection step = steps.get(i);
            String at = key + "[" + i + "]";
            if (step == null) {
                problems.add(at + ": an empty entry");
                continue;
            }
            if (step.afterSeconds() == null) {
                problems.add(at + ".afterSeconds: required (the wait in the queue after which the step applies)");
            } else if (step.afterSeconds() < 0 || step.afterSeconds() >= maxWaitSeconds) {
                problems.add(at + ".afterSeconds: " + step.afterSeconds() + " is outside 0.." + (maxWaitSeconds - 1)
                        + " (the queue's maxWaitSeconds is " + maxWaitSeconds + ")");
            } else {
                if (previous != null && step.afterSeconds() <= previous) {
                    problems.add(at + ".afterSeconds: " + step.afterSeconds()
                            + " must be after the previous step's " + previous);
                }
                previous = step.afterSeconds();
            }
            boolean anyAgent = Boolean.TRUE.equals(step.anyAgentOfQueue());
            if (anyAgent == (step.minLevel() != null)) {
                problems.add(at + ": give either minLevel (" + SkillLevel.MIN + ".." + SkillLevel.MAX
                        + ") or anyAgentOfQueue: true");
            } else if (!anyAgent && (step.minLevel() < SkillLevel.MIN || step.minLevel() > SkillLevel.MAX)) {
                problems.add(at + ".minLevel: " + step.minLevel() + " is outside " + SkillLevel.MIN + ".." + SkillLevel.MAX);
            }
        }
    }
}

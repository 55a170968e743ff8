package org.hotline.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotline.call.SkillLevel;

/** The checks of the keys routing reads: agents' skill levels and queues' relaxation steps. */
final class RoutingConfigChecks {

    private RoutingConfigChecks() {
    }

    /**
     * Entries {@code name} or {@code name:level} (level 1..10), each name once, each the skill of
     * a queue (else the agent could never be offered a call for it).
     */
    static void skills(String key, List<String> entries, Set<String> queueSkills, List<String> problems) {
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
                           List<String> problems) {
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

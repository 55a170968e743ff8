package org.hotline.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A configured agent: who they are, which phone rings, which calls they can take and how well.
 *
 * @param skills      the skills' names, in configuration order, each once
 * @param skillLevels skill name to level ({@link SkillLevel#MIN}..{@link SkillLevel#MAX}) for exactly
 *                    the names in {@code skills}; a skill without a level here has level 1
 */
public record Agent(String id, String name, String extension, List<String> skills, Map<String, Integer> skillLevels) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(extension, "extension");
        skills = List.copyOf(new java.util.LinkedHashSet<>(skills));
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (String skill : skills) {
            Integer level = skillLevels == null ? null : skillLevels.get(skill);
            levels.put(skill, new SkillLevel(skill, level == null ? SkillLevel.MIN : level).level());
        }
        if (skillLevels != null && !levels.keySet().containsAll(skillLevels.keySet())) {
            throw new IllegalArgumentException("agent " + id + ": levels " + skillLevels + " name skills not in " + skills);
        }
        skillLevels = Collections.unmodifiableMap(levels);
    }

    /**
     * An agent from configured skill entries, each {@code name} or {@code name:level} (see
     * {@link SkillLevel#parse}); e.g. {@code [support:3, billing]}.
     *
     * @throws IllegalArgumentException when an entry is neither
     */
    public Agent(String id, String name, String extension, List<String> skillEntries) {
        this(id, name, extension, SkillLevel.names(skillEntries), SkillLevel.parseAll(skillEntries));
    }

    public boolean has(String skill) {
        return skillLevels.containsKey(skill);
    }

    /** The agent's level of {@code skill}, 0 when they do not have it. */
    public int level(String skill) {
        return skillLevels.getOrDefault(skill, 0);
    }
}

package org.hotline.call;

import java.util.List;
import java.util.Objects;

/** A configured agent: who they are, which phone rings, which calls they can take. */
public record Agent(String id, String name, String extension, List<String> skills) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(extension, "extension");
        skills = List.copyOf(skills);
    }

    public boolean has(String skill) {
        return skills.contains(skill);
    }
}

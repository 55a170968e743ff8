package org.hotline.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One skill of an agent and how well they master it, as configured: {@code name} or
 * {@code name:level}, the level {@value #MIN}..{@value #MAX} ({@value #MIN} when left out). A
 * higher level is a better match for a call that needs the skill.
 */
public record SkillLevel(String name, int level) {

    public static final int MIN = 1;
    public static final int MAX = 10;

    /** A name is anything without blanks or ':'; the level, when given, is a whole number. */
    private static final Pattern ENTRY = Pattern.compile("([^\\s:]+)(?::([0-9]{1,9}))?");

    public SkillLevel {
        if (name == null || !name.matches("[^\\s:]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a skill name");
        }
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("level " + level + " of '" + name + "' is outside " + MIN + ".." + MAX);
        }
    }

    /**
     * Reads one configured entry.
     *
     * @throws IllegalArgumentException naming the entry when it is not {@code name} or
     *                                  {@code name:level}, or the level is outside 1..10
     */
    public static SkillLevel parse(String entry) {
        Matcher m = entry == null ? null : ENTRY.matcher(entry.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not name or name:level");
        }
        return new SkillLevel(m.group(1), m.group(2) == null ? MIN : Integer.parseInt(m.group(2)));
    }

    /** Every entry read, in order; a name given twice keeps its last level. */
    public static Map<String, Integer> parseAll(List<String> entries) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (String entry : entries) {
            SkillLevel skill = parse(entry);
            levels.put(skill.name(), skill.level());
        }
        return levels;
    }

    /** The names of the entries, in order, each once. */
    static List<String> names(List<String> entries) {
        return new ArrayList<>(parseAll(entries).keySet());
    }
}

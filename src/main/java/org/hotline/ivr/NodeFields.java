package org.hotline.ivr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one node's raw YAML mapping. Each read remembers its key, so that what is left
 * over at the end are the keys this node type does not know ({@link #rejectUnknownKeys}). A value
 * of the wrong type is reported and read as absent.
 */
final class NodeFields {

    private final String node;
    private final Map<String, Object> raw;
    private final IvrProblems problems;
    private final Set<String> known = new LinkedHashSet<>(List.of("type"));

    NodeFields(String node, Map<String, Object> raw, IvrProblems problems) {
        this.node = node;
        this.raw = raw;
        this.problems = problems;
    }

    void problem(String key, String message) {
        problems.node(node, key, message);
    }

    /** A text value (numbers are accepted as their text); null when absent or reported. */
    String text(String key, boolean required) {
        known.add(key);
        Object value = raw.get(key);
        if (value == null) {
            if (required) {
                problem(key, "required");
            }
            return null;
        }
        if (value instanceof String s) {
            if (s.isBlank() && required) {
                problem(key, "required");
                return null;
            }
            return s.isBlank() ? null : s.strip();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        problem(key, "must be a single value, not " + describe(value));
        return null;
    }

    int integer(String key, int fallback, int min, int max) {
        known.add(key);
        Object value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer i)) {
            problem(key, "'" + value + "' is not a whole number");
            return fallback;
        }
        if (i < min || i > max) {
            problem(key, i + " is outside " + min + ".." + max);
            return fallback;
        }
        return i;
    }

    boolean flag(String key, boolean fallback) {
        known.add(key);
        Object value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            problem(key, "'" + value + "' is not true or false");
            return fallback;
        }
        return b;
    }

    /** A mapping of text to text (e.g. menu options), in the order written; empty when absent or reported. */
    Map<String, String> textMap(String key, boolean required) {
        known.add(key);
        Object value = raw.get(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            if (required) {
                problem(key, "required");
            }
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(key, "must be a mapping, not " + describe(value));
            return result;
        }
        map.forEach((k, v) -> {
            if (v == null || v instanceof Map || v instanceof List) {
                problem(key + "." + k, "must be a single value");
            } else {
                result.put(String.valueOf(k), String.valueOf(v).strip());
            }
        });
        if (required && result.isEmpty() && map.isEmpty()) {
            problem(key, "give at least one");
        }
        return result;
    }

    boolean hasList(String key) {
        return raw.get(key) instanceof List;
    }

    /** A list of text values; empty when absent or reported. */
    List<String> textList(String key) {
        known.add(key);
        Object value = raw.get(key);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, not " + describe(value));
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (v == null || v instanceof Map || v instanceof List) {
                problem(key + "[" + i + "]", "must be a single value");
            } else {
                result.add(String.valueOf(v).strip());
            }
        }
        return result;
    }

    /** Reports every key not read, listing the keys this type knows. */
    void rejectUnknownKeys(String type) {
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                problem(key, "unknown key for a " + type + " node (known keys there: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "'" + value + "'";
    }
}

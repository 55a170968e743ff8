package org.hotline.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checks of one configuration found wrong, each problem a line that starts with the key
 * at fault, in the order found; with the small checks every section shares.
 */
final class ConfigProblems {

    private final List<String> messages = new ArrayList<>();

    /** A problem, written {@code key: what is wrong}. */
    void add(String problem) {
        messages.add(problem);
    }

    void addAll(List<String> problems) {
        messages.addAll(problems);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    void required(String key, String value) {
        if (isBlank(value)) {
            add(key + ": required");
        }
    }

    void port(String key, int value) {
        between(key, value, 1, 65535);
    }

    void atLeast(String key, int value, int min) {
        if (value < min) {
            add(key + ": " + value + " is below the minimum " + min);
        }
    }

    void between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            add(key + ": " + value + " is outside " + min + ".." + max);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

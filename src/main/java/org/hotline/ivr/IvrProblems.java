package org.hotline.ivr;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a flow, each message naming its key the way the config's own
 * errors do ({@code ivr.nodes.main-menu.options.9: no node 'chinese2'}), and the file when the
 * flow lives in a file of its own ({@code ivr.file}).
 */
public final class IvrProblems {

    private final String prefix;
    private final String file;
    private final List<String> messages = new ArrayList<>();

    /**
     * @param prefix the keys' prefix, e.g. {@code ivr.}
     * @param file   the flow's own file, or null when it is written in the config
     */
    public IvrProblems(String prefix, String file) {
        this.prefix = prefix;
        this.file = file;
    }

    /** A problem with the key {@code key} (relative to the flow, e.g. {@code nodes.x.next}). */
    public void add(String key, String message) {
        messages.add(prefix + key + (file == null ? "" : " (in " + file + ")") + ": " + message);
    }

    /** A problem with the key {@code key} of node {@code node}. */
    public void node(String node, String key, String message) {
        add("nodes." + node + (key == null ? "" : "." + key), message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}

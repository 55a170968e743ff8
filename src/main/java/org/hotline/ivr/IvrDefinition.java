package org.hotline.ivr;

import java.util.List;
import java.util.Map;

/**
 * A flow as written under {@code ivr:} (or in the file {@code ivr.file} names), not yet checked:
 * each node is the raw YAML mapping, so that {@link IvrFlowReader} can name every bad key with
 * the node it belongs to.
 *
 * @param vipSkipsMenu VIP callers skip the first menu they reach, to {@code vipRoute}
 * @param vipRoute     the route node a VIP caller goes to
 * @param vipPriority  their priority there: above every route's own
 */
public record IvrDefinition(String start, String defaultLanguage, List<String> languages, String soundPrefix,
                            boolean vipSkipsMenu, String vipRoute, int vipPriority,
                            Map<String, Map<String, Object>> nodes) {

    public IvrDefinition {
        languages = languages == null ? List.of() : languages;
        nodes = nodes == null ? Map.of() : nodes;
    }

    /** No nodes: the IVR is off and calls go straight to the first queue. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}

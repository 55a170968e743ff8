package org.hotline.ivr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated IVR flow: a graph of {@link IvrNode}s entered at {@code start}. Built by
 * {@link IvrFlowReader} from {@code ivr:} in the config and verified by {@link IvrFlowChecker};
 * run per call by {@link IvrRun}.
 *
 * @param start     the node every call enters first
 * @param languages the flow's languages and sound-name layout
 * @param nodes     every node by name, in the order written
 * @param vip       how callers known as VIP customers skip the menu; null: they do not
 * @param surveyOptIn the nodes marked {@code surveyOptIn: true}: a caller who passes one opted in
 *                  to the post-call survey (for {@code survey.who: opted-in})
 */
public record IvrFlow(String start, PromptSet languages, Map<String, IvrNode> nodes, VipSkip vip,
                      Set<String> surveyOptIn) {

    public IvrFlow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(languages, "languages");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        surveyOptIn = surveyOptIn == null ? Set.of() : Set.copyOf(surveyOptIn);
    }

    /** A flow where no node opts the caller in to the survey. */
    public IvrFlow(String start, PromptSet languages, Map<String, IvrNode> nodes, VipSkip vip) {
        this(start, languages, nodes, vip, Set.of());
    }

    /** True when some node lets the caller opt in to the post-call survey. */
    public boolean offersSurveyOptIn() {
        return !surveyOptIn.isEmpty();
    }

    public IvrNode node(String name) {
        IvrNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node '" + name + "' in the flow");
        }
        return node;
    }

    /**
     * A VIP caller (their number belongs to a customer of tier {@code vip}) whose call reaches a
     * menu does not hear it: the call goes to the route node {@code route} at {@code priority},
     * which is above every route's own priority in the flow, so they wait at the front of the
     * queue. Whatever comes before the first menu (the welcome, the opening hours) still applies:
     * a VIP is not routed to a closed center.
     */
    public record VipSkip(String route, int priority) {
    }
}

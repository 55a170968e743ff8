package org.hotline.ivr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what spans a flow's nodes, after {@link IvrFlowReader} built them: every target exists,
 * every node is reachable from {@code start}, no loop can go round without the caller pressing a
 * key, every prompt exists in every language, every queue and skill exists, what a lookup or say
 * reads was entered somewhere, and a callback taken at a {@code callback-offer} always reaches a
 * queue.
 *
 * <p>A loop "with no caller input" is a cycle a caller who presses nothing can go round for ever.
 * A menu or collect on the cycle does not break it when the cycle leaves through its
 * {@code noInput} (silence takes that exit), and a play's barge-in does not either (a key pressed
 * during a play leads to the same {@code next}). What breaks it: an exit that only a key takes (a
 * menu option, a collect's entered digits, an invalid entry, an accepted callback).
 */
public final class IvrFlowChecker {

    private final IvrProblems problems;

    public IvrFlowChecker(IvrProblems problems) {
        this.problems = problems;
    }

    /**
     * @param queues  the configured queue names
     * @param skills  the configured skill names (queues' and agents')
     * @param catalog the prompts that exist
     */
    public void check(IvrFlow flow, Set<String> queues, Set<String> skills, PromptCatalog catalog) {
        targets(flow);
        vip(flow);
        if (!problems.isEmpty()) {
            return; // reachability and loops need every target to exist
        }
        reachable(flow);
        silentLoops(flow);
        entered(flow);
        callbackBranches(flow);
        for (IvrNode node : flow.nodes().values()) {
            prompts(flow, node, catalog);
            switch (node) {
                case IvrNode.Route r -> route(r, queues, skills);
                case IvrNode.Language l -> {
                    if (!flow.languages().languages().contains(l.language())) {
                        problems.node(l.name(), "language", "'" + l.language() + "' is not one of ivr.languages "
                                + flow.languages().languages());
                    }
                }
                default -> {
                }
            }
        }
    }

    private void targets(IvrFlow flow) {
        for (IvrNode node : flow.nodes().values()) {
            for (IvrNode.Exit exit : node.exits()) {
                if (exit.target() != null && !flow.nodes().containsKey(exit.target())) {
                    problems.node(node.name(), exit.key(), "no node '" + exit.target() + "'");
                }
            }
        }
    }

    private void vip(IvrFlow flow) {
        if (flow.vip() == null) {
            return;
        }
        IvrNode target = flow.nodes().get(flow.vip().route());
        if (!(target instanceof IvrNode.Route)) {
            problems.add("vipRoute", target == null ? "no node '" + flow.vip().route() + "'"
                    : "'" + flow.vip().route() + "' is a " + IvrNode.typeOf(target) + " node, not a route");
        }
        int highest = flow.nodes().values().stream().filter(n -> n instanceof IvrNode.Route)
                .mapToInt(n -> ((IvrNode.Route) n).priority()).max().orElse(0);
        if (flow.vip().priority() <= highest) {
            problems.add("vipPriority", flow.vip().priority() + " must be above every route's priority (the highest is "
                    + highest + ") to put VIP callers at the front of the queue");
        }
    }

    private void reachable(IvrFlow flow) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
        if (flow.vip() != null && flow.nodes().values().stream().anyMatch(n -> n instanceof IvrNode.Menu)) {
            todo.add(flow.vip().route());
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                flow.node(name).exits().forEach(e -> todo.push(e.target()));
            }
        }
        for (String name : flow.nodes().keySet()) {
            if (!seen.contains(name)) {
                problems.node(name, null, "unreachable: no path from start '" + flow.start() + "' leads to it");
            }
        }
    }

    /**
     * Depth-first over the exits a silent caller takes; a back edge closes a loop. The walk keeps
     * its own stack rather than recursing, so that a flow however long cannot overflow the
     * thread's stack.
     */
    private void silentLoops(IvrFlow flow) {
        Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
        Set<Set<String>> reported = new HashSet<>();
        for (String root : flow.nodes().keySet()) {
            if (!state.containsKey(root)) {
                walk(flow, root, state, reported);
            }
        }
    }

    /** A node on the walk's path and how many of its exits have been followed. */
    private static final class Step {
        final String name;
        final List<IvrNode.Exit> exits;
        int next;

        Step(String name, List<IvrNode.Exit> exits) {
            this.name = name;
            this.exits = exits;
        }
    }

    private void walk(IvrFlow flow, String root, Map<String, Integer> state, Set<Set<String>> reported) {
        List<String> path = new ArrayList<>();
        Map<String, Integer> positionOnPath = new HashMap<>();
        Deque<Step> stack = new ArrayDeque<>();
        state.put(root, 1);
        positionOnPath.put(root, 0);
        path.add(root);
        stack.push(new Step(root, flow.node(root).exits()));
        while (!stack.isEmpty()) {
            Step step = stack.peek();
            if (step.next == step.exits.size()) {
                stack.pop();
                path.remove(path.size() - 1);
                positionOnPath.remove(step.name);
                state.put(step.name, 2);
                continue;
            }
            IvrNode.Exit exit = step.exits.get(step.next++);
            if (exit.needsInput()) {
                continue;
            }
            Integer s = state.get(exit.target());
            if (s == null) {
                state.put(exit.target(), 1);
                positionOnPath.put(exit.target(), path.size());
                path.add(exit.target());
                stack.push(new Step(exit.target(), flow.node(exit.target()).exits()));
            } else if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(positionOnPath.get(exit.target()), path.size()));
                if (reported.add(new TreeSet<>(cycle))) {
                    cycle.add(exit.target());
                    problems.node(step.name, exit.key(), "a loop with no caller input: " + String.join(" → ", cycle)
                            + " (a caller who presses nothing would go round it for ever; end it with a route or a"
                            + " hangup, e.g. a menu's noInput)");
                }
            }
        }
    }

    /**
     * A callback taken at a {@code callback-offer} waits in the queue its {@code accepted} branch
     * routes to, from the moment the caller reaches it: every way on from that branch must end at
     * a {@code route}. A {@code hangup} on the way, or another offer (whose answer replaces this
     * one), would lose the callback the caller was promised.
     */
    private void callbackBranches(IvrFlow flow) {
        for (IvrNode node : flow.nodes().values()) {
            if (node instanceof IvrNode.CallbackOffer offer) {
                String why = notEndingAtARoute(flow, offer.accepted());
                if (why != null) {
                    problems.node(offer.name(), "accepted", "must lead to a route (the callback waits in its queue), but "
                            + why + "; the callback the caller took would be lost");
                }
            }
        }
    }

    /** Why some way on from {@code first} does not end at a route, or null when every way does. */
    private static String notEndingAtARoute(IvrFlow flow, String first) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(first));
        boolean routes = false;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            IvrNode node = flow.node(name);
            String via = name.equals(first) ? "" : " after '" + first + "'";
            switch (node) {
                case IvrNode.Route r -> routes = true;
                case IvrNode.Hangup h -> {
                    return "hangup node '" + name + "' ends the call" + via;
                }
                case IvrNode.CallbackOffer c -> {
                    return "callback-offer node '" + name + "' asks again" + via;
                }
                default -> node.exits().forEach(e -> todo.push(e.target()));
            }
        }
        return routes ? null : "no route follows '" + first + "'";
    }

    /** What a lookup or say reads must be kept somewhere in the flow by a collect or a lookup. */
    private void entered(IvrFlow flow) {
        Set<String> collected = new TreeSet<>();
        Set<String> keptAtAll = new TreeSet<>();
        for (IvrNode node : flow.nodes().values()) {
            if (node instanceof IvrNode.Collect c) {
                collected.add(c.into());
                keptAtAll.add(c.into());
            } else if (node instanceof IvrNode.Lookup l) {
                keptAtAll.add(l.into());
            }
        }
        for (IvrNode node : flow.nodes().values()) {
            if (node instanceof IvrNode.Lookup l && !collected.contains(l.key())) {
                problems.node(l.name(), "key", "no collect keeps digits under '" + l.key() + "' (kept: "
                        + String.join(", ", collected) + ")");
            } else if (node instanceof IvrNode.Say s && !keptAtAll.contains(s.value())) {
                problems.node(s.name(), "value", "no collect or lookup keeps a value under '" + s.value() + "' (kept: "
                        + String.join(", ", keptAtAll) + ")");
            }
        }
    }

    private void prompts(IvrFlow flow, IvrNode node, PromptCatalog catalog) {
        for (IvrNode.PromptUse use : node.prompts()) {
            if (!use.prompt().matches("[A-Za-z0-9_-]{1,64}")) {
                problems.node(node.name(), use.key(), "'" + use.prompt()
                        + "' is not a prompt name (1-64 letters, digits, '-' or '_'; the language and folder are added)");
                continue;
            }
            for (String language : flow.languages().languages()) {
                if (!catalog.has(language, use.prompt())) {
                    problems.node(node.name(), use.key(), "prompt '" + use.prompt() + "' is missing for language "
                            + language + " (no " + catalog.whereIs(language, use.prompt()) + ")");
                }
            }
        }
    }

    private void route(IvrNode.Route route, Set<String> queues, Set<String> skills) {
        if (!queues.contains(route.queue())) {
            problems.node(route.name(), "queue", "no queue '" + route.queue() + "' (queues: "
                    + String.join(", ", new TreeSet<>(queues)) + ")");
        }
        for (String skill : route.skills().keySet()) {
            if (!skills.contains(skill)) {
                problems.node(route.name(), "skills." + skill, "no queue or agent has skill '" + skill + "' (skills: "
                        + String.join(", ", new TreeSet<>(skills)) + ")");
            }
        }
    }
}

package org.hotline.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hotline.call.Agent;

/**
 * Callers waiting without an agent, confined to the ACD's owner. Each is filed under the primary
 * skill and its minimum level of the requirement in force, in {@link Waiter#LINE} order, so a freed
 * agent looks only at the lines they can serve: at most one line per level (1..10) of each of
 * their skills, and in each line only as far as its first caller they qualify for. Callers whose
 * next relaxation step is due are found by time in O(log n).
 */
final class WaitingLines {

    private static final Comparator<Waiter> BY_NEXT_STEP =
            Comparator.comparing((Waiter w) -> w.nextStepAt).thenComparingLong(w -> w.seq);

    /** Primary skill to minimum level to callers. */
    private final Map<String, NavigableMap<Integer, TreeSet<Waiter>>> byPrimary = new HashMap<>();
    /** Callers with a relaxation step still to come, soonest first. */
    private final TreeSet<Waiter> byNextStep = new TreeSet<>(BY_NEXT_STEP);

    /** Files a caller whose requirement is set (see {@link Waiter#requirementAt}). */
    void add(Waiter w) {
        byPrimary.computeIfAbsent(w.requirement.primary(), s -> new TreeMap<>())
                .computeIfAbsent(w.requirement.primaryLevel(), l -> new TreeSet<>(Waiter.LINE))
                .add(w);
        if (w.nextStepAt != null) {
            byNextStep.add(w);
        }
    }

    void remove(Waiter w) {
        NavigableMap<Integer, TreeSet<Waiter>> levels = byPrimary.get(w.requirement.primary());
        TreeSet<Waiter> line = levels == null ? null : levels.get(w.requirement.primaryLevel());
        if (line != null) {
            line.remove(w);
            if (line.isEmpty()) {
                levels.remove(w.requirement.primaryLevel());
            }
        }
        if (w.nextStepAt != null) {
            byNextStep.remove(w);
        }
    }

    /**
     * The first caller in {@link Waiter#LINE} order whose requirement {@code agent} meets, or null.
     * Costs O(skills × levels × log n) when callers need one skill; a caller needing several may
     * make a line be read further, up to its first caller the agent qualifies for.
     */
    Waiter firstFor(Agent agent) {
        Waiter best = null;
        for (String skill : agent.skills()) {
            NavigableMap<Integer, TreeSet<Waiter>> levels = byPrimary.get(skill);
            if (levels == null) {
                continue;
            }
            for (TreeSet<Waiter> line : levels.headMap(agent.level(skill), true).values()) {
                for (Waiter w : line) {
                    if (best != null && Waiter.LINE.compare(w, best) >= 0) {
                        break; // nobody further in this line comes before the best found
                    }
                    if (w.requirement.metBy(agent)) {
                        best = w;
                        break;
                    }
                }
            }
        }
        return best;
    }

    /** Takes out every caller whose next relaxation step is due at {@code now}, in {@link Waiter#LINE} order. */
    List<Waiter> takeDue(Instant now) {
        List<Waiter> due = new ArrayList<>();
        while (!byNextStep.isEmpty() && !byNextStep.first().nextStepAt.isAfter(now)) {
            Waiter w = byNextStep.first();
            remove(w);
            due.add(w);
        }
        due.sort(Waiter.LINE);
        return due;
    }
}

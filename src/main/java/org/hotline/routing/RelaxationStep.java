package org.hotline.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a queue lowers what it asks of an agent once a caller has waited {@code after} in it (counted
 * from entering the queue). Steps apply in order and add up: each one only ever lowers the
 * requirement.
 *
 * @param after           the wait in the queue after which the step applies
 * @param minLevel        every required skill's minimum level becomes at most this (0 when the step
 *                        is {@code anyAgentOfQueue})
 * @param anyAgentOfQueue the requirement becomes the queue's own skill at level 1: any agent of the
 *                        queue will do
 */
public record RelaxationStep(Duration after, int minLevel, boolean anyAgentOfQueue) {

    public RelaxationStep {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("a relaxation step cannot apply before the caller enters the queue");
        }
        if (anyAgentOfQueue ? minLevel != 0 : minLevel < 1) {
            throw new IllegalArgumentException("a relaxation step either lowers the level (minLevel >= 1) or takes"
                    + " any agent of the queue, not both");
        }
    }

    /** After {@code after} in the queue, a level of {@code minLevel} is enough in every required skill. */
    public static RelaxationStep toLevel(Duration after, int minLevel) {
        return new RelaxationStep(after, minLevel, false);
    }

    /** After {@code after} in the queue, any agent with the queue's skill will do. */
    public static RelaxationStep anyAgentOfQueue(Duration after) {
        return new RelaxationStep(after, 0, true);
    }

    /** @throws IllegalArgumentException unless the steps come in strictly ascending {@code after} */
    static List<RelaxationStep> checkedSteps(List<RelaxationStep> steps) {
        List<RelaxationStep> copy = steps == null ? List.of() : List.copyOf(steps);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).after().compareTo(copy.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException("relaxation steps must come in ascending order of their waits: "
                        + copy);
            }
        }
        return copy;
    }
}

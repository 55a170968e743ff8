package org.hotline.routing;

import java.time.Duration;
import java.time.Instant;
import org.hotline.call.RoutingDecision;
import org.hotline.routing.FreeAgents.Choice;
import org.hotline.routing.FreeAgents.IdleAgent;

/**
 * Writes down why the ACD gave a caller an agent: the requirement in force, its relaxation step,
 * how many qualified free agents there were, and what decided among them, in words, e.g.
 * {@code highest level: support 3 (2 candidates), then longest idle 42 s}.
 */
final class Decisions {

    private Decisions() {
    }

    /** A caller (joining, back after a miss, or relaxed) took the best qualified free agent. */
    static RoutingDecision callerServed(Waiter w, Choice choice, Instant now) {
        return decision(w, choice.chosen(), choice.candidates(), ranking(w.requirement, choice, now), now);
    }

    /**
     * A freed agent went to the first caller in line they qualify for; {@code choice} is the
     * ranking of the free agents for that caller (the freed agent first, unless the caller's
     * requirement changed since it was last matched).
     */
    static RoutingDecision agentFreed(Waiter w, IdleAgent agent, Choice choice, Instant now) {
        String line = "agent free: first caller in line they qualify for (priority " + w.call.priority() + ", "
                + seconds(w.call.enteredQueueAt(), now) + " s in queue); ";
        String ranking = choice != null && choice.chosen().equals(agent)
                ? ranking(w.requirement, choice, now)
                : level(w.requirement, agent) + ", idle " + seconds(agent.idleSince(), now) + " s";
        return decision(w, agent, choice == null ? 1 : choice.candidates(), line + ranking, now);
    }

    private static RoutingDecision decision(Waiter w, IdleAgent agent, int candidates, String reason, Instant now) {
        Requirement r = w.requirement;
        if (r.step() > 0) {
            RelaxationStep step = w.call.relaxation().get(r.step() - 1);
            reason += "; relaxed to " + r.describe() + " (step " + r.step() + ", after "
                    + step.after().toSeconds() + " s in queue)";
        }
        return new RoutingDecision(now, agent.agent().id(), w.call.queue(), r.skills(), r.step(), candidates, reason);
    }

    /** What put {@code choice.chosen()} first among the candidates. */
    private static String ranking(Requirement r, Choice choice, Instant now) {
        IdleAgent chosen = choice.chosen();
        String idle = "longest idle " + seconds(chosen.idleSince(), now) + " s";
        if (choice.candidates() <= 1) {
            return "only qualified free agent: " + level(r, chosen) + ", idle " + seconds(chosen.idleSince(), now) + " s";
        }
        String text = "highest level: " + level(r, chosen) + " (" + choice.candidates() + " candidates)";
        IdleAgent next = choice.runnerUp();
        if (next == null || next.agent().level(r.primary()) < chosen.agent().level(r.primary())) {
            return text;
        }
        text += ", then " + idle;
        return next.idleSince().equals(chosen.idleSince()) ? text + ", then configuration order" : text;
    }

    private static String level(Requirement r, IdleAgent agent) {
        return r.primary() + " " + agent.agent().level(r.primary());
    }

    private static long seconds(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toSeconds());
    }
}

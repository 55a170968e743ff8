package org.hotline.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;

/**
 * Hotline's automatic call distributor: callers wait in arrival order, and each free agent goes
 * to the longest-waiting caller whose queue needs one of the agent's skills (the longest-idle such
 * agent first).
 *
 * <p>Sessions {@link #poll} while their caller waits; a poll distributes every free agent it can,
 * so an agent freed for an older caller is held for that caller until its session polls. A caller
 * keeps their place through unanswered rings until they {@link #leave}.
 */
public final class Acd {

    /** A caller waiting for a person. */
    public record WaitingCall(String callId, String queue, String skill, Instant arrivedAt) {
    }

    private final AgentRoster roster;
    private final List<WaitingCall> waiting = new ArrayList<>();
    private final Map<String, Agent> reserved = new HashMap<>();
    private final Set<String> ringing = new HashSet<>();

    public Acd(AgentRoster roster) {
        this.roster = roster;
    }

    /** The caller starts waiting; their place is by {@code arrivedAt}. */
    public synchronized void join(WaitingCall call) {
        int at = 0;
        while (at < waiting.size() && !waiting.get(at).arrivedAt().isAfter(call.arrivedAt())) {
            at++;
        }
        waiting.add(at, call);
    }

    /**
     * The agent to ring now for {@code callId}, if one is free for it. The agent is reserved for the
     * call, and the call gets no other agent until {@link #ringFailed} or {@link #leave}: ring them,
     * then report the outcome to the roster.
     */
    public synchronized Optional<Agent> poll(String callId) {
        distribute();
        Agent agent = reserved.remove(callId);
        if (agent != null) {
            ringing.add(callId);
        }
        return Optional.ofNullable(agent);
    }

    /** The agent did not take the call; the caller keeps their place and waits for the next agent. */
    public synchronized void ringFailed(String callId) {
        ringing.remove(callId);
    }

    /** The caller stopped waiting (connected, hung up, or sent elsewhere). */
    public synchronized void leave(String callId) {
        waiting.removeIf(c -> c.callId().equals(callId));
        ringing.remove(callId);
        Agent agent = reserved.remove(callId);
        if (agent != null) {
            roster.release(agent.id(), callId);
        }
    }

    /** Callers waiting in a queue, oldest first. */
    public synchronized List<WaitingCall> waiting(String queue) {
        return waiting.stream().filter(c -> c.queue().equals(queue)).toList();
    }

    /** 1-based place of the caller among those waiting in their queue, or 0 if not waiting. */
    public synchronized int positionOf(String callId) {
        String queue = null;
        for (WaitingCall c : waiting) {
            if (c.callId().equals(callId)) {
                queue = c.queue();
            }
        }
        if (queue == null) {
            return 0;
        }
        int position = 0;
        for (WaitingCall c : waiting) {
            if (c.queue().equals(queue)) {
                position++;
                if (c.callId().equals(callId)) {
                    return position;
                }
            }
        }
        return 0;
    }

    private void distribute() {
        for (WaitingCall call : waiting) {
            if (!reserved.containsKey(call.callId()) && !ringing.contains(call.callId())) {
                roster.reserveLongestIdle(call.skill(), call.callId())
                        .ifPresent(agent -> reserved.put(call.callId(), agent));
            }
        }
    }
}

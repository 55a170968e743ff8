package org.hotline.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;

/**
 * Hotline's automatic call distributor: callers wait in arrival order, each agent who becomes free
 * goes to the longest-waiting caller whose queue needs one of the agent's skills, and a caller who
 * finds several free agents gets the one idle longest. Paused, wrap-up, ringing or talking agents,
 * phones Asterisk reports busy or unreachable, and agents skipped after a busy ring are not offered.
 *
 * <p>Driven by changes, not by polls. A caller joining or leaving, and every change the roster
 * reports about an agent, is handed to the ACD's owner, which runs one task at a time on the
 * executor given (one thread in production) and keeps the waiting callers and the free agents
 * indexed per skill ({@link AcdIndex}): each change costs O(log n). A match reserves the agent in
 * the roster (who shows as ringing) and leaves an offer for the caller; {@link #poll} only takes
 * the caller's own offer, in O(1), and never distributes. No method waits for the owner, so the
 * FastAGI event loops never do; the changes they hand over are applied in the order given.
 */
public final class Acd {

    /** A caller waiting for a person. */
    public record WaitingCall(String callId, String queue, String skill, Instant arrivedAt) {
    }

    /** A caller's place in their queue's line, for {@link #waiting} and {@link #positionOf}. */
    private record Place(WaitingCall call, long seq) {
    }

    private static final Comparator<Place> LINE =
            Comparator.comparing((Place p) -> p.call().arrivedAt()).thenComparingLong(Place::seq);

    private final SerialTasks owner;
    private final AcdIndex index;
    /** Agents reserved by the owner for a call, until the call's session takes them with {@link #poll}. */
    private final Map<String, Agent> offers = new ConcurrentHashMap<>();
    private final Map<String, Place> places = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<Place>> lines = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    /** Runs the ACD's work on the threads that call it, one task at a time: for tests and tools. */
    public Acd(AgentRoster roster) {
        this(roster, Runnable::run);
    }

    /**
     * @param owner runs the ACD's tasks in the order handed to it, e.g. a single-thread executor
     *              (its owner shuts it down); a task never blocks on I/O
     */
    public Acd(AgentRoster roster, Executor owner) {
        this.owner = new SerialTasks(owner);
        this.index = new AcdIndex(roster, new AcdIndex.Offers() {
            @Override
            public void offer(String callId, Agent agent) {
                offers.put(callId, agent);
            }

            @Override
            public Agent withdraw(String callId) {
                return offers.remove(callId);
            }
        });
        roster.onEligibilityChange(eligibility -> this.owner.submit(() -> index.agentChanged(eligibility)));
    }

    /**
     * The caller starts waiting; their place is by {@code arrivedAt} (then by order of joining).
     * Returns at once. The future completes, on the ACD's owner thread, once the join is applied:
     * from then on a {@link #poll} finds the agent if one was free. A session that polls before
     * may find nothing and wait one poll interval; to avoid that, continue on the session's own
     * executor ({@code thenRunAsync(step, loop)}), never on the owner's thread.
     */
    public CompletableFuture<Void> join(WaitingCall call) {
        Place place = new Place(call, arrivals.incrementAndGet());
        if (places.putIfAbsent(call.callId(), place) != null) {
            return CompletableFuture.completedFuture(null);
        }
        lines.computeIfAbsent(call.queue(), q -> new ConcurrentSkipListSet<>(LINE)).add(place);
        CompletableFuture<Void> applied = new CompletableFuture<>();
        owner.submit(() -> {
            index.join(call, place.seq());
            applied.complete(null);
        });
        return applied;
    }

    /**
     * The agent to ring now for {@code callId}, if the ACD has matched one to the call: O(1), it
     * only takes the call's own offer. The agent is ringing for the call in the roster, and the
     * call gets no other agent until that ring ends (the roster's {@code ringEnded}) or the call
     * {@link #leave}s: ring them, then report the outcome to the roster.
     */
    public Optional<Agent> poll(String callId) {
        return Optional.ofNullable(offers.remove(callId));
    }

    /**
     * The agent did not take the call; the caller keeps their place and waits for the next agent.
     * The ACD learns of the ring's end from the roster's {@code ringEnded}, which the session
     * reports first and which may give the same caller the next agent at once; this call only
     * states the order of the session's steps and changes nothing.
     */
    public void ringFailed(String callId) {
        // Nothing to hand over: see above. Acting here could undo an offer the session already took.
    }

    /** The caller stopped waiting (connected, hung up, or sent elsewhere). An agent not yet rung is freed. */
    public void leave(String callId) {
        Place place = places.remove(callId);
        if (place == null) {
            return;
        }
        NavigableSet<Place> line = lines.get(place.call().queue());
        if (line != null) {
            line.remove(place);
        }
        owner.submit(() -> index.leave(callId));
    }

    /** Callers waiting in a queue (including those being rung), oldest first. O(n): for screens and tools. */
    public List<WaitingCall> waiting(String queue) {
        NavigableSet<Place> line = lines.get(queue);
        return line == null ? List.of() : line.stream().map(Place::call).toList();
    }

    /** 1-based place of the caller among those waiting in their queue, or 0 if not waiting. O(n). */
    public int positionOf(String callId) {
        Place place = places.get(callId);
        NavigableSet<Place> line = place == null ? null : lines.get(place.call().queue());
        return line == null || !line.contains(place) ? 0 : line.headSet(place).size() + 1;
    }
}

package org.hotline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.RoutingDecision;

/**
 * Hotline's automatic call distributor: skills-based routing that explains itself.
 *
 * <p>Each waiting caller has a requirement (see {@link Requirement}): the queue's skill, and the
 * skills their route names with a minimum level. Callers are served by priority (higher first),
 * then by when they entered the queue. A caller who finds free agents who qualify gets the best
 * match: the highest level of the primary skill, then the one idle longest, then the one first in
 * the configuration. An agent who becomes free goes to the first caller in that order whose
 * requirement they meet. The longer a caller waits in the queue, the less may be asked: the
 * queue's {@link RelaxationStep}s lower the requirement step by step, each when its wait has
 * passed ({@link #tick}). Every reservation comes with a {@link RoutingDecision} saying why.
 * Paused, wrap-up, ringing or talking agents, phones Asterisk reports busy or unreachable, and
 * agents skipped after a busy ring are not offered. Same state and changes, same choices.
 *
 * <p>Driven by changes, not by polls. A caller joining or leaving, a relaxation step coming due,
 * and every change the roster reports about an agent, is handed to the ACD's owner, which runs one
 * task at a time on the executor given (one thread in production) and keeps the waiting callers
 * and the free agents indexed by skill and level ({@link AcdIndex}): each change costs about
 * O(log n). A match reserves the agent in the roster (who shows as ringing) and leaves an offer for
 * the caller; {@link #pollOffer} only takes the caller's own offer, in O(1), and never distributes.
 * No method waits for the owner, so the FastAGI event loops never do; the changes they hand over
 * are applied in the order given.
 */
public final class Acd {

    /**
     * A caller waiting for a person, with what they need.
     *
     * @param queue          the queue they wait in
     * @param skill          the queue's own skill: every agent who takes the call has it, and
     *                       "any agent of the queue" means any agent with it
     * @param arrivedAt      when the call arrived (kept for the record)
     * @param enteredQueueAt when the caller entered the queue: their place among callers of the
     *                       same priority, and the start of the waits that relax the requirement
     * @param skills         what the route asks beyond the queue's skill: skill name to minimum
     *                       level (a minimum below 1 counts as 1); empty: any agent of the queue
     * @param priority       higher is served first (the route's, or the VIP priority)
     * @param relaxation     the queue's relaxation steps, in ascending order of their waits; empty: none
     */
    public record WaitingCall(String callId, String queue, String skill, Instant arrivedAt, Instant enteredQueueAt,
                              Map<String, Integer> skills, int priority, List<RelaxationStep> relaxation) {

        public WaitingCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(skill, "skill");
            Objects.requireNonNull(arrivedAt, "arrivedAt");
            enteredQueueAt = enteredQueueAt == null ? arrivedAt : enteredQueueAt;
            skills = skills == null ? Map.of() : Map.copyOf(skills);
            relaxation = RelaxationStep.checkedSteps(relaxation);
        }

        /** Any agent with the queue's {@code skill}, priority 0, in the queue since {@code arrivedAt}, no relaxation. */
        public WaitingCall(String callId, String queue, String skill, Instant arrivedAt) {
            this(callId, queue, skill, arrivedAt, arrivedAt, Map.of(), 0, List.of());
        }
    }

    /** What a caller's session takes with {@link #pollOffer}: the agent to ring, and why them. */
    public record Offer(Agent agent, RoutingDecision decision) {
    }

    /** A caller's place in their queue's line, for {@link #waiting} and {@link #positionOf}. */
    private record Place(WaitingCall call, long seq) {
    }

    /** The order callers are served in; the same as {@link Waiter#LINE}. */
    private static final Comparator<Place> LINE = Comparator
            .comparingInt((Place p) -> -p.call().priority())
            .thenComparing(p -> p.call().enteredQueueAt())
            .thenComparingLong(Place::seq);

    private final SerialTasks owner;
    private final AcdIndex index;
    private final Clock clock;
    /** Agents reserved by the owner for a call, until the call's session takes them with {@link #pollOffer}. */
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final Map<String, Place> places = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<Place>> lines = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    /** The waiting callers' places as of the last {@link #tick} that was asked for them; see {@link #placeInLine}. */
    private volatile PlacesInLine placesInLine = new PlacesInLine(Instant.MIN, Map.of());
    /** Someone read the places since they were last taken: the next tick takes them again. */
    private volatile boolean placesInLineWanted;

    /** Each waiting caller's place in their queue's line, taken by the owner at {@code at}. */
    private record PlacesInLine(Instant at, Map<String, Integer> byCall) {
    }

    /** Places older than this are not answered: the caller asks again after the next tick. */
    public static final java.time.Duration PLACES_IN_LINE_FRESH_FOR = java.time.Duration.ofSeconds(2);

    /** Runs the ACD's work on the threads that call it, one task at a time: for tests and tools. */
    public Acd(AgentRoster roster) {
        this(roster, Runnable::run);
    }

    /** The ACD on the roster's clock; see {@link #Acd(AgentRoster, Executor, Clock)}. */
    public Acd(AgentRoster roster, Executor owner) {
        this(roster, owner, roster.clock());
    }

    /**
     * @param owner runs the ACD's tasks in the order handed to it, e.g. a single-thread executor
     *              (its owner shuts it down); a task never blocks on I/O
     * @param clock the time of decisions and of relaxation steps (the roster's, so idle times agree)
     */
    public Acd(AgentRoster roster, Executor owner, Clock clock) {
        this.owner = new SerialTasks(owner);
        this.clock = clock;
        this.index = new AcdIndex(roster, new AcdIndex.Offers() {
            @Override
            public void offer(String callId, Agent agent, RoutingDecision decision) {
                offers.put(callId, new Offer(agent, decision));
            }

            @Override
            public Agent withdraw(String callId) {
                Offer offer = offers.remove(callId);
                return offer == null ? null : offer.agent();
            }
        });
        roster.onEligibilityChange(eligibility ->
                this.owner.submit(() -> index.agentChanged(eligibility, clock.instant())));
    }

    /**
     * The caller starts waiting; their place is by priority, then {@code enteredQueueAt}, then
     * order of joining. Returns at once. The future completes, on the ACD's owner thread, once the
     * join is applied: from then on a {@link #pollOffer} finds the agent if one qualified and was
     * free. A session that polls before may find nothing and wait one poll interval; to avoid that,
     * continue on the session's own executor ({@code thenRunAsync(step, loop)}), never on the
     * owner's thread.
     */
    public CompletableFuture<Void> join(WaitingCall call) {
        Place place = new Place(call, arrivals.incrementAndGet());
        if (places.putIfAbsent(call.callId(), place) != null) {
            return CompletableFuture.completedFuture(null);
        }
        lines.computeIfAbsent(call.queue(), q -> new ConcurrentSkipListSet<>(LINE)).add(place);
        CompletableFuture<Void> applied = new CompletableFuture<>();
        owner.submit(() -> {
            index.join(call, place.seq(), clock.instant());
            applied.complete(null);
        });
        return applied;
    }

    /**
     * The agent to ring now for {@code callId} and the decision that chose them, if the ACD has
     * matched one to the call: O(1), it only takes the call's own offer, once. The agent is ringing
     * for the call in the roster, and the call gets no other agent until that ring ends (the
     * roster's {@code ringEnded}) or the call {@link #leave}s: ring them, then report the outcome
     * to the roster.
     */
    public Optional<Offer> pollOffer(String callId) {
        return Optional.ofNullable(offers.remove(callId));
    }

    /** {@link #pollOffer} without the decision. */
    public Optional<Agent> poll(String callId) {
        return pollOffer(callId).map(Offer::agent);
    }

    /**
     * Applies the relaxation steps that came due, and takes the callers' places in line again if
     * anyone asked for them since the last tick ({@link #placeInLine}): the composition root calls
     * it every second (a step applies within a second of its wait). Returns at once; the owner
     * does the work.
     */
    public void tick() {
        owner.submit(() -> {
            Instant now = clock.instant();
            index.relax(now);
            if (placesInLineWanted) {
                placesInLineWanted = false;
                placesInLine = new PlacesInLine(now, index.places());
            }
        });
    }

    /**
     * The caller's place among the callers of their queue who wait without an agent, in the order
     * the ACD serves them (priority, then entry into the queue): 1 means the next agent who frees
     * for the queue is theirs (if they qualify). Callers already offered or ringing an agent are
     * not counted: they are being served.
     *
     * <p>O(1), never waits for the ACD's owner: it reads the places the owner took at its last
     * {@link #tick}. Empty when the caller is not among them (not waiting, being rung, or joined
     * after that tick), or when those places are older than {@link #PLACES_IN_LINE_FRESH_FOR}. The owner
     * takes them (O(n log n)) only on a tick after someone asked, so a caller who finds them
     * missing asks again after the next tick, a second later.
     */
    public OptionalInt placeInLine(String callId) {
        placesInLineWanted = true;
        PlacesInLine snapshot = placesInLine;
        if (snapshot.at().isBefore(clock.instant().minus(PLACES_IN_LINE_FRESH_FOR))) {
            return OptionalInt.empty();
        }
        Integer place = snapshot.byCall().get(callId);
        return place == null ? OptionalInt.empty() : OptionalInt.of(place);
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

    /** Callers waiting in a queue (including those being rung), in the order they are served. O(n): for screens and tools. */
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

package org.hotline.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.AgentRoster.Eligibility;
import org.hotline.call.RoutingDecision;
import org.hotline.routing.FreeAgents.Choice;
import org.hotline.routing.FreeAgents.IdleAgent;

/**
 * The ACD's state and its matching, confined to the ACD's owner (one task at a time, no lock):
 * callers waiting without an agent ({@link WaitingLines}) and agents who may be offered a call
 * ({@link FreeAgents}). The invariant: after every change no waiting caller's requirement in force
 * is met by any indexed agent. So a change needs one match at most: a caller who joins, comes back
 * after a ring, or whose requirement relaxes takes the best qualified free agent; a freed agent
 * goes to the first caller in line ({@link Waiter#LINE}) they qualify for. Everything is ordered by
 * total orders over the state, so the same state and changes give the same choices.
 *
 * <p>The roster stays the source of truth. The index follows the roster's eligibility
 * notifications, which arrive in the order the changes happened; a reservation is made with
 * {@link AgentRoster#reserve}, which refuses an agent who is no longer eligible (the index then
 * drops them until the roster's next word on them). After reserving, the agent's notifications
 * queued before the reservation's own are stale and skipped.
 */
final class AcdIndex {

    /** Where a match is delivered: the offer the caller's session takes with its next poll. */
    interface Offers {
        void offer(String callId, Agent agent, RoutingDecision decision);

        /** Takes back the call's offer if its session has not taken it yet; its agent, or null if taken (or none). */
        Agent withdraw(String callId);
    }

    private final AgentRoster roster;
    private final Offers offers;
    private final Map<String, Waiter> waiters = new HashMap<>();
    private final WaitingLines lines = new WaitingLines();
    private final FreeAgents free = new FreeAgents();
    /** Agent id to the caller they are reserved for, from the reservation until the roster says it ended. */
    private final Map<String, Waiter> holders = new HashMap<>();
    /** Agent id to the call just reserved: their notifications are stale until the one naming that call. */
    private final Map<String, String> awaitingConfirmation = new HashMap<>();

    AcdIndex(AgentRoster roster, Offers offers) {
        this.roster = roster;
        this.offers = offers;
    }

    /** A caller starts waiting under the requirement in force at {@code now}: they take the best qualified free agent, if any. */
    void join(Acd.WaitingCall call, long seq, Instant now) {
        if (waiters.containsKey(call.callId())) {
            return;
        }
        Waiter w = new Waiter(call, seq);
        waiters.put(call.callId(), w);
        serveCaller(w, now);
    }

    /** A caller stops waiting; an agent reserved for them and not yet rung is given back to the roster. */
    void leave(String callId) {
        Waiter w = waiters.remove(callId);
        if (w == null) {
            return;
        }
        if (w.agent == null) {
            lines.remove(w);
            return;
        }
        holders.remove(w.agent.id(), w);
        Agent offered = offers.withdraw(callId);
        if (offered != null) {
            roster.release(offered.id(), callId); // its notification brings the agent back to the index
        }
    }

    /**
     * The roster's word on an agent. A reservation that ended (the agent no longer rings or talks
     * for its caller: a miss, busy, a release) puts the caller back among the waiting, in their
     * place, and they take the best other free agent; then an eligible agent goes to the first
     * caller in line they qualify for (the caller who was just missed, only if no other agent took
     * them and nobody comes before them).
     */
    void agentChanged(Eligibility e, Instant now) {
        String agentId = e.agent().id();
        String reservedFor = awaitingConfirmation.get(agentId);
        if (reservedFor != null) {
            if (!reservedFor.equals(e.call())) {
                return; // from before the reservation: a later notification tells the truth
            }
            awaitingConfirmation.remove(agentId);
        }
        free.remove(agentId);
        Waiter holder = holders.get(agentId);
        if (holder != null && !holder.call.callId().equals(e.call())) {
            holders.remove(agentId);
            offers.withdraw(holder.call.callId());
            holder.agent = null;
            serveCaller(holder, now); // back in their place; the agent who just ended is not indexed yet
        }
        if (e.eligible()) {
            IdleAgent agent = new IdleAgent(e.agent(), e.idleSince(), e.rank());
            free.add(agent);
            serveAgent(agent, now);
        }
    }

    /**
     * Applies every relaxation step that came due by {@code now}: each caller concerned, in line
     * order, takes the best free agent their relaxed requirement lets them have.
     */
    void relax(Instant now) {
        for (Waiter w : lines.takeDue(now)) {
            serveCaller(w, now);
        }
    }

    /**
     * Every caller waiting without an agent, by call id, to their place among those of their queue
     * who wait without one, in {@link Waiter#LINE} order (1 = the next caller the queue serves).
     * Callers offered, ringing or talking are not counted: they are being served. O(n log n).
     */
    Map<String, Integer> places() {
        List<Waiter> waiting = new ArrayList<>();
        for (Waiter w : waiters.values()) {
            if (w.agent == null) {
                waiting.add(w);
            }
        }
        waiting.sort(Comparator.comparing((Waiter w) -> w.call.queue()).thenComparing(Waiter.LINE));
        Map<String, Integer> places = new HashMap<>(waiting.size() * 2);
        String queue = null;
        int place = 0;
        for (Waiter w : waiting) {
            place = w.call.queue().equals(queue) ? place + 1 : 1;
            queue = w.call.queue();
            places.put(w.call.callId(), place);
        }
        return places;
    }

    /** Callers known to the ACD (waiting, offered, ringing or talking). */
    int size() {
        return waiters.size();
    }

    /** The caller, out of the lines, takes the best qualified free agent, or goes (back) into the lines. */
    private void serveCaller(Waiter w, Instant now) {
        w.requirementAt(now);
        for (Choice choice = free.best(w.requirement); choice != null; choice = free.best(w.requirement)) {
            if (tryReserve(choice.chosen(), w, Decisions.callerServed(w, choice, now))) {
                return;
            }
        }
        lines.add(w);
    }

    /** The free agent goes to the first caller in line they qualify for, if any. */
    private void serveAgent(IdleAgent agent, Instant now) {
        Waiter w = lines.firstFor(agent.agent());
        if (w == null) {
            return;
        }
        lines.remove(w);
        RoutingDecision decision = Decisions.agentFreed(w, agent, free.best(w.requirement), now);
        if (!tryReserve(agent, w, decision)) {
            lines.add(w);
        }
    }

    /** Reserves the agent in the roster for the caller; on refusal the agent leaves the index. */
    private boolean tryReserve(IdleAgent agent, Waiter w, RoutingDecision decision) {
        String agentId = agent.agent().id();
        free.remove(agentId);
        if (!roster.reserve(agentId, w.call.callId())) {
            return false;
        }
        awaitingConfirmation.put(agentId, w.call.callId());
        holders.put(agentId, w);
        w.agent = agent.agent();
        offers.offer(w.call.callId(), agent.agent(), decision);
        return true;
    }
}

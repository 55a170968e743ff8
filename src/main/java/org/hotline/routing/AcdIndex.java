package org.hotline.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.AgentRoster.Eligibility;

/**
 * The ACD's state and its matching, confined to the ACD's owner (one task at a time, no lock):
 * callers waiting without an agent, per skill in arrival order; agents who may be offered a call,
 * per skill, longest idle first. After every change no waiting caller could take any indexed
 * agent, so each change needs one match at most per freed agent or returned caller, O(log n).
 *
 * <p>The roster stays the source of truth. The index follows the roster's eligibility
 * notifications, which arrive in the order the changes happened; a reservation is made with
 * {@link AgentRoster#reserve}, which refuses an agent who is no longer eligible (the index then
 * drops them until the roster's next word on them). After reserving, the agent's notifications
 * queued before the reservation's own are stale and skipped.
 */
final class AcdIndex {

    private static final Comparator<Waiter> BY_ARRIVAL =
            Comparator.comparing((Waiter w) -> w.call.arrivedAt()).thenComparingLong(w -> w.seq);
    private static final Comparator<IdleAgent> LONGEST_IDLE =
            Comparator.comparing(IdleAgent::idleSince).thenComparingInt(IdleAgent::rank);

    /** A caller known to the ACD; {@code agent} is the one reserved for them (offered, ringing, talking), else null. */
    private static final class Waiter {
        final Acd.WaitingCall call;
        final long seq;
        Agent agent;

        Waiter(Acd.WaitingCall call, long seq) {
            this.call = call;
            this.seq = seq;
        }
    }

    private record IdleAgent(Agent agent, Instant idleSince, int rank) {
    }

    /** Where a match is delivered: the offer the caller's session takes with its next poll. */
    interface Offers {
        void offer(String callId, Agent agent);

        /** Takes back the call's offer if its session has not taken it yet; null if it has (or there was none). */
        Agent withdraw(String callId);
    }

    private final AgentRoster roster;
    private final Offers offers;
    private final Map<String, Waiter> waiters = new HashMap<>();
    private final Map<String, TreeSet<Waiter>> unservedBySkill = new HashMap<>();
    private final Map<String, IdleAgent> idle = new HashMap<>();
    private final Map<String, TreeSet<IdleAgent>> idleBySkill = new HashMap<>();
    /** Agent id to the caller they are reserved for, from the reservation until the roster says it ended. */
    private final Map<String, Waiter> holders = new HashMap<>();
    /** Agent id to the call just reserved: their notifications are stale until the one naming that call. */
    private final Map<String, String> awaitingConfirmation = new HashMap<>();

    AcdIndex(AgentRoster roster, Offers offers) {
        this.roster = roster;
        this.offers = offers;
    }

    /** A caller starts waiting: they take the longest-idle agent with their skill, if any. */
    void join(Acd.WaitingCall call, long seq) {
        if (waiters.containsKey(call.callId())) {
            return;
        }
        Waiter w = new Waiter(call, seq);
        waiters.put(call.callId(), w);
        serveCaller(w);
    }

    /** A caller stops waiting; an agent reserved for them and not yet rung is given back to the roster. */
    void leave(String callId) {
        Waiter w = waiters.remove(callId);
        if (w == null) {
            return;
        }
        if (w.agent == null) {
            unserved(w.call.skill()).remove(w);
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
     * place; an eligible agent goes to the longest-waiting caller of their skills.
     */
    void agentChanged(Eligibility e) {
        String agentId = e.agent().id();
        String reservedFor = awaitingConfirmation.get(agentId);
        if (reservedFor != null) {
            if (!reservedFor.equals(e.call())) {
                return; // from before the reservation: a later notification tells the truth
            }
            awaitingConfirmation.remove(agentId);
        }
        Set<String> touched = new HashSet<>();
        Waiter holder = holders.get(agentId);
        if (holder != null && !holder.call.callId().equals(e.call())) {
            holders.remove(agentId);
            offers.withdraw(holder.call.callId());
            holder.agent = null;
            unserved(holder.call.skill()).add(holder); // back in their place
            touched.add(holder.call.skill());
        }
        unindex(agentId);
        if (e.eligible()) {
            index(new IdleAgent(e.agent(), e.idleSince(), e.rank()));
            touched.addAll(e.agent().skills());
        }
        matchOldestFirst(touched);
    }

    /**
     * Restores the invariant for the skills a change touched: while a caller waits whom a free
     * agent could take, the oldest such caller takes the longest-idle agent of their skill. So a
     * caller whose agent missed gets the agent idle longest (not the one who just missed, unless
     * no other is free), and an older caller is never passed over.
     */
    private void matchOldestFirst(Set<String> skills) {
        while (true) {
            Waiter oldest = null;
            for (String skill : skills) {
                TreeSet<Waiter> line = unservedBySkill.get(skill);
                TreeSet<IdleAgent> free = idleBySkill.get(skill);
                if (line != null && !line.isEmpty() && free != null && !free.isEmpty()
                        && (oldest == null || BY_ARRIVAL.compare(line.first(), oldest) < 0)) {
                    oldest = line.first();
                }
            }
            if (oldest == null) {
                return;
            }
            unserved(oldest.call.skill()).remove(oldest);
            serveCaller(oldest); // reserves an agent, or drops the refusing ones and puts the caller back
        }
    }

    /** Callers known to the ACD (waiting, offered, ringing or talking). */
    int size() {
        return waiters.size();
    }

    private void serveCaller(Waiter w) {
        TreeSet<IdleAgent> candidates = idleBySkill.get(w.call.skill());
        while (candidates != null && !candidates.isEmpty()) {
            if (tryReserve(candidates.first(), w)) {
                return;
            }
        }
        unserved(w.call.skill()).add(w);
    }

    /** Reserves the agent in the roster for the caller; on refusal the agent leaves the index. */
    private boolean tryReserve(IdleAgent agent, Waiter w) {
        String agentId = agent.agent().id();
        unindex(agentId);
        if (!roster.reserve(agentId, w.call.callId())) {
            return false;
        }
        awaitingConfirmation.put(agentId, w.call.callId());
        holders.put(agentId, w);
        w.agent = agent.agent();
        offers.offer(w.call.callId(), agent.agent());
        return true;
    }

    private void index(IdleAgent agent) {
        idle.put(agent.agent().id(), agent);
        for (String skill : agent.agent().skills()) {
            idleBySkill.computeIfAbsent(skill, s -> new TreeSet<>(LONGEST_IDLE)).add(agent);
        }
    }

    private void unindex(String agentId) {
        IdleAgent agent = idle.remove(agentId);
        if (agent != null) {
            for (String skill : agent.agent().skills()) {
                idleBySkill.get(skill).remove(agent);
            }
        }
    }

    private TreeSet<Waiter> unserved(String skill) {
        return unservedBySkill.computeIfAbsent(skill, s -> new TreeSet<>(BY_ARRIVAL));
    }
}

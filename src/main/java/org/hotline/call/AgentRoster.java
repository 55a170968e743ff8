package org.hotline.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.call.TelephonyEvent.DeviceState;

/**
 * Every agent's state: presence (available, paused, or in wrap-up after a call), what their phone
 * is doing for Hotline (idle, ringing, talking), what Asterisk says of the device, and their
 * missed rings.
 *
 * <p>Thread-safe: call sessions, the AMI adapter, the REST API and the ticker all touch it.
 * Methods hold the roster's monitor briefly; alerts are delivered after it is released. Change
 * notifications ({@link #onChange}, {@link #onEligibilityChange}, {@link #onWrapUpEnded}) are
 * delivered under the monitor, so that listeners see changes in the order they happened:
 * listeners must only hand off (enqueue).
 */
public final class AgentRoster implements AgentControl {

    /** Reason recorded when Hotline pauses an agent for missing rings. */
    public static final String MISSED_RINGS = "missed-rings";



    /** Something a supervisor should hear about, e.g. an agent paused for missed rings. */
    public record Alert(Instant at, String agentId, String kind, String message) {
    }

    /**
     * Whether an agent may be offered a call now, as the ACD indexes it.
     *
     * @param eligible  available, idle for Hotline, phone free as far as Asterisk says, not skipped
     * @param idleSince when the agent last became idle for Hotline (longest idle goes first)
     * @param rank      the agent's place in the configuration, for ties
     * @param call      the call the agent is ringing or talking for, else null
     */
    public record Eligibility(Agent agent, boolean eligible, Instant idleSince, int rank, String call) {
    }

    /** An agent's wrap-up after call {@code callId} ended after {@code duration} (counted in AHT). */
    public record WrapUpEnded(String agentId, String callId, Duration duration) {
    }

    private final Map<String, AgentSlot> slots = new LinkedHashMap<>();
    private final Map<String, AgentSlot> byDevice = new LinkedHashMap<>();
    private final Clock clock;
    private final int missedRingsBeforePause;
    private final Duration busyRetry;
    private final Duration wrapUp;
    private volatile Consumer<Alert> alerts = alert -> { };
    private volatile Consumer<AgentView> changes = view -> { };
    private volatile Consumer<Eligibility> eligibilities = eligibility -> { };
    private volatile Consumer<WrapUpEnded> wrapUpsEnded = ended -> { };

    public AgentRoster(List<Agent> agents, Function<Agent, String> deviceOf, int missedRingsBeforePause,
                       Duration busyRetry, Clock clock) {
        this(agents, deviceOf, missedRingsBeforePause, busyRetry, Duration.ZERO, clock);
    }

    /** {@code wrapUp}: how long an agent stays in wrap-up after each call; zero for none. */
    public AgentRoster(List<Agent> agents, Function<Agent, String> deviceOf, int missedRingsBeforePause,
                       Duration busyRetry, Duration wrapUp, Clock clock) {
        this.clock = clock;
        this.missedRingsBeforePause = missedRingsBeforePause;
        this.busyRetry = busyRetry;
        this.wrapUp = wrapUp;
        Instant now = clock.instant();
        for (Agent agent : agents) {
            AgentSlot slot = new AgentSlot(agent, deviceOf.apply(agent), slots.size(), now);
            slots.put(agent.id(), slot);
            byDevice.put(slot.device.toLowerCase(java.util.Locale.ROOT), slot);
        }
    }

    /** The clock the roster reads; the ACD reads the same one, so that idle times and waits agree. */
    public Clock clock() {
        return clock;
    }

    public void onAlert(Consumer<Alert> listener) {
        this.alerts = listener;
    }

    /** Receives the agent's new view after every change, under the roster's monitor: hand off only. */
    public void onChange(Consumer<AgentView> listener) {
        this.changes = listener;
    }

    /** Receives each ended wrap-up that followed a call, under the roster's monitor: hand off only. */
    public void onWrapUpEnded(Consumer<WrapUpEnded> listener) {
        this.wrapUpsEnded = listener;
    }

    /**
     * Receives every agent's eligibility at once, then again after every change of an agent
     * (state, device, idle time, a busy skip's end), under the roster's monitor: hand off only.
     */
    public synchronized void onEligibilityChange(Consumer<Eligibility> listener) {
        this.eligibilities = listener;
        Instant now = clock.instant();
        for (AgentSlot s : slots.values()) {
            listener.accept(eligibility(s, now));
        }
    }

    /**
     * Reserves {@code agentId} for {@code callId} if they may be offered a call now (see
     * {@link Eligibility#eligible}); they are then ringing for the call. O(1). Returns false,
     * changing nothing, when they may not.
     */
    public synchronized boolean reserve(String agentId, String callId) {
        AgentSlot s = slot(agentId);
        if (!eligible(s, clock.instant())) {
            return false;
        }
        s.activity = AgentSlot.Activity.RINGING;
        s.call = callId;
        changed(s);
        return true;
    }

    /**
     * Reserves the longest-idle agent with {@code skill} who may be offered a call now, scanning
     * every agent: the ACD keeps its own index and uses {@link #reserve}.
     */
    public synchronized Optional<Agent> reserveLongestIdle(String skill, String callId) {
        Instant now = clock.instant();
        expireWrapUps(now);
        Optional<AgentSlot> chosen = slots.values().stream()
                .filter(s -> s.agent.has(skill) && eligible(s, now))
                .min(Comparator.comparing((AgentSlot s) -> s.idleSince));
        chosen.ifPresent(s -> reserve(s.agent.id(), callId));
        return chosen.map(s -> s.agent);
    }

    /** Gives back a reservation that was never rung (e.g. the caller hung up first). */
    public synchronized void release(String agentId, String callId) {
        AgentSlot s = slot(agentId);
        if (callId.equals(s.call) && s.activity == AgentSlot.Activity.RINGING) {
            s.activity = AgentSlot.Activity.IDLE;
            s.call = null;
            changed(s);
        }
    }

    /** Records how ringing {@code agentId} for {@code callId} ended. May pause the agent. */
    public void ringEnded(String agentId, String callId, AgentAttempt.Result result) {
        Alert alert = null;
        synchronized (this) {
            AgentSlot s = slot(agentId);
            if (!callId.equals(s.call)) {
                return;
            }
            Instant now = clock.instant();
            switch (result) {
                case ANSWERED -> {
                    s.activity = AgentSlot.Activity.TALKING;
                    s.consecutiveMisses = 0;
                }
                case NO_ANSWER -> {
                    toIdle(s, now);
                    s.missedRings++;
                    s.consecutiveMisses++;
                    if (s.consecutiveMisses >= missedRingsBeforePause && s.presence == AgentPresence.AVAILABLE) {
                        pause(s, MISSED_RINGS, now);
                        alert = new Alert(now, agentId, MISSED_RINGS, s.agent.name() + " missed "
                                + s.consecutiveMisses + " calls in a row and was paused");
                    }
                }
                case BUSY, UNAVAILABLE -> {
                    toIdle(s, now);
                    s.skipUntil = now.plus(busyRetry);
                    s.skipping = busyRetry.isPositive();
                }
                case CALLER_HUNG_UP, CUT -> toIdle(s, now);
            }
            changed(s);
        }
        if (alert != null) {
            alerts.accept(alert);
        }
    }

    /**
     * The agent's call with {@code callId} ended; they are idle from now, in wrap-up for the
     * configured time if they were available (a paused agent stays paused).
     */
    public synchronized void callEnded(String agentId, String callId) {
        AgentSlot s = slot(agentId);
        if (!callId.equals(s.call)) {
            return;
        }
        Instant now = clock.instant();
        toIdle(s, now);
        if (s.presence == AgentPresence.AVAILABLE && !wrapUp.isZero()) {
            s.presence = AgentPresence.WRAP_UP;
            s.reason = null;
            s.since = now;
            s.wrapUpStarted = now;
            s.wrapUpUntil = now.plus(wrapUp);
            s.wrapUpCall = callId;
        } else {
            wrapUpsEnded.accept(new WrapUpEnded(agentId, callId, Duration.ZERO));
        }
        changed(s);
    }

    /**
     * The agent recorded the disposition of {@code callId}: a wrap-up after that call ends now.
     * Returns true when it did.
     */
    public synchronized boolean endWrapUp(String agentId, String callId) {
        AgentSlot s = slot(agentId);
        if (s.presence != AgentPresence.WRAP_UP || !callId.equals(s.wrapUpCall)) {
            return false;
        }
        Instant now = clock.instant();
        finishWrapUp(s, now);
        s.presence = AgentPresence.AVAILABLE;
        s.since = now;
        changed(s);
        return true;
    }

    /**
     * Ends every automatic wrap-up and every busy skip whose time is up, and tells the listeners;
     * the composition root calls it every second.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        expireWrapUps(now);
        for (AgentSlot s : slots.values()) {
            if (s.skipping && !now.isBefore(s.skipUntil)) {
                s.skipping = false;
                eligibilities.accept(eligibility(s, now));
            }
        }
    }

    /** Ends every automatic wrap-up whose time is up. */
    public synchronized void expireWrapUps() {
        expireWrapUps(clock.instant());
    }

    private void expireWrapUps(Instant now) {
        for (AgentSlot s : slots.values()) {
            if (s.presence == AgentPresence.WRAP_UP && s.wrapUpUntil != null && !now.isBefore(s.wrapUpUntil)) {
                finishWrapUp(s, s.wrapUpUntil);
                s.presence = AgentPresence.AVAILABLE;
                s.since = now;
                changed(s);
            }
        }
    }

    /** Reports the wrap-up's length if it followed a call, and clears it. */
    private void finishWrapUp(AgentSlot s, Instant end) {
        if (s.wrapUpCall != null) {
            Duration length = Duration.between(s.wrapUpStarted, end);
            wrapUpsEnded.accept(new WrapUpEnded(s.agent.id(), s.wrapUpCall, length.isNegative() ? Duration.ZERO : length));
        }
        s.wrapUpStarted = null;
        s.wrapUpUntil = null;
        s.wrapUpCall = null;
    }

    /** Asterisk's word on a device, e.g. {@code PJSIP/1001}. Devices of no agent are ignored. */
    public synchronized void deviceStateChanged(String device, DeviceState state) {
        AgentSlot s = byDevice.get(device.toLowerCase(java.util.Locale.ROOT));
        if (s != null && s.deviceState != state) {
            String before = s.stateName();
            boolean wasFree = s.deviceFree();
            s.deviceState = state;
            if (!before.equals(s.stateName())) {
                changed(s);
            } else if (wasFree != s.deviceFree()) {
                eligibilities.accept(eligibility(s, clock.instant()));
            }
        }
    }

    /** The agent whose phone is {@code channelOrDevice} (e.g. {@code PJSIP/1001-0000002a}), if any. */
    public synchronized Optional<Agent> agentOfChannel(String channelOrDevice) {
        String device = channelOrDevice;
        int dash = device.lastIndexOf('-');
        if (dash > device.indexOf('/')) {
            device = device.substring(0, dash);
        }
        return Optional.ofNullable(byDevice.get(device.toLowerCase(java.util.Locale.ROOT))).map(s -> s.agent);
    }

    /** Agents who would take a call now with {@code skill} (any skill when null); no views are built. */
    public synchronized long availableWith(String skill) {
        long n = 0;
        for (AgentSlot s : slots.values()) {
            if ((skill == null || s.agent.has(skill)) && "available".equals(s.stateName())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Agents with {@code skill} who staff it now: not paused, and their phone not reported
     * unreachable by Asterisk; available, ringing, talking or in wrap-up all count, since each will
     * take a caller of the queue in turn. O(agents); no views are built.
     */
    public synchronized int staffedWith(String skill) {
        int n = 0;
        for (AgentSlot s : slots.values()) {
            String state = s.stateName();
            if (s.agent.has(skill) && !"paused".equals(state) && !"unavailable".equals(state)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<AgentView> agents() {
        List<AgentView> views = new ArrayList<>(slots.size());
        for (AgentSlot s : slots.values()) {
            views.add(view(s));
        }
        return views;
    }

    @Override
    public synchronized AgentView changePresence(String agentId, AgentPresence presence, String reason) {
        AgentSlot s = slot(agentId);
        Instant now = clock.instant();
        switch (presence) {
            case PAUSED -> {
                if (s.presence == AgentPresence.WRAP_UP) {
                    finishWrapUp(s, now);
                }
                pause(s, reason == null || reason.isBlank() ? "paused" : reason, now);
            }
            case WRAP_UP -> {
                // The agent asks for more time: the wrap-up lasts until they say they are available.
                if (s.presence != AgentPresence.WRAP_UP) {
                    s.presence = AgentPresence.WRAP_UP;
                    s.since = now;
                    s.wrapUpStarted = now;
                }
                s.reason = null;
                s.wrapUpUntil = null;
            }
            case AVAILABLE -> {
                if (s.presence == AgentPresence.WRAP_UP) {
                    finishWrapUp(s, now);
                }
                s.presence = AgentPresence.AVAILABLE;
                s.reason = null;
                s.since = now;
                s.consecutiveMisses = 0;
            }
        }
        changed(s);
        return view(s);
    }

    public synchronized AgentView view(String agentId) {
        return view(slot(agentId));
    }

    private AgentSlot slot(String agentId) {
        AgentSlot s = slots.get(agentId);
        if (s == null) {
            throw new NoSuchElementException("no agent '" + agentId + "'");
        }
        return s;
    }

    private static void pause(AgentSlot s, String reason, Instant now) {
        s.presence = AgentPresence.PAUSED;
        s.reason = reason;
        s.since = now;
    }

    private void changed(AgentSlot s) {
        changes.accept(view(s));
        eligibilities.accept(eligibility(s, clock.instant()));
    }

    private static boolean eligible(AgentSlot s, Instant now) {
        return s.presence == AgentPresence.AVAILABLE && s.activity == AgentSlot.Activity.IDLE && s.deviceFree()
                && !now.isBefore(s.skipUntil);
    }

    private static Eligibility eligibility(AgentSlot s, Instant now) {
        return new Eligibility(s.agent, eligible(s, now), s.idleSince, s.rank, s.call);
    }

    private static void toIdle(AgentSlot s, Instant now) {
        s.activity = AgentSlot.Activity.IDLE;
        s.call = null;
        s.idleSince = now;
    }

    private static AgentView view(AgentSlot s) {
        return new AgentView(s.agent.id(), s.agent.name(), s.agent.extension(), s.agent.skills(),
                s.stateName(), s.reason, s.since, s.consecutiveMisses, s.missedRings, s.call,
                s.presence == AgentPresence.WRAP_UP ? s.wrapUpUntil : null,
                s.presence == AgentPresence.WRAP_UP ? s.wrapUpCall : null);
    }
}

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
 * Every agent's state: presence (available or paused), what their phone is doing for Hotline
 * (idle, ringing, talking), what Asterisk says of the device, and their missed rings.
 *
 * <p>Thread-safe: call sessions, the AMI adapter and the REST API all touch it. Methods hold the
 * roster's monitor briefly; alerts are delivered after it is released.
 */
public final class AgentRoster implements AgentControl {

    /** Reason recorded when Hotline pauses an agent for missing rings. */
    public static final String MISSED_RINGS = "missed-rings";

    private enum Activity { IDLE, RINGING, TALKING }

    private static final class Slot {
        final Agent agent;
        final String device;
        AgentPresence presence = AgentPresence.AVAILABLE;
        String reason;
        Instant since;
        Activity activity = Activity.IDLE;
        String call;
        DeviceState deviceState = DeviceState.UNKNOWN;
        Instant idleSince;
        Instant skipUntil = Instant.MIN;
        int consecutiveMisses;
        long missedRings;

        Slot(Agent agent, String device, Instant now) {
            this.agent = agent;
            this.device = device;
            this.since = now;
            this.idleSince = now;
        }
    }

    /** Something a supervisor should hear about, e.g. an agent paused for missed rings. */
    public record Alert(Instant at, String agentId, String kind, String message) {
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, Slot> byDevice = new LinkedHashMap<>();
    private final Clock clock;
    private final int missedRingsBeforePause;
    private final Duration busyRetry;
    private volatile Consumer<Alert> alerts = alert -> { };

    public AgentRoster(List<Agent> agents, Function<Agent, String> deviceOf, int missedRingsBeforePause,
                       Duration busyRetry, Clock clock) {
        this.clock = clock;
        this.missedRingsBeforePause = missedRingsBeforePause;
        this.busyRetry = busyRetry;
        Instant now = clock.instant();
        for (Agent agent : agents) {
            Slot slot = new Slot(agent, deviceOf.apply(agent), now);
            slots.put(agent.id(), slot);
            byDevice.put(slot.device.toLowerCase(java.util.Locale.ROOT), slot);
        }
    }

    public void onAlert(Consumer<Alert> listener) {
        this.alerts = listener;
    }

    /**
     * Reserves the longest-idle agent who is available, idle, not skipped, whose phone is free as
     * far as Asterisk says, and who has {@code skill}. The agent is then ringing for {@code callId}.
     */
    public synchronized Optional<Agent> reserveLongestIdle(String skill, String callId) {
        Instant now = clock.instant();
        Optional<Slot> chosen = slots.values().stream()
                .filter(s -> s.presence == AgentPresence.AVAILABLE && s.activity == Activity.IDLE)
                .filter(s -> deviceFree(s.deviceState) && !now.isBefore(s.skipUntil))
                .filter(s -> s.agent.has(skill))
                .min(Comparator.comparing((Slot s) -> s.idleSince));
        chosen.ifPresent(s -> {
            s.activity = Activity.RINGING;
            s.call = callId;
        });
        return chosen.map(s -> s.agent);
    }

    /** Gives back a reservation that was never rung (e.g. the caller hung up first). */
    public synchronized void release(String agentId, String callId) {
        Slot s = slot(agentId);
        if (callId.equals(s.call) && s.activity == Activity.RINGING) {
            s.activity = Activity.IDLE;
            s.call = null;
        }
    }

    /** Records how ringing {@code agentId} for {@code callId} ended. May pause the agent. */
    public void ringEnded(String agentId, String callId, AgentAttempt.Result result) {
        Alert alert = null;
        synchronized (this) {
            Slot s = slot(agentId);
            if (!callId.equals(s.call)) {
                return;
            }
            Instant now = clock.instant();
            switch (result) {
                case ANSWERED -> {
                    s.activity = Activity.TALKING;
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
                }
                case CALLER_HUNG_UP -> toIdle(s, now);
            }
        }
        if (alert != null) {
            alerts.accept(alert);
        }
    }

    /** The agent's call with {@code callId} ended; they are idle from now. */
    public synchronized void callEnded(String agentId, String callId) {
        Slot s = slot(agentId);
        if (callId.equals(s.call)) {
            toIdle(s, clock.instant());
        }
    }

    /** Asterisk's word on a device, e.g. {@code PJSIP/1001}. Devices of no agent are ignored. */
    public synchronized void deviceStateChanged(String device, DeviceState state) {
        Slot s = byDevice.get(device.toLowerCase(java.util.Locale.ROOT));
        if (s != null) {
            s.deviceState = state;
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

    @Override
    public synchronized List<AgentView> agents() {
        List<AgentView> views = new ArrayList<>(slots.size());
        for (Slot s : slots.values()) {
            views.add(view(s));
        }
        return views;
    }

    @Override
    public synchronized AgentView changePresence(String agentId, AgentPresence presence, String reason) {
        Slot s = slot(agentId);
        Instant now = clock.instant();
        if (presence == AgentPresence.PAUSED) {
            pause(s, reason == null || reason.isBlank() ? "paused" : reason, now);
        } else {
            s.presence = AgentPresence.AVAILABLE;
            s.reason = null;
            s.since = now;
            s.consecutiveMisses = 0;
        }
        return view(s);
    }

    public synchronized AgentView view(String agentId) {
        return view(slot(agentId));
    }

    private Slot slot(String agentId) {
        Slot s = slots.get(agentId);
        if (s == null) {
            throw new NoSuchElementException("no agent '" + agentId + "'");
        }
        return s;
    }

    private static void pause(Slot s, String reason, Instant now) {
        s.presence = AgentPresence.PAUSED;
        s.reason = reason;
        s.since = now;
    }

    private static void toIdle(Slot s, Instant now) {
        s.activity = Activity.IDLE;
        s.call = null;
        s.idleSince = now;
    }

    private static boolean deviceFree(DeviceState state) {
        return switch (state) {
            case UNKNOWN, NOT_INUSE -> true;
            default -> false;
        };
    }

    private static AgentView view(Slot s) {
        return new AgentView(s.agent.id(), s.agent.name(), s.agent.extension(), s.agent.skills(),
                stateName(s), s.reason, s.since, s.consecutiveMisses, s.missedRings, s.call);
    }

    private static String stateName(Slot s) {
        if (s.presence == AgentPresence.PAUSED) {
            return "paused";
        }
        if (s.deviceState == DeviceState.UNAVAILABLE || s.deviceState == DeviceState.INVALID) {
            return "unavailable";
        }
        if (s.activity == Activity.TALKING || s.deviceState == DeviceState.INUSE
                || s.deviceState == DeviceState.BUSY || s.deviceState == DeviceState.ONHOLD) {
            return "on-call";
        }
        if (s.activity == Activity.RINGING || s.deviceState == DeviceState.RINGING
                || s.deviceState == DeviceState.RINGINUSE) {
            return "ringing";
        }
        return "available";
    }
}

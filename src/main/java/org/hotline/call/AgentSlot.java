package org.hotline.call;

import java.time.Instant;
import org.hotline.call.TelephonyEvent.DeviceState;

/**
 * One agent's state inside the {@link AgentRoster}: presence, what the phone does for Hotline,
 * Asterisk's word on the device, misses and wrap-up. Not thread-safe: only the roster touches it,
 * under its monitor.
 */
final class AgentSlot {

enum Activity { IDLE, RINGING, TALKING }

    final Agent agent;
    final String device;
    /** Place in the configuration: breaks ties between agents idle since the same instant. */
    final int rank;
    AgentPresence presence = AgentPresence.AVAILABLE;
    String reason;
    Instant since;
    Activity activity = Activity.IDLE;
    String call;
    DeviceState deviceState = DeviceState.UNKNOWN;
    Instant idleSince;
    Instant skipUntil = Instant.MIN;
    /** A busy skip is running; its end is announced by {@link #tick}. */
    boolean skipping;
    int consecutiveMisses;
    long missedRings;
    /** Wrap-up: when it began, when it ends by itself (null: when the agent says), and for which call. */
    Instant wrapUpStarted;
    Instant wrapUpUntil;
    String wrapUpCall;

    AgentSlot(Agent agent, String device, int rank, Instant now) {
        this.agent = agent;
        this.device = device;
        this.rank = rank;
        this.since = now;
        this.idleSince = now;
    }

    /** The agent's state as the API and the screens name it. */
    String stateName() {
        if (presence == AgentPresence.PAUSED) {
            return "paused";
        }
        if (presence == AgentPresence.WRAP_UP && activity == Activity.IDLE) {
            return "wrap-up";
        }
        if (deviceState == DeviceState.UNAVAILABLE || deviceState == DeviceState.INVALID) {
            return "unavailable";
        }
        if (activity == Activity.TALKING || deviceState == DeviceState.INUSE
                || deviceState == DeviceState.BUSY || deviceState == DeviceState.ONHOLD) {
            return "on-call";
        }
        if (activity == Activity.RINGING || deviceState == DeviceState.RINGING
                || deviceState == DeviceState.RINGINUSE) {
            return "ringing";
        }
        return "available";
    }

    /** Asterisk does not report the phone in use (or unknown, which is treated as free). */
    boolean deviceFree() {
        return switch (deviceState) {
            case UNKNOWN, NOT_INUSE -> true;
            default -> false;
        };
    }
}

package org.hotline.call;

import java.time.Instant;

/**
 * What Asterisk reports about its channels and devices, translated at the edge (the AMI adapter)
 * into the domain's words. Nothing past the adapter knows an AMI field name.
 */
public sealed interface TelephonyEvent {

    /** When Hotline received the event. */
    Instant at();

    /** A channel appeared, e.g. a caller's INVITE or an agent leg being dialled. */
    record ChannelCreated(Instant at, String channel, String uniqueId, String linkedId, String callerNumber)
            implements TelephonyEvent {
    }

    /** A channel's state changed (Ring, Ringing, Up, Busy, ...). */
    record ChannelStateChanged(Instant at, String channel, String uniqueId, ChannelState state)
            implements TelephonyEvent {
    }

    /** A dial began from {@code callerUniqueId}'s channel to {@code destChannel}. */
    record DialBegan(Instant at, String callerUniqueId, String destChannel, String destUniqueId, String dialString)
            implements TelephonyEvent {
    }

    /** A dialled party's progress, e.g. RINGING or PROCEEDING. */
    record DialProgress(Instant at, String callerUniqueId, String destChannel, String status)
            implements TelephonyEvent {
    }

    /** A dial ended: {@code status} is ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL, CONGESTION. */
    record DialEnded(Instant at, String callerUniqueId, String destChannel, String destUniqueId, String status)
            implements TelephonyEvent {
    }

    /** A channel entered a bridge (caller and agent talking). */
    record BridgeEntered(Instant at, String bridgeId, String channel, String uniqueId) implements TelephonyEvent {
    }

    /** A channel hung up. */
    record HungUp(Instant at, String channel, String uniqueId, int cause, String causeText) implements TelephonyEvent {
    }

    /**
     * An {@code Originate} Hotline asked for ended: {@code answered} when the originated channel
     * (uniqueid {@code uniqueId}, as Hotline assigned it) was answered, else {@code reason} says why
     * not (Asterisk's control code: 3 rang without answer, 5 busy, 8 congestion, 1 hung up, 0 failed).
     */
    record OriginateEnded(Instant at, String uniqueId, boolean answered, int reason) implements TelephonyEvent {
    }

    /** A device's state, e.g. {@code PJSIP/1001} NOT_INUSE, INUSE, RINGING, UNAVAILABLE. */
    record DeviceStateChanged(Instant at, String device, DeviceState state) implements TelephonyEvent {
    }

    /** The AMI connection came up (after login and resync) or went down. */
    record ManagerConnectionChanged(Instant at, boolean connected, String detail) implements TelephonyEvent {
    }

    enum ChannelState {
        DOWN, RESERVED, OFF_HOOK, DIALING, RING, RINGING, UP, BUSY, DIALING_OFFHOOK, PRE_RING, UNKNOWN
    }

    enum DeviceState {
        UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD
    }
}

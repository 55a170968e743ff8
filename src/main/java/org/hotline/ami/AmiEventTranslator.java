package org.hotline.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.call.TelephonyEvent;
import org.hotline.call.TelephonyEvent.BridgeEntered;
import org.hotline.call.TelephonyEvent.ChannelCreated;
import org.hotline.call.TelephonyEvent.ChannelState;
import org.hotline.call.TelephonyEvent.ChannelStateChanged;
import org.hotline.call.TelephonyEvent.DeviceState;
import org.hotline.call.TelephonyEvent.DeviceStateChanged;
import org.hotline.call.TelephonyEvent.DialBegan;
import org.hotline.call.TelephonyEvent.DialEnded;
import org.hotline.call.TelephonyEvent.DialProgress;
import org.hotline.call.TelephonyEvent.HungUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates AMI events into the domain's {@link TelephonyEvent}s. The only place that knows AMI field
 * names. Unknown events and fields are ignored quietly: one DEBUG line per unknown event name, ever.
 * An event missing a field it needs (e.g. {@code Uniqueid}) is dropped with a DEBUG line.
 */
public final class AmiEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(AmiEventTranslator.class);
    private static final int MAX_REMEMBERED_UNKNOWN = 512;

    private final Clock clock;
    private final Set<String> unknownSeen = ConcurrentHashMap.newKeySet();

    public AmiEventTranslator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The live events {@link #translate} turns into domain events (its cases below), and
     * {@code FullyBooted}, which the client waits for after its login: the only events Hotline asks
     * Asterisk for ({@link #eventFilter}). A case added to {@link #translate} belongs here too
     * ({@code AmiEventTranslatorTest} checks that they agree).
     */
    public static final List<String> USED_EVENTS = List.of("Newchannel", "Newstate", "DialBegin", "DialState",
            "DialEnd", "BridgeEnter", "Hangup", "DeviceStateChange", "FullyBooted", "OriginateResponse");

    /**
     * The session filter ({@code Action: Filter}) that lets only {@link #USED_EVENTS} through: a POSIX
     * regular expression on the event's text, which starts {@code Event: <name>\r\n}. The name ends at
     * the white space, so that {@code Hangup} does not also let {@code HangupRequest} through.
     * A call raises about 30 events, half of which Hotline has no use for (QueueMemberStatus,
     * NewConnectedLine, BridgeLeave, SoftHangupRequest, MusicOnHoldStart, ...). Answers to actions
     * ({@code DeviceStateList}, {@code CoreShowChannels}) are not events and are never filtered.
     */
    public static String eventFilter() {
        return "^Event: (" + String.join("|", USED_EVENTS) + ")[[:space:]]";
    }

    /** A live event (or a {@code DeviceStateList} item) as a domain event, if it is one Hotline uses. */
    public Optional<TelephonyEvent> translate(AmiMessage m) {
        String name = m.eventName();
        if (name == null) {
            return Optional.empty();
        }
        Instant at = clock.instant();
        TelephonyEvent e = switch (name.toLowerCase(Locale.ROOT)) {
            case "newchannel" -> channelCreated(at, m);
            case "newstate" -> required(m, "Channel", "Uniqueid")
                    ? new ChannelStateChanged(at, m.value("Channel"), m.value("Uniqueid"), channelState(m)) : null;
            case "dialbegin" -> required(m, "DestChannel")
                    ? new DialBegan(at, text(m, "Uniqueid"), m.value("DestChannel"), text(m, "DestUniqueid"),
                            text(m, "DialString")) : null;
            case "dialstate" -> required(m, "DestChannel")
                    ? new DialProgress(at, text(m, "Uniqueid"), m.value("DestChannel"), text(m, "DialStatus")) : null;
            case "dialend" -> required(m, "DestChannel")
                    ? new DialEnded(at, text(m, "Uniqueid"), m.value("DestChannel"), text(m, "DestUniqueid"),
                            text(m, "DialStatus")) : null;
            case "bridgeenter" -> required(m, "BridgeUniqueid", "Channel", "Uniqueid")
                    ? new BridgeEntered(at, m.value("BridgeUniqueid"), m.value("Channel"), m.value("Uniqueid")) : null;
            case "hangup" -> required(m, "Channel", "Uniqueid")
                    ? new HungUp(at, m.value("Channel"), m.value("Uniqueid"), intOr(m.value("Cause"), 0),
                            text(m, "Cause-txt")) : null;
            case "originateresponse" -> required(m, "Response")
                    ? new TelephonyEvent.OriginateEnded(at, text(m, "Uniqueid"), "Success".equalsIgnoreCase(m.value("Response")),
                            intOr(m.value("Reason"), 0)) : null;
            case "devicestatechange" -> required(m, "Device")
                    ? new DeviceStateChanged(at, m.value("Device"), deviceState(m.value("State"))) : null;
            default -> {
                noteUnknown(name);
                yield null;
            }
        };
        return Optional.ofNullable(e);
    }

    /**
     * A {@code CoreShowChannel} item (the answer to {@code CoreShowChannels}) as the events that rebuild
     * that channel's live state: created, its state, and the bridge it is in, if any.
     */
    public List<TelephonyEvent> translateChannelSnapshot(AmiMessage m) {
        if (!"CoreShowChannel".equalsIgnoreCase(m.eventName()) || !required(m, "Channel", "Uniqueid")) {
            return List.of();
        }
        Instant at = clock.instant();
        List<TelephonyEvent> out = new ArrayList<>(3);
        out.add(channelCreated(at, m));
        out.add(new ChannelStateChanged(at, m.value("Channel"), m.value("Uniqueid"), channelState(m)));
        String bridge = m.value("BridgeId");
        if (bridge != null && !bridge.isBlank()) {
            out.add(new BridgeEntered(at, bridge, m.value("Channel"), m.value("Uniqueid")));
        }
        return List.copyOf(out);
    }

    private static ChannelCreated channelCreated(Instant at, AmiMessage m) {
        if (!required(m, "Channel", "Uniqueid")) {
            return null;
        }
        String uniqueId = m.value("Uniqueid");
        return new ChannelCreated(at, m.value("Channel"), uniqueId, m.valueOr("Linkedid", uniqueId),
                callerNumber(m.value("CallerIDNum")));
    }

    /** Asterisk writes {@code <unknown>} for an absent caller number; the domain gets an empty string. */
    static String callerNumber(String raw) {
        return raw == null || raw.equalsIgnoreCase("<unknown>") ? "" : raw;
    }

    /** {@code ChannelState} is the number (0..10); {@code ChannelStateDesc} the words ("Up", "Ringing"). */
    static ChannelState channelState(AmiMessage m) {
        int code = intOr(m.value("ChannelState"), -1);
        return switch (code) {
            case 0 -> ChannelState.DOWN;
            case 1 -> ChannelState.RESERVED;
            case 2 -> ChannelState.OFF_HOOK;
            case 3 -> ChannelState.DIALING;
            case 4 -> ChannelState.RING;
            case 5 -> ChannelState.RINGING;
            case 6 -> ChannelState.UP;
            case 7 -> ChannelState.BUSY;
            case 8 -> ChannelState.DIALING_OFFHOOK;
            case 9 -> ChannelState.PRE_RING;
            default -> channelStateFromDesc(m.value("ChannelStateDesc"));
        };
    }

    private static ChannelState channelStateFromDesc(String desc) {
        if (desc == null) {
            return ChannelState.UNKNOWN;
        }
        return switch (desc.toLowerCase(Locale.ROOT)) {
            case "down" -> ChannelState.DOWN;
            case "rsrvd" -> ChannelState.RESERVED;
            case "offhook" -> ChannelState.OFF_HOOK;
            case "dialing" -> ChannelState.DIALING;
            case "ring" -> ChannelState.RING;
            case "ringing" -> ChannelState.RINGING;
            case "up" -> ChannelState.UP;
            case "busy" -> ChannelState.BUSY;
            case "dialing offhook" -> ChannelState.DIALING_OFFHOOK;
            case "pre-ring" -> ChannelState.PRE_RING;
            default -> ChannelState.UNKNOWN;
        };
    }

    /** Asterisk's device state names ({@code NOT_INUSE}, {@code INUSE}, ...) match the domain enum. */
    static DeviceState deviceState(String raw) {
        if (raw == null) {
            return DeviceState.UNKNOWN;
        }
        try {
            return DeviceState.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DeviceState.UNKNOWN;
        }
    }

    private void noteUnknown(String name) {
        if (unknownSeen.size() < MAX_REMEMBERED_UNKNOWN && unknownSeen.add(name)) {
            log.debug("AMI event {} is not used by Hotline; ignoring it (logged once)", name);
        }
    }

    private static boolean required(AmiMessage m, String... names) {
        for (String n : names) {
            String v = m.value(n);
            if (v == null || v.isEmpty()) {
                log.debug("AMI {} without {}: dropped", m.eventName(), n);
                return false;
            }
        }
        return true;
    }

    private static String text(AmiMessage m, String name) {
        return m.valueOr(name, "");
    }

    private static int intOr(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

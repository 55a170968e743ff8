package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
import org.junit.jupiter.api.Test;

/** Messages as Asterisk 22.10 sends them (captured from the sandbox, trimmed of nothing but noise). */
class AmiEventTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final AmiEventTranslator translator = new AmiEventTranslator(Clock.fixed(NOW, ZoneOffset.UTC));

    /** Parses "Key: Value" lines the way the decoder would. */
    private static AmiMessage msg(String text) {
        List<AmiMessage> out = new java.util.ArrayList<>();
        AmiMessageParser p = new AmiMessageParser(200, 100_000);
        AmiMessageParser.Sink sink = new AmiMessageParser.Sink() {
            @Override
            public void frame(AmiFrame f) {
                out.add((AmiMessage) f);
            }

            @Override
            public void skipped(String why, String line) {
                throw new AssertionError(why + ": " + line);
            }
        };
        for (String line : (text + "\n\n").split("\n", -1)) {
            p.acceptLine(line, sink);
        }
        return out.get(0);
    }

    private static final String CALLER = """
            Channel: PJSIP/pstn-00000004
            ChannelState: 4
            ChannelStateDesc: Ring
            CallerIDNum: 5551234
            CallerIDName: <unknown>
            ConnectedLineNum: <unknown>
            ConnectedLineName: <unknown>
            Language: en
            AccountCode:\s
            Context: hotline
            Exten: 5000
            Priority: 4
            Uniqueid: hotline-1795426572.8
            Linkedid: hotline-1795426572.8""";

    private static final String DEST = """
            DestChannel: PJSIP/1001-00000005
            DestChannelState: 0
            DestChannelStateDesc: Down
            DestCallerIDNum: 1001
            DestUniqueid: hotline-1795426572.9
            DestLinkedid: hotline-1795426572.8""";

    @Test
    void newchannel() {
        AmiMessage m = msg("Event: Newchannel\nPrivilege: call,all\nTimestamp: 1795426572.985638\nSystemName: hotline\n" + CALLER);
        assertEquals(Optional.of(new ChannelCreated(NOW, "PJSIP/pstn-00000004", "hotline-1795426572.8",
                "hotline-1795426572.8", "5551234")), translator.translate(m));
    }

    @Test
    void unknownCallerNumberBecomesEmpty() {
        AmiMessage m = msg("Event: Newchannel\n" + CALLER.replace("CallerIDNum: 5551234", "CallerIDNum: <unknown>"));
        assertEquals("", ((ChannelCreated) translator.translate(m).orElseThrow()).callerNumber());
    }

    @Test
    void newstate() {
        AmiMessage m = msg("Event: Newstate\n" + CALLER.replace("ChannelState: 4", "ChannelState: 6")
                .replace("ChannelStateDesc: Ring", "ChannelStateDesc: Up"));
        assertEquals(Optional.of(new ChannelStateChanged(NOW, "PJSIP/pstn-00000004", "hotline-1795426572.8",
                ChannelState.UP)), translator.translate(m));
    }

    @Test
    void stateFallsBackToItsDescription() {
        AmiMessage m = AmiMessage.of("Event", "Newstate", "Channel", "PJSIP/1001-1", "Uniqueid", "u",
                "ChannelStateDesc", "Ringing");
        assertEquals(ChannelState.RINGING, ((ChannelStateChanged) translator.translate(m).orElseThrow()).state());
    }

    @Test
    void dialBeginStateAndEnd() {
        assertEquals(Optional.of(new DialBegan(NOW, "hotline-1795426572.8", "PJSIP/1001-00000005",
                        "hotline-1795426572.9", "1001")),
                translator.translate(msg("Event: DialBegin\n" + CALLER + "\n" + DEST + "\nDialString: 1001")));
        assertEquals(Optional.of(new DialProgress(NOW, "hotline-1795426572.8", "PJSIP/1001-00000005", "RINGING")),
                translator.translate(msg("Event: DialState\n" + CALLER + "\n" + DEST + "\nDialStatus: RINGING")));
        assertEquals(Optional.of(new DialEnded(NOW, "hotline-1795426572.8", "PJSIP/1001-00000005",
                        "hotline-1795426572.9", "NOANSWER")),
                translator.translate(msg("Event: DialEnd\n" + CALLER + "\n" + DEST + "\nDialStatus: NOANSWER")));
    }

    @Test
    void originateDialHasNoCallerChannel() {
        AmiMessage m = msg("Event: DialBegin\n" + DEST + "\nDialString: 5998@hotline");
        assertEquals(Optional.of(new DialBegan(NOW, "", "PJSIP/1001-00000005", "hotline-1795426572.9", "5998@hotline")),
                translator.translate(m));
    }

    @Test
    void bridgeEnter() {
        AmiMessage m = msg("""
                Event: BridgeEnter
                BridgeUniqueid: 1b7c4a2e-5b1a-4a49-9d0e-0e6f3f4b8a11
                BridgeType: basic
                BridgeTechnology: simple_bridge
                BridgeCreator: <unknown>
                BridgeName: <unknown>
                BridgeNumChannels: 2
                BridgeVideoSourceMode: none
                """ + CALLER);
        assertEquals(Optional.of(new BridgeEntered(NOW, "1b7c4a2e-5b1a-4a49-9d0e-0e6f3f4b8a11",
                "PJSIP/pstn-00000004", "hotline-1795426572.8")), translator.translate(m));
    }

    @Test
    void hangup() {
        AmiMessage m = msg("Event: Hangup\n" + CALLER + "\nCause: 16\nCause-txt: Normal Clearing");
        assertEquals(Optional.of(new HungUp(NOW, "PJSIP/pstn-00000004", "hotline-1795426572.8", 16, "Normal Clearing")),
                translator.translate(m));
    }

    @Test
    void deviceStateChangeLiveAndFromDeviceStateList() {
        assertEquals(Optional.of(new DeviceStateChanged(NOW, "PJSIP/1001", DeviceState.RINGING)),
                translator.translate(msg("Event: DeviceStateChange\nPrivilege: call,all\nDevice: PJSIP/1001\nState: RINGING")));
        assertEquals(Optional.of(new DeviceStateChanged(NOW, "PJSIP/1002", DeviceState.NOT_INUSE)),
                translator.translate(msg("Event: DeviceStateChange\nActionID: hl-3\nDevice: PJSIP/1002\nState: NOT_INUSE")));
        assertEquals(DeviceState.UNKNOWN, ((DeviceStateChanged) translator.translate(
                msg("Event: DeviceStateChange\nDevice: PJSIP/1003\nState: SOMETHING_NEW")).orElseThrow()).state());
    }

    @Test
    void coreShowChannelRebuildsTheChannel() {
        AmiMessage m = msg("Event: CoreShowChannel\nActionID: hl-4\n" + CALLER.replace("ChannelState: 4", "ChannelState: 6")
                + "\nApplication: Queue\nApplicationData: hotline-fallback\nDuration: 00:01:05\n"
                + "BridgeId: 1b7c4a2e-5b1a-4a49-9d0e-0e6f3f4b8a11");
        List<TelephonyEvent> events = translator.translateChannelSnapshot(m);
        assertEquals(List.of(
                new ChannelCreated(NOW, "PJSIP/pstn-00000004", "hotline-1795426572.8", "hotline-1795426572.8", "5551234"),
                new ChannelStateChanged(NOW, "PJSIP/pstn-00000004", "hotline-1795426572.8", ChannelState.UP),
                new BridgeEntered(NOW, "1b7c4a2e-5b1a-4a49-9d0e-0e6f3f4b8a11", "PJSIP/pstn-00000004",
                        "hotline-1795426572.8")), events);
        assertEquals(2, translator.translateChannelSnapshot(msg(m.fields().stream()
                .filter(f -> !f.name().equals("BridgeId")).map(AmiField::toString)
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\nBridgeId: ")).size());
    }

    @Test
    void unknownEventsResponsesAndIncompleteEventsAreIgnored() {
        assertTrue(translator.translate(msg("Event: VarSet\nChannel: PJSIP/1001-1\nVariable: X\nValue: 1")).isEmpty());
        assertTrue(translator.translate(msg("Event: VarSet\nChannel: PJSIP/1001-1")).isEmpty());
        assertTrue(translator.translate(msg("Event: LocalBridge\nLocalOneChannel: Local/x;1")).isEmpty());
        assertTrue(translator.translate(msg("Response: Success\nActionID: hl-1\nPing: Pong")).isEmpty());
        assertTrue(translator.translate(msg("Event: Hangup\nChannel: PJSIP/1001-1")).isEmpty());
        assertTrue(translator.translateChannelSnapshot(msg("Event: Newchannel\n" + CALLER)).isEmpty());
    }
    /** Every field any case reads, so that each translatable event name translates. */
    private static final String ALL_FIELDS = "Channel: PJSIP/1001-1\nUniqueid: 1.1\nLinkedid: 1.1\nChannelState: 6\n"
            + "CallerIDNum: 5551234\nDestChannel: PJSIP/1001-2\nDestUniqueid: 1.2\nDialString: 1001\n"
            + "DialStatus: ANSWER\nBridgeUniqueid: b-1\nCause: 16\nCause-txt: Normal Clearing\n"
            + "Device: PJSIP/1001\nState: INUSE";

    @Test
    void theEventFilterLetsThroughExactlyTheEventsTranslated() {
        // what a call raises (scripts/bench sandbox) and a few more: only the filter's names translate
        List<String> seen = List.of("Newchannel", "Newstate", "DialBegin", "DialState", "DialEnd", "BridgeEnter",
                "Hangup", "DeviceStateChange", "QueueMemberStatus", "NewConnectedLine", "BridgeLeave",
                "SoftHangupRequest", "HangupRequest", "MusicOnHoldStart", "MusicOnHoldStop", "BridgeCreate",
                "BridgeDestroy", "VarSet", "Newexten", "NewCallerid", "DTMFBegin", "DTMFEnd", "AgentCalled",
                "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentConnect", "AgentComplete",
                "AgentRingNoAnswer", "UserEvent", "Hold", "Unhold", "AttendedTransfer", "BlindTransfer", "Pickup",
                "ChanSpyStart", "ChanSpyStop", "MixMonitorStart", "MixMonitorStop", "LocalBridge", "Rename",
                "ExtensionStatus", "PresenceStateChange", "Cdr", "Cel", "RTCPSent", "PeerStatus", "ContactStatus",
                "FullyBooted", "Shutdown", "Reload");
        java.util.regex.Pattern filter = java.util.regex.Pattern.compile(
                AmiEventTranslator.eventFilter().replace("[[:space:]]", "\\s"));
        for (String name : seen) {
            // FullyBooted is the client's own (it waits for it), not the translator's
            boolean translated = name.equals("FullyBooted")
                    || translator.translate(msg("Event: " + name + "\n" + ALL_FIELDS)).isPresent();
            boolean passes = filter.matcher("Event: " + name + "\r\nPrivilege: call,all\r\n").find();
            assertEquals(translated, passes, name + ": translated " + translated + ", let through " + passes);
        }
    }
}

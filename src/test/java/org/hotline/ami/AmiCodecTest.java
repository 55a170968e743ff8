package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiCodecTest {

    private static final String STREAM = "Asterisk Call Manager/11.0.0\r\n"
            + "Response: Success\r\nActionID: hl-1\r\nMessage: Authentication accepted\r\n\r\n"
            + "Event: Newchannel\r\nChannel: PJSIP/1001-00000001\r\nCallerIDName: Zoë Müller\r\n"
            + "ChanVariable: A=1\r\nChanVariable: B=2\r\n\r\n"
            + "Event: Hangup\nUniqueid: 1700000000.1\n\n"                       // bare LF tolerated
            + "Response: Success\r\nActionID: hl-2\r\nMessage: Command output follows\r\n"
            + "Output: line one\r\nOutput: line two\r\n\r\n";

    private static List<AmiFrame> expected() {
        return List.of(
                new AmiBanner("Asterisk Call Manager/11.0.0"),
                AmiMessage.of("Response", "Success", "ActionID", "hl-1", "Message", "Authentication accepted"),
                AmiMessage.of("Event", "Newchannel", "Channel", "PJSIP/1001-00000001", "CallerIDName", "Zoë Müller",
                        "ChanVariable", "A=1", "ChanVariable", "B=2"),
                AmiMessage.of("Event", "Hangup", "Uniqueid", "1700000000.1"),
                AmiMessage.of("Response", "Success", "ActionID", "hl-2", "Message", "Command output follows",
                        "Output", "line one", "Output", "line two"));
    }

    private static List<AmiFrame> decode(EmbeddedChannel ch, byte[]... chunks) {
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<AmiFrame> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((AmiFrame) o);
        }
        return out;
    }

    @Test
    void decodesTheSameWhereverTheStreamIsSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(1024, 64, 65536));
            assertEquals(expected(), decode(ch, a, b), "split at byte " + cut);
            assertTrue(ch.isActive());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void decodesTheStreamFedOneByteAtATime() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        byte[][] single = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            single[i] = new byte[] {bytes[i]};
        }
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(1024, 64, 65536));
        assertEquals(expected(), decode(ch, single));
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedLineIsSkippedWithoutDroppingTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(1024, 64, 65536));
        AmiDecoder decoder = ch.pipeline().get(AmiDecoder.class);
        List<AmiFrame> out = decode(ch, "Event: A\r\nnonsense\r\nX: 1\r\n\r\nmore nonsense\r\n\r\nEvent: B\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(AmiMessage.of("Event", "A", "X", "1"), AmiMessage.of("Event", "B")), out);
        assertEquals(2, decoder.skipped());
        assertTrue(ch.isActive());
        ch.finishAndReleaseAll();
    }

    @Test
    void overLongLineDiscardsItsMessageAndDecodingGoesOn() {
        String longValue = "x".repeat(300);
        String input = "Event: Big\r\nValue: " + longValue + "\r\nTail: 1\r\n\r\nEvent: After\r\n\r\n";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut += 7) {
            EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(100, 64, 65536));
            List<AmiFrame> out = decode(ch, java.util.Arrays.copyOfRange(bytes, 0, cut),
                    java.util.Arrays.copyOfRange(bytes, cut, bytes.length));
            assertEquals(List.of(AmiMessage.of("Event", "After")), out, "split at " + cut);
            assertTrue(ch.isActive());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encodesAnActionAsLinesAndABlankLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiEncoder());
        ch.writeOutbound(AmiAction.of("Originate").with("Channel", "PJSIP/1001").with("Variable", "A=1")
                .with("Variable", "B=é").withActionId("hl-9"));
        ByteBuf buf = ch.readOutbound();
        assertEquals("Action: Originate\r\nChannel: PJSIP/1001\r\nVariable: A=1\r\nVariable: B=é\r\nActionID: hl-9\r\n\r\n",
                buf.toString(StandardCharsets.UTF_8));
        buf.release();
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void encodedActionDecodesBackToTheSameFields() {
        EmbeddedChannel enc = new EmbeddedChannel(new AmiEncoder());
        enc.writeOutbound(AmiAction.of("Login").with("Username", "hotline").with("Secret", "hotline"));
        ByteBuf buf = enc.readOutbound();
        EmbeddedChannel dec = new EmbeddedChannel(new AmiDecoder(1024, 64, 65536));
        dec.writeInbound(buf);
        assertEquals(AmiMessage.of("Action", "Login", "Username", "hotline", "Secret", "hotline"), dec.readInbound());
        enc.finishAndReleaseAll();
        dec.finishAndReleaseAll();
    }
}

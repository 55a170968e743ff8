package org.hotline.agi;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input is also fed split at every byte boundary and byte by byte: same result. */
class AgiFrameDecoderTest {

    private static final String CONVERSATION = AgiTestChannel.ENVIRONMENT
            + "200 result=1 (Ada (the first) Lovelace)\n"
            + "HANGUP\n"
            + "200 result=0 endpos=8000\r\n"
            + "100 result=0 Trying...\n"
            + "200 result=0\n"
            + "520-Invalid command syntax.  Proper usage follows:\n"
            + "Usage: STREAM FILE <filename> <escape digits> [sample offset]\n"
            + "520 End of proper usage.\n"
            + "510 Invalid or unknown command\n"
            + "511 Command Not Permitted on a dead channel or intercept routine\n";

    /** What decoding produced: the messages and, if it failed, the exception. */
    private record Outcome(List<Object> messages, DecoderException error) {
    }

    private static FastAgiOptions small() {
        return FastAgiOptions.builder().maxLineLength(64).maxEnvironmentLines(20)
                .maxEnvironmentBytes(600).maxReplyLines(5).build();
    }

    private static Outcome decode(FastAgiOptions options, byte[] input, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new AgiFrameDecoder(options));
        List<Object> messages = new ArrayList<>();
        DecoderException error = null;
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = input.length;
        for (int end : ends) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(input, from, end - from));
            } catch (DecoderException e) {
                assertNull(error, "a second error after the first");
                error = e;
            }
            from = end;
            Object m;
            while ((m = channel.readInbound()) != null) {
                messages.add(m);
            }
        }
        channel.finishAndReleaseAll();
        return new Outcome(messages, error);
    }

    /** Decodes whole, at every single split and byte by byte; asserts all agree. */
    private static Outcome decodeEverySplit(FastAgiOptions options, String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        Outcome whole = decode(options, input);
        for (int cut = 0; cut <= input.length; cut++) {
            assertSame(whole, decode(options, input, cut), "split at byte " + cut);
        }
        int[] every = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            every[i] = i;
        }
        assertSame(whole, decode(options, input, every), "byte by byte");
        return whole;
    }

    private static void assertSame(Outcome expected, Outcome actual, String how) {
        assertEquals(expected.messages(), actual.messages(), how);
        assertEquals(expected.error() == null, actual.error() == null, how);
        if (expected.error() != null) {
            assertEquals(expected.error().getClass(), actual.error().getClass(), how);
            assertEquals(expected.error().getMessage(), actual.error().getMessage(), how);
        }
    }

    @Test
    void wholeConversation() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(), CONVERSATION);
        assertNull(out.error());
        List<Object> m = out.messages();
        assertEquals(9, m.size());
        AgiEnvironment env = assertInstanceOf(AgiEnvironment.class, m.get(0));
        assertEquals("PJSIP/caller-00000001", env.channel());
        assertEquals("Ada Lovelace", env.callerIdName());
        assertEquals(List.of("en", "vip"), env.arguments());
        assertEquals("Ada (the first) Lovelace", ((AgiReply) m.get(1)).data());
        assertEquals(AgiHangupNotice.INSTANCE, m.get(2));
        assertEquals(8000, ((AgiReply) m.get(3)).endpos().getAsLong());
        assertTrue(((AgiReply) m.get(4)).isProvisional());
        assertTrue(((AgiReply) m.get(5)).isSuccess());
        assertEquals("Usage: STREAM FILE <filename> <escape digits> [sample offset]",
                ((AgiReply) m.get(6)).usage());
        assertEquals(510, ((AgiReply) m.get(7)).code());
        assertEquals(511, ((AgiReply) m.get(8)).code());
    }

    @Test
    void crlfLineEndsAndEmptyValues() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(),
                "agi_request: agi://h/x\r\nagi_dnid: \r\nagi_rdnis:\r\n\r\n200 result=0\r\n");
        AgiEnvironment env = (AgiEnvironment) out.messages().get(0);
        assertEquals("", env.variable("agi_dnid"));
        assertEquals("", env.variable("agi_rdnis"));
        assertEquals("0", ((AgiReply) out.messages().get(1)).result());
    }

    @Test
    void utf8Values() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(),
                "agi_calleridname: Zoë Ōkubo 张\n\n200 result=1 (Zoë)\n");
        assertEquals("Zoë Ōkubo 张", ((AgiEnvironment) out.messages().get(0)).callerIdName());
        assertEquals("Zoë", ((AgiReply) out.messages().get(1)).data());
    }

    @Test
    void overLongLineFailsNamingTheLimitAndPeer() {
        Outcome out = decodeEverySplit(small(), "agi_request: " + "x".repeat(100) + "\n\n");
        assertInstanceOf(TooLongFrameException.class, out.error());
        assertTrue(out.error().getMessage().contains("maxLineLength=64"), out.error().getMessage());
        assertTrue(out.error().getMessage().contains("FastAGI peer"), out.error().getMessage());
    }

    @Test
    void overLongLineWithoutLineEndFailsBeforeItEnds() {
        Outcome out = decode(small(), "y".repeat(66).getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(TooLongFrameException.class, out.error());
    }

    @Test
    void lineOfExactlyTheLimitPasses() {
        String value = "v".repeat(64 - "agi_x: ".length());
        Outcome out = decodeEverySplit(small(), "agi_x: " + value + "\r\n\n");
        assertNull(out.error());
        assertEquals(value, ((AgiEnvironment) out.messages().get(0)).variable("agi_x"));
    }

    @Test
    void tooManyEnvironmentLines() {
        String env = "agi_v: 1\n".repeat(21) + "\n";
        Outcome out = decodeEverySplit(small(), env);
        assertInstanceOf(CorruptedFrameException.class, out.error());
        assertTrue(out.error().getMessage().contains("maxEnvironmentLines=20"), out.error().getMessage());
    }

    @Test
    void tooManyEnvironmentBytes() {
        String env = ("agi_v: " + "z".repeat(50) + "\n").repeat(15) + "\n";
        Outcome out = decodeEverySplit(small(), env);
        assertTrue(out.error().getMessage().contains("maxEnvironmentBytes=600"), out.error().getMessage());
        assertTrue(out.messages().isEmpty());
    }

    @Test
    void tooLongMultiLineReply() {
        String text = "agi_v: 1\n\n520-Invalid\n" + "usage\n".repeat(10) + "520 End of proper usage.\n";
        Outcome out = decodeEverySplit(small(), text);
        assertTrue(out.error().getMessage().contains("maxReplyLines=5"), out.error().getMessage());
    }

    @Test
    void binaryJunkFails() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(), "\u0000\u0001\u00ff\u0016\u0003\n");
        assertInstanceOf(CorruptedFrameException.class, out.error());
        assertTrue(out.error().getMessage().contains("binary data"), out.error().getMessage());
    }

    @Test
    void httpRequestIsNotAnEnvironment() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(out.error().getMessage().contains("expected an environment line"), out.error().getMessage());
    }

    @Test
    void garbageReplyFailsAfterTheEnvironment() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(), "agi_v: 1\n\n200 result=0\nhello there\n200 result=0\n");
        assertEquals(2, out.messages().size());
        assertTrue(out.error().getMessage().contains("\"hello there\""), out.error().getMessage());
    }

    @Test
    void emptyEnvironmentFails() {
        Outcome out = decodeEverySplit(FastAgiOptions.defaults(), "\n200 result=0\n");
        assertNotNull(out.error());
    }

    @Test
    void inputAfterAnErrorIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new AgiFrameDecoder(small()));
        try {
            channel.writeInbound(Unpooled.copiedBuffer("junk\n", StandardCharsets.US_ASCII));
        } catch (DecoderException expected) {
            // the first error
        }
        channel.writeInbound(Unpooled.copiedBuffer("agi_v: 1\n\n", StandardCharsets.US_ASCII));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }
}

package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline.ami.AmiBanner;
import org.hotline.ami.AmiDecoder;
import org.hotline.ami.AmiField;
import org.hotline.ami.AmiFrame;
import org.hotline.ami.AmiMessage;

/**
 * The AMI decoder (and through it {@code AmiMessageParser}) on arbitrary bytes, with small caps so
 * that the fuzzer reaches them.
 *
 * <p>Contract: bad input never fails the connection: writing any bytes never throws and the
 * channel stays open. What comes out is only {@link AmiBanner}s and {@link AmiMessage}s; every
 * message holds 1..{@code maxFields} fields, no field longer than a line may be, and no more
 * characters than {@code maxMessageChars} (a message over a cap is dropped, not cut).
 */
class AmiDecoderFuzzTest {

    static final int MAX_LINE_LENGTH = 120;
    static final int MAX_FIELDS = 12;
    static final int MAX_MESSAGE_CHARS = 600;

    @FuzzTest
    void decodeStream(byte[] input) {
        EmbeddedChannel channel = newChannel();
        List<AmiFrame> frames = decode(channel, input, new int[0]);
        assertTrue(channel.isActive(), "the decoder closed the connection");
        for (AmiFrame frame : frames) {
            switch (frame) {
                case AmiBanner banner -> assertTrue(banner.line().startsWith("Asterisk Call Manager/"), banner.line());
                case AmiMessage message -> checkWithinCaps(message);
            }
        }
        channel.finishAndReleaseAll();
    }

    /**
     * Property: the same stream split at the points the fuzzer chooses (up to 16 cuts) decodes to the
     * same frames as the stream in one piece.
     */
    @FuzzTest
    void splitAnywhere(FuzzedDataProvider data) {
        int[] cuts = StreamCuts.consume(data);
        byte[] stream = data.consumeRemainingAsBytes();
        int[] positions = StreamCuts.positions(cuts, stream.length);
        EmbeddedChannel wholeChannel = newChannel();
        EmbeddedChannel splitChannel = newChannel();
        List<AmiFrame> whole = decode(wholeChannel, stream, new int[0]);
        List<AmiFrame> split = decode(splitChannel, stream, positions);
        assertEquals(whole, split, () -> "cut at " + Arrays.toString(positions));
        wholeChannel.finishAndReleaseAll();
        splitChannel.finishAndReleaseAll();
    }

    private static EmbeddedChannel newChannel() {
        return new EmbeddedChannel(new AmiDecoder(MAX_LINE_LENGTH, MAX_FIELDS, MAX_MESSAGE_CHARS));
    }

    /** Writes {@code input} in the pieces {@code cuts} marks (ascending positions); any exception fails. */
    private static List<AmiFrame> decode(EmbeddedChannel channel, byte[] input, int[] cuts) {
        List<AmiFrame> frames = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            channel.writeInbound(Unpooled.wrappedBuffer(input, from, to - from));
            from = to;
            for (Object o; (o = channel.readInbound()) != null; ) {
                if (!(o instanceof AmiFrame frame)) {
                    fail("unexpected frame type " + o.getClass().getName());
                    return frames;
                }
                frames.add(frame);
            }
        }
        return frames;
    }

    private static void checkWithinCaps(AmiMessage message) {
        List<AmiField> fields = message.fields();
        assertFalse(fields.isEmpty(), "an empty message");
        assertTrue(fields.size() <= MAX_FIELDS, () -> fields.size() + " fields: " + message);
        // Raw command output becomes ("Output", line): only the values are bounded by what was sent.
        int chars = 0;
        for (AmiField field : fields) {
            assertTrue(field.value().length() <= MAX_LINE_LENGTH, () -> "field over a line: " + field);
            chars += field.value().length();
        }
        int total = chars;
        assertTrue(total <= MAX_MESSAGE_CHARS, () -> total + " characters: " + message);
    }
}

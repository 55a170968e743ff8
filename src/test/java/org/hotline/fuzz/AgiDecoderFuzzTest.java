package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline.agi.AgiEnvironment;
import org.hotline.agi.AgiFrameDecoder;
import org.hotline.agi.AgiLineParser;
import org.hotline.agi.AgiProtocolException;
import org.hotline.agi.AgiReply;

/**
 * The FastAGI decoder and its environment parser on arbitrary bytes, with small caps so that the
 * fuzzer reaches them.
 *
 * <p>Contract of {@link AgiFrameDecoder} on an {@code EmbeddedChannel}: it emits the environment
 * once and first, then only replies and hang-up notices; or it fails with exactly
 * {@link TooLongFrameException} (a line over the cap) or {@link CorruptedFrameException}
 * (anything else Asterisk never sends), after which it swallows all further input without a
 * second error. It never buffers a line longer than {@code maxLineLength} (+1 for a CR): input
 * that holds one must end in {@code TooLongFrameException} unless an earlier error came first. An
 * environment it emits holds at most {@code maxEnvironmentLines} variables.
 */
class AgiDecoderFuzzTest {

    static final int MAX_LINE_LENGTH = 80;
    static final int MAX_ENVIRONMENT_LINES = 16;
    static final int MAX_ENVIRONMENT_BYTES = 512;
    static final int MAX_REPLY_LINES = 8;

    /** What decoding produced: the messages and, if it failed, the exception. */
    record Outcome(List<Object> messages, DecoderException error) {
    }

    /** The whole input in one read, then the contract above. */
    @FuzzTest
    void decodeStream(byte[] input) {
        EmbeddedChannel channel = newChannel();
        Outcome outcome = decode(channel, input, new int[0]);
        checkMessages(outcome.messages());
        if (outcome.error() == null) {
            assertNoLineOverTheCap(input);
        } else {
            Class<?> type = outcome.error().getClass();
            assertTrue(type == TooLongFrameException.class || type == CorruptedFrameException.class,
                    () -> "unexpected failure type " + type.getName() + " (cause " + outcome.error().getCause() + ")");
            assertNotNull(outcome.error().getMessage());
            // After a failure all further input is dropped: no message, no second error.
            channel.writeInbound(Unpooled.wrappedBuffer(input));
            assertNull(channel.readInbound(), "a message after the decoder failed");
        }
        channel.finishAndReleaseAll();
    }

    /**
     * Property: the same stream split at the points the fuzzer chooses (up to 16 cuts) decodes to the
     * same messages and the same failure type as the stream in one piece.
     */
    @FuzzTest
    void splitAnywhere(FuzzedDataProvider data) {
        int[] cuts = StreamCuts.consume(data);
        byte[] stream = data.consumeRemainingAsBytes();
        int[] positions = StreamCuts.positions(cuts, stream.length);
        EmbeddedChannel wholeChannel = newChannel();
        EmbeddedChannel splitChannel = newChannel();
        Outcome whole = decode(wholeChannel, stream, new int[0]);
        Outcome split = decode(splitChannel, stream, positions);
        wholeChannel.finishAndReleaseAll();
        splitChannel.finishAndReleaseAll();
        assertEquals(whole.messages(), split.messages(), () -> "cut at " + Arrays.toString(positions));
        assertEquals(typeOf(whole.error()), typeOf(split.error()), () -> "cut at " + Arrays.toString(positions));
    }

    /**
     * The environment parser alone, one line per input line: it throws only
     * {@link AgiProtocolException}, and the environment it completes answers every accessor without
     * throwing, with a script name free of surrounding slashes and query string.
     */
    @FuzzTest
    void environmentLines(byte[] input) {
        AgiLineParser parser = new AgiLineParser(MAX_ENVIRONMENT_LINES, MAX_ENVIRONMENT_BYTES, MAX_REPLY_LINES);
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            for (String line : text.split("\n", -1)) {
                String withoutCr = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                Object message = parser.accept(withoutCr, line.getBytes(StandardCharsets.UTF_8).length + 1);
                if (message instanceof AgiEnvironment environment) {
                    checkEnvironment(environment);
                    return;
                }
            }
        } catch (AgiProtocolException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    static EmbeddedChannel newChannel() {
        return new EmbeddedChannel(new AgiFrameDecoder(MAX_LINE_LENGTH, MAX_ENVIRONMENT_LINES,
                MAX_ENVIRONMENT_BYTES, MAX_REPLY_LINES));
    }

    /** Writes {@code input} in the pieces {@code cuts} marks (ascending positions). */
    static Outcome decode(EmbeddedChannel channel, byte[] input, int[] cuts) {
        List<Object> messages = new ArrayList<>();
        DecoderException error = null;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(input, from, to - from));
            } catch (DecoderException e) {
                if (error != null) {
                    fail("a second failure after " + error + ": " + e);
                }
                error = e;
            }
            from = to;
            for (Object m; (m = channel.readInbound()) != null; ) {
                messages.add(m);
            }
        }
        return new Outcome(messages, error);
    }

    private static void checkMessages(List<Object> messages) {
        for (int i = 0; i < messages.size(); i++) {
            Object m = messages.get(i);
            if (i == 0) {
                AgiEnvironment environment = assertInstanceOf(AgiEnvironment.class, m, "first message");
                assertTrue(environment.variables().size() <= MAX_ENVIRONMENT_LINES, "environment over its cap");
                checkEnvironment(environment);
            } else if (!(m instanceof AgiReply) && !m.getClass().getSimpleName().equals("AgiHangupNotice")) {
                fail("unexpected message " + m.getClass().getName() + " at " + i);
            }
        }
    }

    private static void checkEnvironment(AgiEnvironment environment) {
        assertFalse(environment.variables().isEmpty(), "an empty environment");
        String script = environment.scriptName();
        assertNotNull(script);
        assertFalse(script.startsWith("/") || script.endsWith("/") || script.contains("?"), script);
        assertNotNull(environment.arguments());
        environment.channel();
        environment.uniqueId();
        environment.callerId();
        environment.language();
    }

    /** Without a failure, no line (nor the unterminated rest) may have exceeded the cap. */
    private static void assertNoLineOverTheCap(byte[] input) {
        int lineStart = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                int length = i - lineStart;
                if (length > 0 && input[i - 1] == '\r') {
                    length--;
                }
                assertTrue(length <= MAX_LINE_LENGTH, "a line of " + length + " bytes passed without a failure");
                lineStart = i + 1;
            }
        }
        int rest = input.length - lineStart;
        assertTrue(rest <= MAX_LINE_LENGTH + 1, "buffered " + rest + " bytes without a line end or a failure");
    }

    private static Class<?> typeOf(Throwable error) {
        return error == null ? null : error.getClass();
    }
}

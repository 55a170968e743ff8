package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hotline.agi.AgiProtocolException;
import org.hotline.agi.AgiReply;
import org.hotline.agi.AgiReplyParser;

/**
 * The FastAGI reply parser on arbitrary text.
 *
 * <p>Contract: {@link AgiReplyParser#parseLine} and {@link AgiReplyParser#parseMultiLine} either
 * return a reply or throw {@link AgiProtocolException}; never another exception type. A reply they
 * return keeps the text as received ({@code raw}) and the three-digit code that starts it.
 */
class AgiReplyFuzzTest {

    /** One reply line as the decoder hands it over: without its line end. */
    @FuzzTest
    void singleLineReply(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        AgiReply reply;
        try {
            reply = AgiReplyParser.parseLine(line);
        } catch (AgiProtocolException expected) {
            assertNotNull(expected.getMessage());
            return;
        }
        assertEquals(line, reply.raw());
        assertEquals(AgiReplyParser.codeOf(line), reply.code());
        assertTrue(reply.code() >= 100 && reply.code() <= 999, "code " + reply.code());
        assertNotNull(reply.text());
    }

    /** The input's lines (split at {@code \n}) as one multi-line reply, e.g. a 520 usage text. */
    @FuzzTest
    void multiLineReply(byte[] input) {
        List<String> lines = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        AgiReply reply;
        try {
            reply = AgiReplyParser.parseMultiLine(lines);
        } catch (AgiProtocolException expected) {
            assertNotNull(expected.getMessage());
            return;
        }
        assertEquals(String.join("\n", lines), reply.raw());
        assertEquals(AgiReplyParser.codeOf(lines.get(0)), reply.code());
        assertNotNull(reply.usage());
    }
}

package org.hotline.agi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgiReplyParserTest {

    @Test
    void plainSuccess() {
        AgiReply r = AgiReplyParser.parseLine("200 result=0");
        assertEquals(200, r.code());
        assertEquals("0", r.result());
        assertEquals(OptionalLong.of(0), r.numericResult());
        assertNull(r.data());
        assertEquals(OptionalLong.empty(), r.endpos());
        assertTrue(r.isSuccess());
        assertEquals("200 result=0", r.raw());
    }

    @Test
    void negativeResult() {
        AgiReply r = AgiReplyParser.parseLine("200 result=-1");
        assertEquals(-1, r.resultOr(99));
    }

    @Test
    void dataWithSpacesAndParentheses() {
        AgiReply r = AgiReplyParser.parseLine("200 result=1 (Ada (the first) Lovelace)");
        assertEquals("1", r.result());
        assertEquals("Ada (the first) Lovelace", r.data());
    }

    @Test
    void dataAndEndpos() {
        AgiReply r = AgiReplyParser.parseLine("200 result=49 (dtmf) endpos=12345");
        assertEquals(49, r.resultOr(0));
        assertEquals("dtmf", r.data());
        assertEquals(OptionalLong.of(12345), r.endpos());
    }

    @Test
    void endposWithoutData() {
        AgiReply r = AgiReplyParser.parseLine("200 result=0 endpos=8000");
        assertNull(r.data());
        assertEquals(OptionalLong.of(8000), r.endpos());
    }

    @Test
    void dataThatMentionsEndposIsData() {
        AgiReply r = AgiReplyParser.parseLine("200 result=1 (x endpos=5)");
        assertEquals("x endpos=5", r.data());
        assertEquals(OptionalLong.empty(), r.endpos());
    }

    @Test
    void emptyData() {
        AgiReply r = AgiReplyParser.parseLine("200 result=1 ()");
        assertEquals("", r.data());
    }

    @Test
    void oddSpacing() {
        AgiReply r = AgiReplyParser.parseLine("200   result=1\t  (a  b)   endpos=7  ");
        assertEquals("1", r.result());
        assertEquals("a  b", r.data());
        assertEquals(OptionalLong.of(7), r.endpos());
    }

    @Test
    void resultTouchingParenthesis() {
        AgiReply r = AgiReplyParser.parseLine("200 result=1(value)");
        assertEquals("1", r.result());
        assertEquals("value", r.data());
    }

    @Test
    void nonNumericResult() {
        AgiReply r = AgiReplyParser.parseLine("200 result=abc");
        assertEquals("abc", r.result());
        assertEquals(OptionalLong.empty(), r.numericResult());
        assertEquals(-7, r.resultOr(-7));
    }

    @Test
    void unknownCommand() {
        AgiReply r = AgiReplyParser.parseLine("510 Invalid or unknown command");
        assertTrue(r.isInvalidCommand());
        assertNull(r.result());
        assertEquals("Invalid or unknown command", r.text());
    }

    @Test
    void deadChannel() {
        AgiReply r = AgiReplyParser.parseLine("511 Command Not Permitted on a dead channel or intercept routine");
        assertTrue(r.isDeadChannel());
        assertFalse(r.isSuccess());
        assertEquals("Command Not Permitted on a dead channel or intercept routine", r.text());
    }

    @Test
    void singleLineUsage() {
        AgiReply r = AgiReplyParser.parseLine("520 Invalid command syntax.  Proper usage follows:");
        assertTrue(r.isUsageError());
        assertNull(r.usage());
        assertEquals("Invalid command syntax.  Proper usage follows:", r.text());
    }

    @Test
    void multiLineUsage() {
        AgiReply r = AgiReplyParser.parseMultiLine(List.of(
                "520-Invalid command syntax.  Proper usage follows:",
                "Usage: STREAM FILE <filename> <escape digits> [sample offset]",
                "  Send the given file (result=1 means nothing)",
                "520 End of proper usage."));
        assertEquals(520, r.code());
        assertEquals("Invalid command syntax.  Proper usage follows:", r.text());
        assertEquals("Usage: STREAM FILE <filename> <escape digits> [sample offset]\n"
                + "  Send the given file (result=1 means nothing)", r.usage());
        assertTrue(r.raw().startsWith("520-Invalid"));
        assertTrue(r.raw().endsWith("520 End of proper usage."));
        assertNull(r.result());
    }

    @Test
    void provisionalTrying() {
        AgiReply r = AgiReplyParser.parseLine("100 result=0 Trying...");
        assertTrue(r.isProvisional());
        assertEquals("0", r.result());
        assertEquals("result=0 Trying...", r.text());
    }

    @Test
    void bareCode() {
        AgiReply r = AgiReplyParser.parseLine("200");
        assertEquals(200, r.code());
        assertNull(r.result());
    }

    @Test
    void codeOfRecognisesOnlyReplyStarts() {
        assertEquals(200, AgiReplyParser.codeOf("200 result=0"));
        assertEquals(520, AgiReplyParser.codeOf("520-Invalid"));
        assertEquals(-1, AgiReplyParser.codeOf("2000 result=0"));
        assertEquals(-1, AgiReplyParser.codeOf("20"));
        assertEquals(-1, AgiReplyParser.codeOf("abc"));
        assertEquals(-1, AgiReplyParser.codeOf("099 x"));
        assertTrue(AgiReplyParser.opensMultiLine("520-x"));
        assertFalse(AgiReplyParser.opensMultiLine("520 x"));
    }

    @Test
    void garbageIsRejectedWithTheLineQuoted() {
        AgiProtocolException e = assertThrows(AgiProtocolException.class,
                () -> AgiReplyParser.parseLine("GET / HTTP/1.1"));
        assertTrue(e.getMessage().contains("\"GET / HTTP/1.1\""), e.getMessage());
        assertThrows(AgiProtocolException.class, () -> AgiReplyParser.parseLine(""));
        assertThrows(AgiProtocolException.class, () -> AgiReplyParser.parseLine("520-start only"));
    }

    @Test
    void multiLineMustEndWithItsCode() {
        assertThrows(AgiProtocolException.class, () -> AgiReplyParser.parseMultiLine(
                List.of("520-Invalid", "usage", "200 result=0")));
        assertThrows(AgiProtocolException.class, () -> AgiReplyParser.parseMultiLine(List.of("520 x")));
    }

    @Test
    void quoteEscapesControlCharactersAndTruncates() {
        assertEquals("\"a\\x00b\"", AgiReplyParser.quote("a\u0000b"));
        assertTrue(AgiReplyParser.quote("x".repeat(200)).endsWith("...\""));
    }
}

package org.hotline.agi;

import java.util.List;
import java.util.OptionalLong;

/**
 * Parses FastAGI reply lines; plain code, no Netty. Lines come without their line end.
 * Whitespace between the parts is tolerated in any amount; anything the grammar does
 * not explain raises {@link AgiProtocolException} naming the offending text.
 *
 * <pre>
 * reply      = code SP [ "result=" value ] [ SP "(" data ")" ] [ SP "endpos=" n ] [ SP text ]
 * multi-line = code "-" text LF *(usage-line LF) code SP text
 * </pre>
 */
public final class AgiReplyParser {

    private static final String RESULT = "result=";
    private static final String ENDPOS = "endpos=";

    private AgiReplyParser() {
    }

    /**
     * The three-digit code that starts {@code line} when it is followed by end of line,
     * a space or tab (a complete reply) or {@code -} (the first line of a multi-line
     * reply); {@code -1} if the line does not start a reply.
     */
    public static int codeOf(String line) {
        if (line.length() < 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        if (code < 100) {
            return -1;
        }
        if (line.length() == 3) {
            return code;
        }
        char next = line.charAt(3);
        return next == ' ' || next == '\t' || next == '-' ? code : -1;
    }

    /** True if {@code line} opens a multi-line reply ({@code 520-...}). */
    public static boolean opensMultiLine(String line) {
        return codeOf(line) > 0 && line.length() > 3 && line.charAt(3) == '-';
    }

    /** Parses one complete single-line reply. */
    public static AgiReply parseLine(String line) {
        int code = codeOf(line);
        if (code < 0 || opensMultiLine(line)) {
            throw new AgiProtocolException("not a FastAGI reply line: " + quote(line));
        }
        String rest = line.substring(3).strip();
        String text = rest;
        String result = null;
        String data = null;
        OptionalLong endpos = OptionalLong.empty();
        if (rest.startsWith(RESULT)) {
            int end = RESULT.length();
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))
                    && rest.charAt(end) != '(') {
                end++;
            }
            result = rest.substring(RESULT.length(), end);
            String tail = rest.substring(end).strip();
            int endposAt = trailingEndpos(tail);
            if (endposAt >= 0) {
                String digits = tail.substring(endposAt + ENDPOS.length()).strip();
                endpos = OptionalLong.of(parseNumber(digits, line));
                tail = tail.substring(0, endposAt).strip();
            }
            if (tail.startsWith("(")) {
                int close = tail.lastIndexOf(')');
                data = close > 0 ? tail.substring(1, close) : tail.substring(1);
            }
        }
        return new AgiReply(code, result, data, endpos, text, null, line);
    }

    /**
     * Parses a complete multi-line reply: the {@code NNN-} first line, the usage lines
     * and the {@code NNN } last line with the same code.
     */
    public static AgiReply parseMultiLine(List<String> lines) {
        if (lines.size() < 2 || !opensMultiLine(lines.get(0))) {
            throw new AgiProtocolException("not a multi-line FastAGI reply: "
                    + quote(lines.isEmpty() ? "" : lines.get(0)));
        }
        String first = lines.get(0);
        String last = lines.get(lines.size() - 1);
        int code = codeOf(first);
        if (codeOf(last) != code || opensMultiLine(last)) {
            throw new AgiProtocolException("multi-line reply " + code + " ends with "
                    + quote(last));
        }
        String usage = String.join("\n", lines.subList(1, lines.size() - 1));
        return new AgiReply(code, null, null, OptionalLong.empty(),
                first.substring(4).strip(), usage, String.join("\n", lines));
    }

    /** Index of a trailing {@code endpos=<digits>} in {@code tail}, or -1. */
    private static int trailingEndpos(String tail) {
        int at = tail.lastIndexOf(ENDPOS);
        if (at < 0 || (at > 0 && !Character.isWhitespace(tail.charAt(at - 1)))) {
            return -1;
        }
        String digits = tail.substring(at + ENDPOS.length()).strip();
        if (digits.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if ((c < '0' || c > '9') && !(i == 0 && c == '-')) {
                return -1;
            }
        }
        return at;
    }

    private static long parseNumber(String digits, String line) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new AgiProtocolException("bad number in FastAGI reply: " + quote(line));
        }
    }

    /** The line for an error message: at most 80 characters, control characters escaped. */
    static String quote(String line) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(line.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (line.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}

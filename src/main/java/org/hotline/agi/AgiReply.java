package org.hotline.agi;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One FastAGI reply, immutable. Built by {@link AgiReplyParser}.
 *
 * <ul>
 *   <li>{@code 200 result=1 (some data) endpos=8000}: {@link #result()} "1",
 *       {@link #data()} "some data", {@link #endpos()} 8000;</li>
 *   <li>{@code 510}, {@code 511}, single-line {@code 520}: no result; {@link #text()} is
 *       the message;</li>
 *   <li>multi-line {@code 520-...} to {@code 520 End of proper usage.}: {@link #usage()}
 *       is the usage text between the first and the last line;</li>
 *   <li>{@code 100 result=0 Trying...}: provisional, never a command's final reply.</li>
 * </ul>
 */
public final class AgiReply implements AgiMessage {

    public static final int PROVISIONAL = 100;
    public static final int SUCCESS = 200;
    public static final int INVALID_COMMAND = 510;
    public static final int DEAD_CHANNEL = 511;
    public static final int USAGE = 520;

    private final int code;
    private final String result;
    private final OptionalLong numericResult;
    private final String data;
    private final OptionalLong endpos;
    private final String text;
    private final String usage;
    private final String raw;

    AgiReply(int code, String result, String data, OptionalLong endpos, String text,
             String usage, String raw) {
        this.code = code;
        this.result = result;
        this.numericResult = parseLong(result);
        this.data = data;
        this.endpos = Objects.requireNonNull(endpos, "endpos");
        this.text = Objects.requireNonNull(text, "text");
        this.usage = usage;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    private static OptionalLong parseLong(String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
            return OptionalLong.empty();
        }
        int start = value.charAt(0) == '-' ? 1 : 0;
        if (start == value.length()) {
            return OptionalLong.empty();
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty(); // 19 digits beyond Long.MAX_VALUE: text, not a number
        }
    }

    /** Parses one single-line reply; see {@link AgiReplyParser#parseLine}. */
    public static AgiReply parse(String line) {
        return AgiReplyParser.parseLine(line);
    }

    /** Parses a complete multi-line reply; see {@link AgiReplyParser#parseMultiLine}. */
    public static AgiReply parse(List<String> lines) {
        return AgiReplyParser.parseMultiLine(lines);
    }

    public int code() {
        return code;
    }

    /** The value after {@code result=} exactly as sent, or {@code null} if none. */
    public String result() {
        return result;
    }

    /** {@link #result()} as a number when it is one (e.g. {@code -1}, {@code 0}, {@code 49}). */
    public OptionalLong numericResult() {
        return numericResult;
    }

    /**
     * The numeric result, or {@code fallback} when there is none (510/511/520, or a
     * non-numeric result).
     */
    public long resultOr(long fallback) {
        return numericResult.orElse(fallback);
    }

    /** The text inside the parentheses (may contain spaces and parentheses), or {@code null}. */
    public String data() {
        return data;
    }

    /** {@code endpos=<n>}, sent by the streaming and recording commands. */
    public OptionalLong endpos() {
        return endpos;
    }

    /** Everything after the code on the first line, trimmed (e.g. the 510/511 message). */
    public String text() {
        return text;
    }

    /** For a multi-line 520, the usage text (lines joined with {@code \n}); else {@code null}. */
    public String usage() {
        return usage;
    }

    /** The reply as received, lines joined with {@code \n}, without the final line end. */
    public String raw() {
        return raw;
    }

    public boolean isProvisional() {
        return code >= 100 && code < 200;
    }

    public boolean isSuccess() {
        return code == SUCCESS;
    }

    /** {@code 511}: the command is not permitted on a dead (hung-up) channel. */
    public boolean isDeadChannel() {
        return code == DEAD_CHANNEL;
    }

    public boolean isInvalidCommand() {
        return code == INVALID_COMMAND;
    }

    public boolean isUsageError() {
        return code == USAGE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgiReply other && raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "AgiReply[" + raw.replace("\n", "\\n") + "]";
    }
}

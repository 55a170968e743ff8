package org.hotline.agi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FastAGI conversation seen from the server, one line at a time; plain code, no
 * Netty, one instance per connection. First the environment ({@code name: value} lines
 * ended by a blank line), then replies, multi-line replies and {@code HANGUP} notices.
 *
 * <p>Enforces the environment limits (lines and bytes) and the multi-line reply limit,
 * and rejects what no Asterisk sends (control characters, lines that are neither a
 * variable nor a reply), each with an {@link AgiProtocolException} naming the limit or
 * quoting the line. After an exception the instance must not be used again.
 */
public final class AgiLineParser {

    static final String HANGUP = "HANGUP";

    private enum State { ENVIRONMENT, REPLIES, MULTI_LINE }

    private final int maxEnvironmentLines;
    private final int maxEnvironmentBytes;
    private final int maxReplyLines;

    private State state = State.ENVIRONMENT;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private int environmentLines;
    private int environmentBytes;
    private List<String> multiLine;

    public AgiLineParser(int maxEnvironmentLines, int maxEnvironmentBytes, int maxReplyLines) {
        this.maxEnvironmentLines = maxEnvironmentLines;
        this.maxEnvironmentBytes = maxEnvironmentBytes;
        this.maxReplyLines = maxReplyLines;
    }

    /** True once the environment is complete. */
    public boolean environmentDone() {
        return state != State.ENVIRONMENT;
    }

    /**
     * Consumes one line (without its line end, a trailing {@code \r} already removed).
     *
     * @param wireBytes the line's size on the wire including its line end, counted
     *                  against the environment's byte limit
     * @return the message the line completes, or {@code null} if it completes none
     */
    public AgiMessage accept(String line, int wireBytes) {
        rejectControlCharacters(line);
        return switch (state) {
            case ENVIRONMENT -> environmentLine(line, wireBytes);
            case REPLIES -> replyLine(line);
            case MULTI_LINE -> multiLineLine(line);
        };
    }

    private AgiMessage environmentLine(String line, int wireBytes) {
        environmentBytes += wireBytes;
        if (environmentBytes > maxEnvironmentBytes) {
            throw new AgiProtocolException("environment exceeds maxEnvironmentBytes="
                    + maxEnvironmentBytes);
        }
        if (line.isEmpty()) {
            if (variables.isEmpty()) {
                throw new AgiProtocolException("empty environment (blank line before any agi_ variable)");
            }
            state = State.REPLIES;
            AgiEnvironment environment = AgiEnvironment.of(variables);
            variables.clear();
            return environment;
        }
        if (++environmentLines > maxEnvironmentLines) {
            throw new AgiProtocolException("environment exceeds maxEnvironmentLines="
                    + maxEnvironmentLines);
        }
        int colon = line.indexOf(':');
        String name = colon > 0 ? line.substring(0, colon) : "";
        if (!isName(name)) {
            throw new AgiProtocolException("expected an environment line 'agi_name: value', got "
                    + AgiReplyParser.quote(line));
        }
        variables.put(name, line.substring(colon + 1).strip());
        return null;
    }

    private AgiMessage replyLine(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return null; // tolerated: no Asterisk sends it, and it carries no meaning
        }
        if (trimmed.equals(HANGUP)) {
            return AgiHangupNotice.INSTANCE;
        }
        if (AgiReplyParser.opensMultiLine(line)) {
            multiLine = new ArrayList<>();
            multiLine.add(line);
            state = State.MULTI_LINE;
            return null;
        }
        if (AgiReplyParser.codeOf(line) < 0) {
            throw new AgiProtocolException("expected a reply or HANGUP, got "
                    + AgiReplyParser.quote(line));
        }
        return AgiReplyParser.parseLine(line);
    }

    private AgiMessage multiLineLine(String line) {
        multiLine.add(line);
        int code = AgiReplyParser.codeOf(multiLine.get(0));
        if (AgiReplyParser.codeOf(line) == code && !AgiReplyParser.opensMultiLine(line)) {
            AgiReply reply = AgiReplyParser.parseMultiLine(multiLine);
            multiLine = null;
            state = State.REPLIES;
            return reply;
        }
        if (multiLine.size() >= maxReplyLines) {
            throw new AgiProtocolException("multi-line reply " + code
                    + " exceeds maxReplyLines=" + maxReplyLines);
        }
        return null;
    }

    /** {@code [A-Za-z0-9_]+}, checked without a regular expression: every call's environment has ~25 names. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void rejectControlCharacters(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new AgiProtocolException("binary data in line " + AgiReplyParser.quote(line));
            }
        }
    }
}

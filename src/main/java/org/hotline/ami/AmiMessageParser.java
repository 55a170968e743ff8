package org.hotline.ami;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns AMI lines (already split, without their CR/LF) into {@link AmiFrame}s. A plain class with no
 * I/O so that it can be tested line by line; {@link AmiDecoder} feeds it from the socket.
 *
 * <p>Rules: the banner ({@code Asterisk Call Manager/x.y.z}) is a frame of its own; {@code Key: Value}
 * lines accumulate until a blank line ends the message; a line without a colon is reported and
 * skipped; after {@code Response: Follows} raw command output lines become {@code Output} fields and
 * {@code --END COMMAND--} is dropped; a message over the field or size cap is discarded up to its
 * blank line and reported. One parser serves one connection.
 */
public final class AmiMessageParser {

    /** Where the parser delivers its results. */
    public interface Sink {
        void frame(AmiFrame frame);

        /** A line or message was skipped; the connection goes on. */
        void skipped(String why, String line);
    }

    static final String END_COMMAND = "--END COMMAND--";

    private final int maxFields;
    private final int maxMessageChars;

    private final List<AmiField> fields = new ArrayList<>();
    private int chars;
    private boolean discarding;
    private boolean follows;
    private boolean rawOutput;

    public AmiMessageParser(int maxFields, int maxMessageChars) {
        if (maxFields < 1 || maxMessageChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFields = maxFields;
        this.maxMessageChars = maxMessageChars;
    }

    /** Feeds one line, without its line terminator. */
    public void acceptLine(String line, Sink sink) {
        if (line.isEmpty()) {
            endOfMessage(sink);
            return;
        }
        if (discarding) {
            return;
        }
        if (fields.isEmpty() && line.startsWith(AmiBanner.PREFIX)) {
            sink.frame(new AmiBanner(line));
            return;
        }
        chars += line.length();
        if (chars > maxMessageChars) {
            discard("message over " + maxMessageChars + " characters", line, sink);
            return;
        }
        if (follows && (rawOutput || line.indexOf(':') <= 0)) {
            rawOutput = true;
            if (!line.equals(END_COMMAND)) {
                add(new AmiField("Output", line), sink);
            }
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            sink.skipped("line without 'Key: Value'", line);
            return;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Response") && value.equalsIgnoreCase("Follows")) {
            follows = true;
        }
        add(new AmiField(name, value), sink);
    }

    /**
     * Drops the message being read, e.g. because the decoder met a line over its length cap; lines up to
     * the next blank line are ignored.
     */
    public void discardCurrent(String why, String lineStart, Sink sink) {
        discard(why, lineStart, sink);
    }

    /** True while a message has started and not yet ended. */
    public boolean inMessage() {
        return !fields.isEmpty() || discarding;
    }

    private void add(AmiField field, Sink sink) {
        if (fields.size() >= maxFields) {
            discard("message over " + maxFields + " fields", field.toString(), sink);
            return;
        }
        fields.add(field);
    }

    private void discard(String why, String line, Sink sink) {
        if (!discarding) {
            String start = fields.isEmpty() ? "" : " (began " + fields.get(0) + ")";
            sink.skipped(why + ", discarded" + start, line);
        }
        reset();
        discarding = true;
    }

    private void endOfMessage(Sink sink) {
        if (!discarding && !fields.isEmpty()) {
            sink.frame(AmiMessage.of(fields));
        }
        reset();
    }

    private void reset() {
        fields.clear();
        chars = 0;
        discarding = false;
        follows = false;
        rawOutput = false;
    }
}

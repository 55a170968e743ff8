package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Asterisk wrote to its {@code full.log} in the sandbox root since a test marked it: which
 * sounds it played to the channel of a given caller, in order. That is what the caller heard.
 *
 * <pre>{@code
 * AsteriskLog log = AsteriskLog.fromNow();
 * ... calls ...
 * List<String> heard = log.playedTo("5559001");   // [hotline/ivr-welcome, hotline/main-menu, ...]
 * }</pre>
 */
final class AsteriskLog {

    static final Path FULL_LOG = Path.of(System.getenv().getOrDefault("HOTLINE_SANDBOX_ROOT", "/var/cache/hotline/root"))
            .resolve("var/log/asterisk/full.log");

    private final long from;

    private AsteriskLog(long from) {
        this.from = from;
    }

    /** The log from its present end on. */
    static AsteriskLog fromNow() throws IOException {
        return new AsteriskLog(Files.size(FULL_LOG));
    }

    /**
     * The sounds Asterisk played to the channel of the call from {@code caller} (the first one
     * since the mark), in order, without their file extensions. Fails when the log has no such call.
     */
    List<String> playedTo(String caller) throws IOException {
        String log = text();
        return played(log, channelOf(log, caller));
    }

    /** The text written since the mark (all of it when the log was rotated meanwhile). */
    String text() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(FULL_LOG.toFile(), "r")) {
            long length = f.length();
            long start = from <= length ? from : 0;
            byte[] bytes = new byte[(int) (length - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The caller's channel, from the dialplan's first line for their call ({@code Hotline call from N}). */
    private static String channelOf(String log, String caller) {
        Matcher m = Pattern.compile("NoOp\\(\"(PJSIP/[^\"]+)\", \"Hotline call from " + Pattern.quote(caller) + "\"\\)")
                .matcher(log);
        assertTrue(m.find(), "Asterisk's log has the call from " + caller);
        return m.group(1);
    }

    /** The sounds Asterisk played to {@code channel}, in order, without their file extensions. */
    private static List<String> played(String log, String channel) {
        List<String> sounds = new ArrayList<>();
        Matcher m = Pattern.compile("<" + Pattern.quote(channel) + "> Playing '([^']+?)(\\.[a-z0-9]+)?'").matcher(log);
        while (m.find()) {
            sounds.add(m.group(1));
        }
        return sounds;
    }
}

package org.hotline.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code checkpoint.json} in the journal directory: {@code {"confirmedSeq":N,"nextSeq":M}}, every
 * entry up to N is in Redis (or dead-lettered), M is the next seq to give. Replaced atomically
 * (written beside, then renamed) and not forced: it only saves replaying; a lagging, missing or
 * unreadable checkpoint replays entries Redis already has, which count once.
 */
final class JournalCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(JournalCheckpoint.class);
    static final String FILE_NAME = "checkpoint.json";
    private static final Pattern FORMAT = Pattern.compile("\\{\"confirmedSeq\":(\\d+),\"nextSeq\":(\\d+)}\\s*");

    private JournalCheckpoint() {
    }

    static void write(Path directory, long confirmedSeq, long nextSeq) throws IOException {
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, "{\"confirmedSeq\":" + confirmedSeq + ",\"nextSeq\":" + nextSeq + "}\n");
        Files.move(tmp, directory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** {confirmedSeq, nextSeq}; zeros when there is none or it cannot be read (with a WARN). */
    static long[] read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new long[] {0, 0};
        }
        try {
            Matcher m = FORMAT.matcher(Files.readString(file));
            if (m.matches()) {
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
            LOG.warn("journal: {} is not readable; every entry in the journal is replayed", file);
        } catch (IOException | NumberFormatException e) {
            LOG.warn("journal: {} is not readable ({}); every entry in the journal is replayed", file, e.toString());
        }
        return new long[] {0, 0};
    }
}

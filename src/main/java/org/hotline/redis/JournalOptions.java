package org.hotline.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the call history journals what it accepts (see {@link CallJournal}).
 *
 * @param directory         where the journal's files live (created if missing); default
 *                          {@code /var/lib/hotline/journal}
 * @param groupCommit       appends arriving within this window share one write and one fsync;
 *                          default 5 ms (zero: each batch is what is queued when the thread looks)
 * @param maxPendingRecords records held in memory for Redis at most; beyond, they wait in the
 *                          journal only and are read back as Redis catches up; default 100,000
 * @param segmentBytes      a new segment file is begun once the current one reaches this; default 16 MB
 */
public record JournalOptions(Path directory, Duration groupCommit, int maxPendingRecords, long segmentBytes) {

    public static final Path DEFAULT_DIRECTORY = Path.of("/var/lib/hotline/journal");

    public static final JournalOptions DEFAULTS = new JournalOptions(DEFAULT_DIRECTORY, Duration.ofMillis(5), 100_000,
            JournalFiles.DEFAULT_SEGMENT_BYTES);

    public JournalOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(groupCommit, "groupCommit");
        if (groupCommit.isNegative() || groupCommit.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("groupCommit must be 0..1 s, not " + groupCommit);
        }
        if (maxPendingRecords < 1) {
            throw new IllegalArgumentException("maxPendingRecords must be at least 1, not " + maxPendingRecords);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes must be at least 4096, not " + segmentBytes);
        }
    }

    /** The defaults with the three settings of the config's {@code journal} section. */
    public static JournalOptions of(Path directory, int groupCommitMillis, int maxPendingRecords) {
        return new JournalOptions(directory, Duration.ofMillis(groupCommitMillis), maxPendingRecords,
                JournalFiles.DEFAULT_SEGMENT_BYTES);
    }

    public JournalOptions withDirectory(Path value) {
        return new JournalOptions(value, groupCommit, maxPendingRecords, segmentBytes);
    }

    public JournalOptions withGroupCommit(Duration value) {
        return new JournalOptions(directory, value, maxPendingRecords, segmentBytes);
    }

    public JournalOptions withMaxPendingRecords(int value) {
        return new JournalOptions(directory, groupCommit, value, segmentBytes);
    }

    public JournalOptions withSegmentBytes(long value) {
        return new JournalOptions(directory, groupCommit, maxPendingRecords, value);
    }
}

package org.hotline.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the call history journals what it accepts (see {@link CallJournal}). Immutable;
 * every default is a named constant here. Build with {@link #builder()} and set only what
 * differs; {@link #defaults()} is the all-default instance. The constructor checks every value;
 * the message names the option.
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
    public static final Duration DEFAULT_GROUP_COMMIT = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_PENDING_RECORDS = 100_000;
    public static final long DEFAULT_SEGMENT_BYTES = JournalFiles.DEFAULT_SEGMENT_BYTES;

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

    /** Every option at its default. */
    public static JournalOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this instance's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Path directory = DEFAULT_DIRECTORY;
        private Duration groupCommit = DEFAULT_GROUP_COMMIT;
        private int maxPendingRecords = DEFAULT_MAX_PENDING_RECORDS;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;

        private Builder() {
        }

        private Builder(JournalOptions o) {
            directory = o.directory;
            groupCommit = o.groupCommit;
            maxPendingRecords = o.maxPendingRecords;
            segmentBytes = o.segmentBytes;
        }

        public Builder directory(Path v) { directory = v; return this; }
        public Builder groupCommit(Duration v) { groupCommit = v; return this; }
        public Builder maxPendingRecords(int v) { maxPendingRecords = v; return this; }
        public Builder segmentBytes(long v) { segmentBytes = v; return this; }

        public JournalOptions build() {
            return new JournalOptions(directory, groupCommit, maxPendingRecords, segmentBytes);
        }
    }
}

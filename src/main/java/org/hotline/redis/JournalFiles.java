package org.hotline.redis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the call journal in its directory:
 * <ul>
 *   <li>{@code journal.lock}: locked while a Hotline uses the directory, so two processes never
 *       write one journal;</li>
 *   <li>{@code journal-000001.log}, {@code journal-000002.log}, ...: the segments, one
 *       {@link JournalLine} per line in {@code seq} order; a new one is begun once the current one
 *       reaches the segment size (16 MB);</li>
 *   <li>{@code checkpoint.json}: {@code {"confirmedSeq":N,"nextSeq":M}}, every entry up to N is in
 *       Redis (or dead-lettered); replaced atomically (rename), never needed for correctness: a
 *       lagging or missing checkpoint only replays entries Redis already has, which count once;</li>
 *   <li>{@code dead-letter.jsonl}: see {@link DeadLetters}.</li>
 * </ul>
 * A batch is written with one positional write and made durable with one {@code force} (fdatasync);
 * a new segment's directory entry is forced too. Segments are deleted oldest first only, so the
 * segments always hold a contiguous tail of the journal.
 *
 * <p>Threads: {@link #append}, {@link #deleteOldest}, {@link #writeCheckpoint} on the journal
 * thread; {@link #read} on the Redis writer thread; the segment list is guarded by {@code this}.
 *
 * <p>One class, a little over 400 lines: segments, the checkpoint, rotation and trimming all keep
 * the same invariant (every entry not yet confirmed by Redis stays on disk), checked in one place.
 */
final class JournalFiles implements AutoCloseable {

    static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JournalFiles.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("journal-(\\d{6,})\\.log");

    /** One segment file and the seqs it holds (-1: none yet). */
    static final class Segment {
        final int number;
        final Path path;
        volatile long firstSeq = -1;
        volatile long lastSeq = -1;
        /** The highest seq of an entry for Redis in it; -1 when it holds only live snapshots. */
        volatile long lastRedisSeq = -1;

        Segment(int number, Path path) {
            this.number = number;
            this.path = path;
        }
    }

    /** A live call's latest snapshot and the segment holding it. */
    record LiveSnapshot(JournalEntry entry, int segment) {
    }

    /**
     * What the journal held at start: the next seq to give, the entries for Redis not confirmed
     * by the checkpoint ({@code (confirmedSeq, lastSeq]}, {@code unconfirmed} of them), and the
     * calls whose last line is a live snapshot, oldest first.
     */
    record Scan(long nextSeq, long confirmedSeq, long lastSeq, long unconfirmed,
                Map<String, LiveSnapshot> unresolvedLive) {
    }

    private final Path directory;
    private final long segmentBytes;
    private final JournalLine codec;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> segments = new ArrayList<>();
    private Scan scan;
    private FileChannel current;
    private long currentSize;
    /** Where the last {@link #read} stopped: lets the next one resume there (Redis writer thread only). */
    private Segment readSegment;
    private long readOffset;
    private long readNextSeq = -1;
    private volatile long batchesWritten;

    private JournalFiles(Path directory, long segmentBytes, JournalLine codec, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.codec = codec;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if missing) and locks the directory, and reads every segment: a line cut
     * short at the end of the last segment (a crash during a write) is cut off with a WARN, a
     * damaged line elsewhere is skipped with a WARN.
     *
     * @throws IOException when the directory cannot be created, read or locked (another process uses it)
     */
    static JournalFiles open(Path directory, long segmentBytes, JournalLine codec) throws IOException {
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve("journal.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("journal directory " + directory + " is in use by another Hotline");
        }
        JournalFiles files = new JournalFiles(directory, segmentBytes, codec, lockChannel, lock);
        try {
            files.scanAll();
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        return files;
    }

    Path directory() {
        return directory;
    }

    /** What the journal held when it was opened. */
    Scan startScan() {
        return scan;
    }

    private void scanAll() throws IOException {
        List<Segment> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : list.toList()) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new Segment(Integer.parseInt(m.group(1)), p));
                }
            }
        }
        found.sort((a, b) -> Integer.compare(a.number, b.number));
        long[] checkpoint = JournalCheckpoint.read(directory);
        long confirmed = checkpoint[0];
        long lastSeq = Math.max(0, checkpoint[1] - 1);
        long unconfirmed = 0;
        Map<String, LiveSnapshot> live = new LinkedHashMap<>();
        for (int i = 0; i < found.size(); i++) {
            Segment s = found.get(i);
            boolean last = i == found.size() - 1;
            long[] goodEnd = {0};
            long[] counts = {0};
            JournalLineReader.forEach(s.path, 0, (offset, end, text, terminated) -> {
                JournalEntry e;
                try {
                    e = codec.decode(text);
                } catch (JournalLine.CorruptLineException ex) {
                    if (!(last && !terminated)) {
                        LOG.warn("journal {}: line at byte {} skipped: {}", s.path.getFileName(), offset, ex.getMessage());
                    }
                    return true;
                }
                goodEnd[0] = end;
                note(s, e);
                if (e.forRedis() && e.seq() > confirmed) {
                    counts[0]++;
                }
                if (e.kind() == JournalEntry.Kind.LIVE) {
                    live.remove(e.callId());
                    live.put(e.callId(), new LiveSnapshot(e, s.number));
                } else if (e.kind() == JournalEntry.Kind.FINAL) {
                    live.remove(e.callId());
                }
                return true;
            });
            unconfirmed += counts[0];
            long size = Files.size(s.path);
            if (last && goodEnd[0] < size) {
                LOG.warn("journal {}: the last {} bytes are an incomplete line (Hotline stopped during a write); cut off",
                        s.path.getFileName(), size - goodEnd[0]);
                try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
                    ch.truncate(goodEnd[0]);
                    ch.force(true);
                }
            }
            lastSeq = Math.max(lastSeq, s.lastSeq);
        }
        segments.addAll(found);
        scan = new Scan(lastSeq + 1, confirmed, lastSeq, unconfirmed, live);
    }

    private static void note(Segment s, JournalEntry e) {
        if (s.firstSeq < 0) {
            s.firstSeq = e.seq();
        }
        s.lastSeq = Math.max(s.lastSeq, e.seq());
        if (e.forRedis()) {
            s.lastRedisSeq = Math.max(s.lastRedisSeq, e.seq());
        }
    }

    /**
     * Writes the entries (with their seqs, in order) at the end of the current segment, beginning
     * a new one first when it is full, and forces them to disk.
     *
     * @return the number of the segment that holds them
     * @throws IOException when they could not be written or forced; the segment is then cut back to
     *                     where it was, so no partial line stays in the middle of the journal
     */
    int append(List<JournalEntry> entries) throws IOException {
        if (current == null || currentSize >= segmentBytes) {
            beginSegment();
        }
        Segment segment;
        synchronized (this) {
            segment = segments.get(segments.size() - 1);
        }
        StringBuilder text = new StringBuilder(entries.size() * 1024);
        for (JournalEntry e : entries) {
            text.append(codec.encode(e)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        long start = currentSize;
        try {
            long position = start;
            while (bytes.hasRemaining()) {
                position += current.write(bytes, position);
            }
            current.force(false);
            currentSize = position;
        } catch (IOException e) {
            cutBack(start);
            throw e;
        }
        for (JournalEntry e : entries) {
            note(segment, e);
        }
        batchesWritten++;
        return segment.number;
    }

    private void cutBack(long size) {
        try {
            current.truncate(size);
            currentSize = size;
        } catch (IOException | RuntimeException again) {
            LOG.warn("journal: cannot cut the current segment back to {} bytes ({}); beginning a new one", size,
                    again.toString());
            closeQuietly(current);
            current = null;
        }
    }

    private void beginSegment() throws IOException {
        int number;
        synchronized (this) {
            number = segments.isEmpty() ? 1 : segments.get(segments.size() - 1).number + 1;
        }
        Path path = directory.resolve(String.format("journal-%06d.log", number));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.truncate(0);
            forceDirectory();
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
        closeQuietly(current);
        current = channel;
        currentSize = 0;
        synchronized (this) {
            if (segments.isEmpty() || segments.get(segments.size() - 1).number != number) {
                segments.add(new Segment(number, path));
            }
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // Some file systems cannot open a directory; the segment's data is still forced.
            LOG.debug("journal: directory {} not forced: {}", directory, e.toString());
        }
    }

    /**
     * Up to {@code max} entries for Redis with seq in [from, to], in order; live snapshots and
     * damaged lines are passed over. Resumes where the previous read stopped when it continues it.
     */
    List<JournalEntry> read(long from, long to, int max) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        List<Segment> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(segments);
        }
        int startIndex = 0;
        long startOffset = 0;
        int resume = readSegment == null || from != readNextSeq ? -1 : snapshot.indexOf(readSegment);
        if (resume >= 0) {
            startIndex = resume;
            startOffset = readOffset;
        } else {
            for (int i = 0; i < snapshot.size(); i++) {
                if (snapshot.get(i).firstSeq >= 0 && snapshot.get(i).firstSeq <= from) {
                    startIndex = i;
                }
            }
        }
        for (int i = startIndex; i < snapshot.size() && out.size() < max; i++) {
            Segment s = snapshot.get(i);
            if (s.lastSeq >= 0 && s.lastSeq < from) {
                continue;
            }
            long[] stoppedAt = {-1};
            JournalLineReader.forEach(s.path, i == startIndex ? startOffset : 0, (offset, end, text, terminated) -> {
                if (!terminated) {
                    return false; // being written right now: beyond what is durable
                }
                JournalEntry e;
                try {
                    e = codec.decode(text);
                } catch (JournalLine.CorruptLineException ex) {
                    LOG.warn("journal {}: line at byte {} skipped: {}", s.path.getFileName(), offset, ex.getMessage());
                    return true;
                }
                if (e.seq() > to) {
                    return false;
                }
                if (e.seq() >= from && e.forRedis()) {
                    out.add(e);
                }
                if (e.seq() >= to || out.size() >= max) {
                    stoppedAt[0] = end;
                    readSegment = s;
                    readOffset = end;
                    readNextSeq = e.seq() + 1;
                    return false;
                }
                return true;
            });
            if (stoppedAt[0] >= 0) {
                break;
            }
        }
        return out;
    }

    /** The oldest segment, unless it is the one being written. */
    synchronized Segment oldestClosed() {
        return segments.size() < 2 ? null : segments.get(0);
    }

    /** Deletes the oldest segment (see {@link #oldestClosed()}). */
    void deleteOldest(Segment segment) throws IOException {
        synchronized (this) {
            if (segments.isEmpty() || segments.get(0) != segment || segments.size() < 2) {
                throw new IllegalStateException("only the oldest closed segment may be deleted");
            }
            segments.remove(0);
        }
        Files.deleteIfExists(segment.path);
        LOG.debug("journal: {} deleted, every entry in it is in Redis", segment.path.getFileName());
    }

    /** Batches written (each one write and one fsync) since open. */
    long batchesWritten() {
        return batchesWritten;
    }

    synchronized int segmentCount() {
        return segments.size();
    }

    /** Records that every entry up to {@code confirmedSeq} is in Redis; atomic, not forced. */
    void writeCheckpoint(long confirmedSeq, long nextSeq) throws IOException {
        JournalCheckpoint.write(directory, confirmedSeq, nextSeq);
    }

    @Override
    public void close() {
        closeQuietly(current);
        current = null;
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            LOG.debug("journal lock not released: {}", e.toString());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("journal file not closed: {}", e.toString());
            }
        }
    }
}

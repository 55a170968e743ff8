package org.hotline.redis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries Redis refused (a wrong key type, out of memory, a read-only replica): each one is
 * moved here so that the records after it are not held up, and waits for an operator. The file
 * {@code dead-letter.jsonl} in the journal directory holds one JSON object per line:
 * <pre>{"at":"2026-11-23T10:00:00Z","reason":"JedisDataException: WRONGTYPE key ...","entry":{...journal entry...}}</pre>
 * Each line is forced to disk before the entry counts as handled. Without a journal directory the
 * line goes to the ERROR log only. {@link #count()} starts from the lines already in the file, so
 * the gauge shows what still waits for an operator (who empties the file once handled).
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    static final String FILE_NAME = "dead-letter.jsonl";

    private final Path file;
    private final JournalLine codec;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();

    /** {@code directory} null: no file, log only. */
    DeadLetters(Path directory, JournalLine codec, Clock clock) {
        this.file = directory == null ? null : directory.resolve(FILE_NAME);
        this.codec = codec;
        this.clock = clock;
        if (file != null && Files.exists(file)) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                count.set(lines.filter(l -> !l.isBlank()).count());
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.warn("dead letters in {} not counted: {}", file, e.toString());
            }
            if (count.get() > 0) {
                LOG.warn("{} records Redis refused wait in {} for an operator", count.get(), file);
            }
        }
    }

    /** Records that Redis refused {@code entry} for {@code reason}; logs it at ERROR with the call id and the reason. */
    void add(JournalEntry entry, String reason) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("reason", reason);
        line.put("entry", entry);
        String text = codec.plainJson(line);
        count.incrementAndGet();
        if (file == null) {
            LOG.error("Redis refused call {} ({}); not stored, no journal to keep it: {}", entry.callId(), reason, text);
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
            LOG.error("Redis refused call {} ({}); moved to {} for an operator, later records go on", entry.callId(),
                    reason, file);
        } catch (IOException e) {
            LOG.error("Redis refused call {} ({}) and {} cannot be written ({}); the entry: {}", entry.callId(), reason,
                    file, e.toString(), text);
        }
    }

    /** Refused entries in the file (or, without one, since start). */
    long count() {
        return count.get();
    }

    Path file() {
        return file;
    }
}

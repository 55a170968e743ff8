package org.hotline.redis;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.hotline.call.CallRecord;
import org.hotline.json.Json;
import org.hotline.metrics.KpiCounters;

/**
 * The text form of a {@link JournalEntry}: one JSON object per line, its last field a CRC-32C of
 * the rest, so that a line cut short by a crash or damaged on disk is recognised, never half-read.
 * The object stays plain JSON ({@code jq} reads a segment as it is):
 * <pre>{"seq":1,...,"contribution":{...},"crc":"89abcdef"}</pre>
 * The CRC covers the UTF-8 bytes of the same object without its {@code crc} field, i.e. the line
 * with {@code ,"crc":"89abcdef"} removed. Thread-safe.
 *
 * <p>The record inside an entry for Redis is the very JSON Redis stores. So that a record is not
 * turned into JSON twice (once here on the journal's thread, once for Redis on the writer's), the
 * line is made from the record's JSON, which is kept until {@link #recordJson} takes it; a record
 * that was not journaled (no journal, or read back from disk) is written anew.
 */
final class JournalLine {

    /** {@code ,"crc":"} + 8 hex digits + {@code "}}. */
    private static final String CRC_FIELD = ",\"crc\":\"";
    private static final int SUFFIX_LENGTH = CRC_FIELD.length() + 8 + 2;

    /** Why a line could not be read back. */
    static final class CorruptLineException extends Exception {
        CorruptLineException(String message) {
            super(message);
        }

        CorruptLineException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Records journaled for Redis whose JSON the writer has not taken yet; the oldest go beyond this. */
    private static final int KEPT_RECORDS = 1024;

    /**
     * A {@link JournalEntry} as it is written, field for field in the same order, with its record's
     * JSON already made: the line is the same as the entry's own JSON.
     */
    private record Wire(long seq, JournalEntry.Kind kind, String callId, String part, Instant at,
                        @JsonRawValue String record, KpiCounters contribution) {
    }

    /** A record by identity: the writer asks for the very instance the journal wrote. */
    private record Same(CallRecord record) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same other && other.record == record;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(record);
        }
    }

    private final ObjectMapper json = Json.newMapper();
    private final Map<Same, String> kept = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Same, String> eldest) {
            return size() > KEPT_RECORDS;
        }
    };

    /** The line for {@code entry}, without the line feed. */
    String encode(JournalEntry entry) {
        String body;
        try {
            String record = json.writeValueAsString(entry.record());
            body = json.writeValueAsString(new Wire(entry.seq(), entry.kind(), entry.callId(), entry.part(), entry.at(),
                    record, entry.contribution()));
            if (entry.forRedis()) {
                synchronized (kept) {
                    kept.put(new Same(entry.record()), record);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("call " + entry.callId() + " cannot be written as JSON", e);
        }
        return body.substring(0, body.length() - 1) + CRC_FIELD + crc(body) + "\"}";
    }

    /**
     * The JSON of {@code record} as Redis stores it: the one made when its entry was journaled
     * (taken, so it is not kept longer), else made now.
     */
    String recordJson(CallRecord record) {
        String made;
        synchronized (kept) {
            made = kept.remove(new Same(record));
        }
        if (made != null) {
            return made;
        }
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("call " + record.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads a line written by {@link #encode}.
     *
     * @throws CorruptLineException when the line is cut short, its CRC does not match, or it is no entry
     */
    JournalEntry decode(String line) throws CorruptLineException {
        if (line.length() <= SUFFIX_LENGTH || !line.endsWith("\"}")
                || !line.startsWith(CRC_FIELD, line.length() - SUFFIX_LENGTH)) {
            throw new CorruptLineException("no CRC at the end (line cut short?)");
        }
        String stated = line.substring(line.length() - 10, line.length() - 2);
        String body = line.substring(0, line.length() - SUFFIX_LENGTH) + "}";
        String actual = crc(body);
        if (!actual.equals(stated)) {
            throw new CorruptLineException("CRC " + actual + " does not match the stated " + stated);
        }
        try {
            return json.readValue(body, JournalEntry.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CorruptLineException("not a journal entry: " + e.getMessage(), e);
        }
    }

    /** One line of text for the dead-letter file or a log line: the entry as JSON, no CRC. */
    String plainJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}

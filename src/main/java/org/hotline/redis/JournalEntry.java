package org.hotline.redis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.hotline.call.CallRecord;
import org.hotline.metrics.KpiCounters;

/**
 * One line of the call journal (see {@link CallJournal}). Written as one JSON object per line by
 * {@link JournalLine}, e.g.
 * <pre>{"seq":42,"kind":"final","callId":"1700000000.1","part":null,"at":"2026-11-23T10:00:00Z",
 *  "record":{...},"contribution":{...},"crc":"1c291ca3"}</pre>
 *
 * @param seq          position in the journal: strictly increasing, also across restarts
 * @param kind         what the line stands for
 * @param callId       the call's id (the record's id)
 * @param part         for {@link Kind#AMEND}: the amended part, whose counted guard is
 *                     {@code counted:{id}:{part}}; null otherwise
 * @param at           when Hotline accepted it
 * @param record       the record as it is to be stored, or the live call's latest snapshot
 * @param contribution what it adds to the KPI counters ({@link KpiCounters#ZERO} for live snapshots)
 */
public record JournalEntry(long seq, Kind kind, String callId, String part, Instant at, CallRecord record,
                           KpiCounters contribution) {

    /** The three kinds of line. Only {@link #FINAL} and {@link #AMEND} go to Redis. */
    public enum Kind {
        /** A finished call's record and its contribution: {@code CallHistory.append}. */
        FINAL,
        /** A later version of a stored record and extra counters for one part: {@code CallHistory.amend}. */
        AMEND,
        /** The latest snapshot of a call in progress: {@code CallHistory.progress}; never sent to Redis. */
        LIVE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public JournalEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(contribution, "contribution");
        if (kind == Kind.AMEND && (part == null || part.isBlank())) {
            throw new IllegalArgumentException("an amendment of call " + callId + " needs its part");
        }
    }

    /** True for the kinds that are written to Redis. */
    public boolean forRedis() {
        return kind != Kind.LIVE;
    }

    /** The same entry at another position (entries get their seq when the journal writes them). */
    public JournalEntry withSeq(long value) {
        return new JournalEntry(value, kind, callId, part, at, record, contribution);
    }
}

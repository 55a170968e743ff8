package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.hotline.json.Json;
import org.hotline.metrics.KpiCounters;
import org.junit.jupiter.api.Test;

class JournalLineTest {

    private final JournalLine codec = new JournalLine();
    private final JournalEntry entry = new JournalEntry(42, JournalEntry.Kind.AMEND, "c1", "wrap-up",
            Instant.parse("2026-11-23T10:00:00Z"), CallRecordJsonTest.sample("c1", Instant.parse("2026-11-23T09:58:00Z")),
            KpiCounters.wrapUp(6.5));

    @Test
    void roundTripsAsOneLineOfPlainJsonEndingInItsCrc() throws Exception {
        String line = codec.encode(entry);
        assertTrue(!line.contains("\n"), line);
        assertEquals(entry, codec.decode(line));
        JsonNode tree = Json.newMapper().readTree(line);
        assertEquals("amend", tree.get("kind").asText());
        assertEquals(42, tree.get("seq").asLong());
        assertTrue(tree.get("crc").asText().matches("[0-9a-f]{8}"), line);
    }

    @Test
    void aLineCutShortOrChangedIsRecognised() {
        String line = codec.encode(entry);
        assertThrows(JournalLine.CorruptLineException.class, () -> codec.decode(line.substring(0, line.length() / 2)));
        assertThrows(JournalLine.CorruptLineException.class, () -> codec.decode(line.replace("\"c1\"", "\"c2\"")));
        assertThrows(JournalLine.CorruptLineException.class, () -> codec.decode(""));
        assertThrows(JournalLine.CorruptLineException.class, () -> codec.decode("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"));
    }
    @Test
    void theLineIsTheEntrysOwnJsonAndItsRecordIsWhatRedisStores() throws Exception {
        String line = codec.encode(entry);
        // the entry written whole by the shared mapper, as the journal wrote it before the record's JSON was reused
        String whole = Json.newMapper().writeValueAsString(entry);
        assertEquals(whole.substring(0, whole.length() - 1), line.substring(0, line.length() - 18));
        String record = Json.newMapper().writeValueAsString(entry.record());
        assertEquals(record, codec.recordJson(entry.record()), "the journal's JSON");
        assertEquals(record, codec.recordJson(entry.record()), "made anew once taken");
        JournalEntry live = new JournalEntry(43, JournalEntry.Kind.LIVE, "c1", null, entry.at(), entry.record(),
                KpiCounters.ZERO);
        String liveWhole = Json.newMapper().writeValueAsString(live);
        String liveLine = codec.encode(live);
        assertEquals(liveWhole.substring(0, liveWhole.length() - 1), liveLine.substring(0, liveLine.length() - 18));
        assertEquals(live, codec.decode(liveLine));
    }
}

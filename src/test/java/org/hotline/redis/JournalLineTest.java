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
}

package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DTMF capture rewriter on SIPp's own captures, read from the sandbox root: a missing capture
 * fails the test (the root is then not what the integration tests will play), it never skips.
 */
class DtmfPressesTest {

    private static final String KEYS = "1 4 7 1 1 5 # 9 0";
    private static final Duration PAUSE = Duration.ofMillis(300);

    @BeforeAll
    static void stockCapturesAreThere() {
        for (String name : List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "star", "pound")) {
            Path file = DtmfPresses.STOCK_CAPTURES.resolve("dtmf_2833_" + name + ".pcap");
            if (!Files.isRegularFile(file)) {
                fail("SIPp's capture " + file + " is missing: build the sandbox root (scripts/sandbox up)");
            }
        }
    }

    @Test
    void aStockCaptureReadAndWrittenUnchangedIsTheSameFile(@TempDir Path dir) throws IOException {
        Path stock = DtmfPresses.STOCK_CAPTURES.resolve("dtmf_2833_pound.pcap");
        Pcap pcap = Pcap.read(stock);
        assertEquals(10, pcap.packets().size(), "SIPp's capture of one key: 10 packets");
        Path copy = dir.resolve("copy.pcap");
        pcap.write(copy);
        assertArrayEquals(Files.readAllBytes(stock), Files.readAllBytes(copy));
    }

    @Test
    void theStockCapturesThemselvesGoBackwardsWhichIsWhyTheyAreRewritten() {
        // the fact the rewriter exists for: played as shipped, 5 after 7 goes back in time
        assertTrue(rtp(DtmfPresses.stock(DtmfPresses.STOCK_CAPTURES, '5')).get(0).sequence()
                < rtp(DtmfPresses.stock(DtmfPresses.STOCK_CAPTURES, '7')).get(0).sequence());
    }

    @Test
    void sequenceNumbersAndTimestampsIncreaseThroughTheCall() {
        DtmfPresses presses = DtmfPresses.of(KEYS, PAUSE);
        Pcap capture = presses.capture();
        List<Rtp> packets = rtp(capture);
        assertEquals(9 * 10, packets.size());

        for (int i = 1; i < packets.size(); i++) {
            Rtp before = packets.get(i - 1);
            Rtp now = packets.get(i);
            boolean samePress = i % 10 != 0;
            if (samePress) {
                // within a press as shipped: the end packet is sent three times with one sequence number
                assertTrue(now.sequence() >= before.sequence(), "packet " + i + ": " + before + " -> " + now);
                assertEquals(before.timestamp(), now.timestamp(), "one event, one timestamp: packet " + i);
            } else {
                assertEquals(before.sequence() + 1, now.sequence(), "the next press continues the stream: " + i);
                assertTrue(now.timestamp() >= before.timestamp() + before.duration() + 160,
                        "the next event starts after the last one ended: " + before + " -> " + now);
            }
            assertEquals(packets.get(0).ssrc(), now.ssrc(), "one stream");
            assertTrue(now.micros() >= before.micros(), "capture time goes forward: " + i);
        }
    }

    @Test
    void eachPressKeepsItsKeyAndPayloadAndTheUdpChecksumIsZero() {
        Pcap capture = DtmfPresses.of(KEYS, PAUSE).capture();
        String keys = KEYS.replace(" ", "");
        for (int press = 0; press < keys.length(); press++) {
            Pcap stock = DtmfPresses.stock(DtmfPresses.STOCK_CAPTURES, keys.charAt(press));
            for (int k = 0; k < 10; k++) {
                byte[] rewritten = capture.packets().get(press * 10 + k).frame();
                byte[] original = stock.packets().get(k).frame();
                int rtp = Pcap.rtpOffset(rewritten);
                assertArrayEquals(Arrays.copyOfRange(original, rtp + 12, original.length),
                        Arrays.copyOfRange(rewritten, rtp + 12, rewritten.length), "payload of press " + press);
                assertArrayEquals(Arrays.copyOf(original, Pcap.udpOffset(original) + 6),
                        Arrays.copyOf(rewritten, Pcap.udpOffset(rewritten) + 6), "Ethernet, IP, UDP ports and length");
                assertEquals(0, Pcap.u16(rewritten, Pcap.udpOffset(rewritten) + 6), "UDP checksum");
                assertEquals(eventCode(keys.charAt(press)), rewritten[rtp + 12], "the event is the key's");
            }
        }
    }

    @Test
    void pausesAreInTheCaptureTimesBecauseSippPlaysWithTheRecordedGaps() {
        DtmfPresses presses = DtmfPresses.of("1 2", Duration.ofMillis(800)).then('#', Duration.ofSeconds(2));
        List<Rtp> packets = rtp(presses.capture());
        long pressLength = packets.get(9).micros() - packets.get(0).micros();
        assertEquals(0, packets.get(0).micros());
        // each pause runs from a press's last packet to the next one's first
        assertEquals(packets.get(9).micros() + 800_000, packets.get(10).micros());
        assertEquals(packets.get(19).micros() + 2_000_000, packets.get(20).micros());
        assertEquals(Duration.ofNanos(1000 * packets.get(29).micros()), presses.length());
        // the RTP clock follows the time that passed: 8 samples a millisecond
        assertEquals((pressLength + 800_000) * 8 / 1000, packets.get(10).timestamp() - packets.get(0).timestamp());
        assertEquals("12#", presses.keys());
    }

    @Test
    void pausesWrittenInTheKeysApplyToTheKeyAfterThem() {
        DtmfPresses parsed = DtmfPresses.parse("5 +3000 1 +400 0 2", Duration.ofMillis(700));
        DtmfPresses built = DtmfPresses.of("5", Duration.ZERO).then('1', Duration.ofSeconds(3))
                .then('0', Duration.ofMillis(400)).then('2', Duration.ofMillis(700));
        assertEquals(built.presses(), parsed.presses());
        assertEquals("5102", parsed.keys());
    }

    @Test
    void aLaterPartOfTheCallsKeysIsNewerThanEveryEarlierPart() {
        // a caller's menu keys (part 0) and, minutes later, their survey keys (part 1) as two captures
        List<Rtp> menu = rtp(DtmfPresses.of("9 3 7", PAUSE).capture());
        List<Rtp> survey = rtp(DtmfPresses.of("0 5", PAUSE).part(1).capture());
        Rtp lastOfMenu = menu.get(menu.size() - 1);
        Rtp firstOfSurvey = survey.get(0);
        assertTrue(firstOfSurvey.sequence() > lastOfMenu.sequence(), lastOfMenu + " -> " + firstOfSurvey);
        assertTrue(firstOfSurvey.timestamp() > lastOfMenu.timestamp() + lastOfMenu.duration(),
                lastOfMenu + " -> " + firstOfSurvey);
        assertEquals(menu.get(0).ssrc(), firstOfSurvey.ssrc(), "one stream");
        assertEquals(survey.get(9).sequence() + 1, survey.get(10).sequence(), "within a part the stream carries on");
    }

    @Test
    void theWrittenCaptureReadsBackAsBuilt(@TempDir Path dir) throws IOException {
        DtmfPresses presses = DtmfPresses.of("9#*0", PAUSE);
        Path file = presses.write(dir.resolve("call/presses.pcap"));
        Pcap back = Pcap.read(file);
        Pcap built = presses.capture();
        assertEquals(built.packets().size(), back.packets().size());
        for (int i = 0; i < built.packets().size(); i++) {
            assertArrayEquals(built.packets().get(i).frame(), back.packets().get(i).frame());
            assertEquals(built.packets().get(i).fraction(), back.packets().get(i).fraction());
        }
    }

    @Test
    void keysWithoutACaptureAndEmptySequencesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DtmfPresses.of("1A", PAUSE));
        assertThrows(IllegalArgumentException.class, () -> DtmfPresses.of("  ", PAUSE));
        assertThrows(IllegalArgumentException.class, () -> DtmfPresses.of("1", PAUSE).then('2', Duration.ofMillis(-1)));
    }

    @Test
    void aMissingStockCaptureFailsLoudly(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DtmfPresses.of("1", PAUSE).capture(empty));
        assertTrue(e.getMessage().contains("dtmf_2833_1.pcap"), e.getMessage());
    }

    private static byte eventCode(char key) {
        return (byte) switch (key) {
            case '*' -> 10;
            case '#' -> 11;
            default -> key - '0';
        };
    }

    private record Rtp(int sequence, long timestamp, long ssrc, int duration, long micros) {
    }

    private static List<Rtp> rtp(Pcap pcap) {
        return pcap.packets().stream().map(p -> {
            byte[] f = p.frame();
            int at = Pcap.rtpOffset(f);
            return new Rtp(Pcap.u16(f, at + 2), Pcap.u32(f, at + 4), Pcap.u32(f, at + 8), Pcap.u16(f, at + 14),
                    p.seconds() * 1_000_000 + p.fraction() * 1_000_000 / pcap.fractionsPerSecond());
        }).toList();
    }
}

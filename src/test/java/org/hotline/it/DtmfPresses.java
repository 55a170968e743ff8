package org.hotline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys one caller presses, with the pauses between them, as one RFC 4733 capture for SIPp's
 * {@code <exec play_pcap_audio="presses.pcap"/>} (scenario {@code caller-dtmf.xml}).
 *
 * <p>Why not play SIPp's stock captures ({@code /usr/share/sip-tester/dtmf_2833_*.pcap}) one by one:
 * each carries fixed RTP sequence numbers and timestamps, and Asterisk drops a telephone-event
 * packet that is not newer than the last one it saw on the call. A repeated key, or a key whose
 * file happens to carry lower numbers (5 after 7, 9 after #, anything after 0), is silently lost.
 * So each press is taken from the stock capture of its key and rewritten to continue the call's
 * one RTP stream: sequence numbers carry on from the previous press, the RTP timestamp advances
 * with the time that passed, the SSRC stays the first press's. The UDP checksum is zeroed ("none")
 * as the old one no longer matches. The capture's own packet times carry the pauses, since SIPp
 * plays a capture with the gaps it was recorded with.
 */
final class DtmfPresses {

    /** Where the sandbox root keeps SIPp's captures. */
    static final Path STOCK_CAPTURES = Path.of(System.getenv().getOrDefault("HOTLINE_SANDBOX_ROOT",
            "/var/cache/hotline/root"), "usr/share/sip-tester");

    /** RFC 4733 events run on an 8 kHz clock for the PCMU call the scenarios offer. */
    private static final long SAMPLES_PER_SECOND = 8000;
    /** One 20 ms frame of that clock: the least a new event's timestamp moves past the last one's end. */
    private static final long FRAME_SAMPLES = 160;
    /** Where the call's stream starts; well away from wrapping either counter. */
    private static final int FIRST_SEQUENCE = 1000;
    private static final long FIRST_TIMESTAMP = 8000;
    /**
     * How far each later part of a call's keys starts beyond the previous one (see {@link #part}):
     * more sequence numbers than a part's presses use, and the RTP timestamps of over two hours.
     */
    private static final int PART_SEQUENCES = 10_000;
    private static final long PART_SAMPLES = 60_000_000;

    /** One key and the silence before it (after the previous key's last packet; before the first key: none). */
    record Press(char key, Duration pauseBefore) {

        Press {
            stockName(key);
            if (pauseBefore.isNegative()) {
                throw new IllegalArgumentException("negative pause before " + key + ": " + pauseBefore);
            }
        }
    }

    private final List<Press> presses;
    private final int firstSequence;
    private final long firstTimestamp;

    private DtmfPresses(List<Press> presses) {
        this(presses, 0);
    }

    private DtmfPresses(List<Press> presses, int part) {
        if (presses.isEmpty()) {
            throw new IllegalArgumentException("no keys to press");
        }
        if (part < 0 || part > 5) {
            throw new IllegalArgumentException("a call's keys come in parts 0..5, not " + part);
        }
        this.presses = List.copyOf(presses);
        this.firstSequence = FIRST_SEQUENCE + part * PART_SEQUENCES;
        this.firstTimestamp = FIRST_TIMESTAMP + part * PART_SAMPLES;
    }

    /**
     * These presses as part {@code n} of a call whose keys are played as several captures, one
     * after the other (the menu's keys, later the survey's): each part's sequence numbers and
     * timestamps lie beyond every earlier part's, so Asterisk takes each as newer. Part 0 is
     * what {@link #of} gives.
     */
    DtmfPresses part(int n) {
        return new DtmfPresses(presses, n);
    }

    /**
     * Keys such as {@code "1 4 7 1 1 5 # 9"} (spaces optional; 0-9, * and #, the keys SIPp ships
     * captures for), each {@code pause} after the previous one ended.
     */
    static DtmfPresses of(String keys, Duration pause) {
        List<Press> list = new ArrayList<>();
        for (char c : keys.toCharArray()) {
            if (!Character.isWhitespace(c)) {
                list.add(new Press(c, list.isEmpty() ? Duration.ZERO : pause));
            }
        }
        return new DtmfPresses(list);
    }

    /** These presses, then {@code key} after {@code pauseBefore} of silence. */
    DtmfPresses then(char key, Duration pauseBefore) {
        List<Press> list = new ArrayList<>(presses);
        list.add(new Press(key, pauseBefore));
        return new DtmfPresses(list, (firstSequence - FIRST_SEQUENCE) / PART_SEQUENCES);
    }

    List<Press> presses() {
        return presses;
    }

    /** The keys in order, as Asterisk should report them, e.g. {@code 147115#9}. */
    String keys() {
        StringBuilder sb = new StringBuilder();
        presses.forEach(p -> sb.append(p.key()));
        return sb.toString();
    }

    /** The capture built from the stock captures under {@link #STOCK_CAPTURES}. */
    Pcap capture() {
        return capture(STOCK_CAPTURES);
    }

    /** The rewritten capture of every press in order, built from the stock captures in {@code stockDir}. */
    Pcap capture(Path stockDir) {
        Pcap first = null;
        List<Pcap.Packet> out = new ArrayList<>();
        int nextSequence = firstSequence;
        long ssrc = 0;
        long previousEventEnd = Long.MIN_VALUE;   // RTP timestamp where the last event ended
        long previousStartMicros = 0;              // capture time of the last press's first packet
        long previousEventStart = 0;
        long clockMicros = 0;                      // capture time where the next press may start
        for (Press press : presses) {
            Pcap stock = stock(stockDir, press.key());
            if (first == null) {
                first = stock;
                ssrc = Pcap.u32(stock.packets().get(0).frame(), Pcap.rtpOffset(stock.packets().get(0).frame()) + 8);
            }
            long startMicros = clockMicros + micros(press.pauseBefore());
            // the event's timestamp follows the time that passed, and never lands inside the last event
            long eventStart = out.isEmpty() ? firstTimestamp
                    : Math.max(previousEventStart + (startMicros - previousStartMicros) * SAMPLES_PER_SECOND / 1_000_000,
                            previousEventEnd + FRAME_SAMPLES);
            List<Pcap.Packet> packets = stock.packets();
            byte[] firstFrame = packets.get(0).frame();
            int firstRtp = Pcap.rtpOffset(firstFrame);
            int stockFirstSequence = Pcap.u16(firstFrame, firstRtp + 2);
            long stockFirstTimestamp = Pcap.u32(firstFrame, firstRtp + 4);
            long stockFirstMicros = microsOf(stock, packets.get(0));
            int highestSequence = nextSequence;
            long lastMicros = startMicros;
            long eventEnd = eventStart;
            for (Pcap.Packet packet : packets) {
                byte[] frame = packet.frame();
                int udp = Pcap.udpOffset(frame);
                int rtp = Pcap.rtpOffset(frame);
                int sequence = (nextSequence + Pcap.u16(frame, rtp + 2) - stockFirstSequence) & 0xffff;
                long timestamp = (eventStart + Pcap.u32(frame, rtp + 4) - stockFirstTimestamp) & 0xffffffffL;
                Pcap.put16(frame, rtp + 2, sequence);
                Pcap.put32(frame, rtp + 4, timestamp);
                Pcap.put32(frame, rtp + 8, ssrc);
                Pcap.put16(frame, udp + 6, 0);   // UDP checksum: none (IPv4 allows it; SIPp sets its own)
                // the end of the event: its timestamp plus the duration in the telephone-event payload
                if (frame.length >= rtp + 16) {
                    eventEnd = Math.max(eventEnd, timestamp + Pcap.u16(frame, rtp + 14));
                }
                highestSequence = Math.max(highestSequence, sequence);
                long at = startMicros + microsOf(stock, packet) - stockFirstMicros;
                lastMicros = Math.max(lastMicros, at);
                out.add(toTime(first, packet.withFrame(frame), at));
            }
            nextSequence = (highestSequence + 1) & 0xffff;
            previousEventEnd = eventEnd;
            previousEventStart = eventStart;
            previousStartMicros = startMicros;
            clockMicros = lastMicros;
        }
        return first.withPackets(out);
    }

    /** How long SIPp takes to play the capture: from its first packet to its last. */
    Duration length() {
        Pcap capture = capture();
        List<Pcap.Packet> packets = capture.packets();
        return Duration.ofNanos(1000 * microsOf(capture, packets.get(packets.size() - 1)));
    }

    /** Writes the capture to {@code file} (SIPp reads it when it loads the scenario). */
    Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            capture().write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DtmfPresses" + presses;
    }

    /** The stock capture of one key; a missing one fails loudly: the sandbox root is not as expected. */
    static Pcap stock(Path stockDir, char key) {
        Path file = stockDir.resolve("dtmf_2833_" + stockName(key) + ".pcap");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("SIPp's DTMF capture " + file + " is missing: is the sandbox root built"
                    + " (scripts/sandbox up) with Debian's sip-tester package?");
        }
        try {
            Pcap pcap = Pcap.read(file);
            if (pcap.packets().isEmpty()) {
                throw new IllegalStateException(file + " holds no packets");
            }
            return pcap;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String stockName(char key) {
        return switch (key) {
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> String.valueOf(key);
            case '*' -> "star";
            case '#' -> "pound";
            default -> throw new IllegalArgumentException("no DTMF capture for key '" + key
                    + "': SIPp ships 0-9, * and #");
        };
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static long microsOf(Pcap pcap, Pcap.Packet p) {
        return p.seconds() * 1_000_000 + p.fraction() * 1_000_000 / pcap.fractionsPerSecond();
    }

    /** The packet at {@code micros} from the capture's start (the capture starts at time 0). */
    private static Pcap.Packet toTime(Pcap format, Pcap.Packet p, long micros) {
        long perSecond = format.fractionsPerSecond();
        return p.withTime(micros / 1_000_000, (micros % 1_000_000) * perSecond / 1_000_000);
    }

    /**
     * Writes the capture for a SIPp run (a manual one, or {@code scripts/demo}'s callers):
     * {@code DtmfPresses FILE KEYS [PAUSE_MS [PART]]}. KEYS are keys with optional pauses before
     * a key as {@code +MS}, e.g. {@code "5 +3000 1 +400 0 +3000 2"}; a key without one follows
     * PAUSE_MS (default 300) after the previous key. PART (default 0) is {@link #part}.
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: DtmfPresses FILE.pcap \"1 +2000 4 7 #\" [pause-ms, default 300 [part 0..5, default 0]]");
            System.exit(2);
        }
        Duration pause = Duration.ofMillis(args.length >= 3 ? Long.parseLong(args[2]) : 300);
        DtmfPresses presses = parse(args[1], pause).part(args.length == 4 ? Integer.parseInt(args[3]) : 0);
        presses.write(Path.of(args[0]));
        System.out.println(args[0] + ": " + presses.keys() + ", plays for " + presses.length().toMillis() + " ms");
    }

    /** Keys with optional {@code +MS} pauses before a key (see {@link #main}). */
    static DtmfPresses parse(String keys, Duration defaultPause) {
        List<Press> list = new ArrayList<>();
        Duration next = null;
        for (String token : keys.trim().split("\\s+")) {
            if (token.startsWith("+")) {
                next = Duration.ofMillis(Long.parseLong(token.substring(1)));
                continue;
            }
            for (char c : token.toCharArray()) {
                Duration before = list.isEmpty() ? Duration.ZERO : next != null ? next : defaultPause;
                list.add(new Press(c, before));
                next = null;
            }
        }
        return new DtmfPresses(list);
    }
}

package org.hotline.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One SIPp caller who presses keys ({@code src/test/sipp/caller-dtmf.xml}): dials a number, and
 * after the answer plays its own {@link DtmfPresses} capture, then holds and hangs up.
 *
 * <p>Every call is its own SIPp run with its own directory, holding a copy of the scenario and the
 * call's {@code presses.pcap} beside it: SIPp reads the capture by a fixed name when it loads the
 * scenario, and {@code scripts/sandbox sipp} copies the captures next to a scenario into the run.
 * Runs on different ports can go side by side.
 *
 * <pre>{@code
 * try (DtmfCaller call = DtmfCaller.call("5551234", "5000", DtmfPresses.of("1 4 #", Duration.ofMillis(300)),
 *         Duration.ofSeconds(5))) {
 *     call.awaitSuccess(Duration.ofSeconds(60));
 * }
 * }</pre>
 */
final class DtmfCaller implements AutoCloseable {

    /** The callers' port least used by the other tests (the "pstn" endpoint takes 5070..5079). */
    static final int DEFAULT_PORT = 5079;
    static final Duration DEFAULT_PRESS_AFTER = Duration.ofSeconds(1);
    /** SIPp plays the capture on its own thread: the hold starts once it surely ended. */
    private static final Duration PLAY_MARGIN = Duration.ofMillis(300);
    private static final String SCENARIO = "caller-dtmf.xml";

    private final String name;
    private final Path dir;
    private final Process process;
    private final Path log;

    private DtmfCaller(String name, Path dir, Process process, Path log) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.log = log;
    }

    /**
     * {@code caller} calls {@code number} from port {@link #DEFAULT_PORT}, presses the keys a second
     * after the answer, then holds {@code hold} and hangs up; {@link Duration#ZERO} holds until
     * Asterisk hangs up.
     */
    static DtmfCaller call(String caller, String number, DtmfPresses presses, Duration hold) {
        return call(DEFAULT_PORT, caller, number, presses, DEFAULT_PRESS_AFTER, hold);
    }

    /** As {@link #call(String, String, DtmfPresses, Duration)}, from {@code sipPort} (5070..5079), the keys {@code pressAfter} the answer. */
    static DtmfCaller call(int sipPort, String caller, String number, DtmfPresses presses, Duration pressAfter,
            Duration hold) {
        if (sipPort < 5070 || sipPort > 5079) {
            throw new IllegalArgumentException("Asterisk knows callers by source port 5070..5079, not " + sipPort);
        }
        Sipp.awaitFree(sipPort);
        try {
            Path dir = Files.createTempDirectory("hotline-dtmf-" + caller + "-");
            Files.copy(Sandbox.SCENARIOS.resolve(SCENARIO), dir.resolve(SCENARIO));
            presses.write(dir.resolve("presses.pcap"));
            // a caller on 507K takes its media ports from 3K000 (see caller.xml)
            int mediaPort = 30000 + (sipPort - 5070) * 1000;
            List<String> command = new ArrayList<>(List.of(Sandbox.SCRIPT.toString(), "sipp",
                    "-sf", dir.resolve(SCENARIO).toString(), "-i", "127.0.0.1", "-p", String.valueOf(sipPort),
                    "-mp", String.valueOf(mediaPort), "-s", number, "-m", "1",
                    "-set", "caller", caller,
                    "-set", "press_after_ms", String.valueOf(Math.max(1, pressAfter.toMillis())),
                    "-set", "presses_ms", String.valueOf(presses.length().plus(PLAY_MARGIN).toMillis()),
                    "-set", "hold_ms", String.valueOf(hold.toMillis()),
                    "-trace_err", "-nostdin", "127.0.0.1:5060"));
            Path log = dir.resolve("run.log");
            // the run's working directory is the call's: SIPp's error log comes back there, not into the project
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new DtmfCaller("caller " + caller + " -> " + number + " pressing " + presses.keys(), dir, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DTMF caller " + caller, e);
        }
    }

    /** Waits for the call to end and fails the test unless SIPp reports it successful. */
    void awaitSuccess(Duration timeout) {
        Sipp.awaitSuccess(process, name, timeout, this::output);
    }

    /** SIPp's screen output and its error log, the end of each. */
    String output() {
        StringBuilder sb = new StringBuilder();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*_errors.log")) {
            for (Path f : files) {
                sb.append(tail(f)).append('\n');
            }
        } catch (IOException e) {
            sb.append("(no error log: ").append(e.getMessage()).append(")\n");
        }
        return sb.append(tail(log)).toString();
    }

    private static String tail(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            Sipp.stop(process);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}

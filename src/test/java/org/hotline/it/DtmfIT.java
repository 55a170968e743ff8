package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real RFC 4733 keys through the sandbox's Asterisk: a SIPp caller plays its {@link DtmfPresses}
 * capture to the DTMF probe (extension 5995 in config/asterisk/extensions.conf), which logs what
 * Asterisk received under the caller's number in messages.log.
 *
 * <p>The keys are the ones SIPp's stock captures lose when played as shipped: a repeated key
 * (1 1), a key whose capture carries lower RTP numbers than the one before (5 after 7, 9 after #)
 * and 0, whose capture carries the highest.
 */
class DtmfIT {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("HOTLINE_SANDBOX_ROOT", "/var/cache/hotline/root"));
    private static final Path MESSAGES = ROOT.resolve("var/log/asterisk/messages.log");
    private static final Path EXTENSIONS = Sandbox.PROJECT.resolve("config/asterisk/extensions.conf");
    private static final String PROBE = "5995";

    @BeforeAll
    static void sandboxIsUpWithTheProbe() {
        Sandbox.requireUp();
        installProbe();
    }

    @Test
    void everyKeyArrivesInOrderRepeatedAndLowerNumberedOnesIncluded() {
        DtmfPresses presses = DtmfPresses.of("1 4 7 1 1 5 # 9 0", Duration.ofMillis(300));
        String caller = uniqueCaller();

        // the probe hangs up 4 s after the last key: the caller holds until then
        try (DtmfCaller call = DtmfCaller.call(caller, PROBE, presses, Duration.ZERO)) {
            call.awaitSuccess(Duration.ofSeconds(60));
        }

        String received = Poll.until("the probe's log line for caller " + caller, Duration.ofSeconds(10),
                () -> probeReport(caller));
        assertEquals("147115#90", received, "the keys Asterisk received, in order");
    }

    @Test
    void aLongPauseAndTwoCallsInARowEachGetTheirOwnKeys() {
        // a second call starts its own stream: nothing carries over from the first one
        String first = uniqueCaller();
        try (DtmfCaller call = DtmfCaller.call(first, PROBE,
                DtmfPresses.of("9", Duration.ZERO).then('9', Duration.ofMillis(2500)).then('*', Duration.ofMillis(200)),
                Duration.ZERO)) {
            call.awaitSuccess(Duration.ofSeconds(60));
        }
        String second = uniqueCaller();
        try (DtmfCaller call = DtmfCaller.call(second, PROBE, DtmfPresses.of("0 0 #", Duration.ofMillis(200)),
                Duration.ZERO)) {
            call.awaitSuccess(Duration.ofSeconds(60));
        }
        assertEquals("99*", Poll.until("probe report of " + first, Duration.ofSeconds(10), () -> probeReport(first)));
        assertEquals("00#", Poll.until("probe report of " + second, Duration.ofSeconds(10), () -> probeReport(second)));
    }

    /** A number no earlier run used, so that the log line found is this run's. */
    private static String uniqueCaller() {
        Poll.pause(Duration.ofMillis(2));
        return "59" + String.format("%08d", System.currentTimeMillis() % 100_000_000L);
    }

    /** The keys the probe logged for {@code caller}, or null while it has not. */
    private static String probeReport(String caller) {
        Pattern line = Pattern.compile("Hotline DTMF probe: caller " + caller + " pressed \\[([0-9*#A-D]*)\\]");
        try {
            String log = Files.readString(MESSAGES, StandardCharsets.ISO_8859_1);
            Matcher m = line.matcher(log);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Asterisk's " + MESSAGES, e);
        }
    }

    /**
     * The probe as this checkout's extensions.conf defines it. The sandbox's Asterisk may run the
     * configuration of another checkout, or an older one (it reads its files at start), so the
     * probe's lines are added at run time when the running dialplan lacks them; nothing else changes.
     */
    private static void installProbe() {
        List<String> apps = probeApplications();
        String shown = Sandbox.run("asterisk", "-rx", "dialplan show " + PROBE + "@hotline").output();
        if (apps.stream().allMatch(shown::contains)) {
            return;
        }
        for (int i = 0; i < apps.size(); i++) {
            String app = apps.get(i);
            if (app.contains("\"")) {
                fail("the probe's line cannot be added over the CLI (it holds a double quote): " + app);
            }
            Sandbox.asterisk("dialplan add extension \"" + PROBE + "," + (i + 1) + "," + app + "\" into hotline replace");
        }
        String now = Sandbox.asterisk("dialplan show " + PROBE + "@hotline");
        assertTrue(apps.stream().allMatch(now::contains), "the probe is in the running dialplan:\n" + now);
    }

    /** The applications of extension 5995 in context hotline, in priority order. */
    private static List<String> probeApplications() {
        List<String> apps = new ArrayList<>();
        String context = "";
        boolean inProbe = false;
        try {
            for (String raw : Files.readAllLines(EXTENSIONS, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[")) {
                    context = line.substring(1, line.indexOf(']'));
                    inProbe = false;
                } else if (line.startsWith("exten =>")) {
                    String[] parts = line.substring("exten =>".length()).strip().split(",", 3);
                    inProbe = context.equals("hotline") && parts[0].equals(PROBE);
                    if (inProbe) {
                        apps.add(parts[2]);
                    }
                } else if (inProbe && line.startsWith("same => n,")) {
                    apps.add(line.substring("same => n,".length()));
                } else if (!line.isEmpty() && !line.startsWith(";")) {
                    inProbe = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EXTENSIONS, e);
        }
        if (apps.isEmpty()) {
            fail("no extension " + PROBE + " in context hotline of " + EXTENSIONS);
        }
        return apps;
    }
}

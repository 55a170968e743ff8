package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hotline.call.TelephonyEvent;
import org.hotline.call.TelephonyEvent.DeviceStateChanged;
import org.hotline.call.TelephonyEvent.ManagerConnectionChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the sandbox's real Asterisk 22 (scripts/sandbox up): AMI on 127.0.0.1:5038 as hotline/hotline,
 * PJSIP endpoints 1001.. from config/asterisk/pjsip.conf. Fails, never skips, when Asterisk is not there.
 */
class AmiClientIT {

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(20);
    private static final Duration RESTART_WAIT = Duration.ofSeconds(90);

    private final BlockingQueue<TelephonyEvent> events = new LinkedBlockingQueue<>();
    private AmiClient client;

    @BeforeEach
    void connect() throws InterruptedException {
        AmiOptions options = AmiOptions.builder()
                .host(System.getProperty("hotline.ami.host", AmiOptions.DEFAULT_HOST))
                .port(Integer.getInteger("hotline.ami.port", AmiOptions.DEFAULT_PORT))
                .username("hotline").secret("ami-sandbox-5f3c9e21")
                .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(3))
                .reconnectMax(Duration.ofSeconds(2))
                .build();
        client = AmiClient.create(options, Clock.systemUTC(), events::add);
        client.start();
        awaitConnection(true, CONNECT_WAIT, "is the sandbox up? (scripts/sandbox up)");
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void resyncPublishesThePjsipDevicesAndPingRoundTrips() throws Exception {
        // the resync's events came before ManagerConnectionChanged(true): they are in seenBeforeConnected
        assertTrue(seenBeforeConnected.stream().anyMatch(e -> e instanceof DeviceStateChanged d
                && d.device().equals("PJSIP/1001")), "no PJSIP/1001 device state in resync: " + seenBeforeConnected);

        AmiMessage pong = client.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
        assertEquals("Pong", pong.value("Ping"));
        List<AmiMessage> channels = client.sendList(AmiAction.of("CoreShowChannels")).get(10, TimeUnit.SECONDS);
        assertTrue(channels.stream().allMatch(m -> "CoreShowChannel".equals(m.eventName())), channels.toString());
        assertTrue(client.status().startsWith("connected to 127.0.0.1:5038 as hotline"), client.status());
    }

    @Test
    void reconnectsAndResyncsAfterAsteriskRestarts() throws Exception {
        String out = sandbox("asterisk", "-rx", "core restart now");

        ManagerConnectionChanged down = awaitConnection(false, Duration.ofSeconds(15), "restart output: " + out);
        assertTrue(!down.detail().isBlank());
        awaitConnection(true, RESTART_WAIT, "Asterisk did not come back, or Hotline did not reconnect");
        assertTrue(seenBeforeConnected.stream().anyMatch(e -> e instanceof DeviceStateChanged d
                && d.device().equals("PJSIP/1001")), "no resync after restart: " + seenBeforeConnected);
        assertEquals("Pong", client.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS).value("Ping"));
    }

    private final List<TelephonyEvent> seenBeforeConnected = new ArrayList<>();

    /** Waits for the next connection change to {@code up}, keeping what came before it. */
    private ManagerConnectionChanged awaitConnection(boolean up, Duration within, String hint) throws InterruptedException {
        seenBeforeConnected.clear();
        Predicate<TelephonyEvent> match = e -> e instanceof ManagerConnectionChanged c && c.connected() == up;
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            TelephonyEvent e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && match.test(e)) {
                return (ManagerConnectionChanged) e;
            }
            if (e != null) {
                seenBeforeConnected.add(e);
            }
        }
        throw new AssertionError("AMI connected=" + up + " not reached within " + within + ": " + client.status()
                + "; " + hint);
    }

    private static String sandbox(String... args) throws IOException, InterruptedException {
        Path script = Path.of("scripts", "sandbox").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new AssertionError("no sandbox script at " + script);
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}

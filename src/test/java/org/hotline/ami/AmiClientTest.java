package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hotline.call.TelephonyEvent;
import org.hotline.call.TelephonyEvent.ChannelCreated;
import org.hotline.call.TelephonyEvent.DeviceState;
import org.hotline.call.TelephonyEvent.DeviceStateChanged;
import org.hotline.call.TelephonyEvent.HungUp;
import org.hotline.call.TelephonyEvent.ManagerConnectionChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmiClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private final BlockingQueue<TelephonyEvent> events = new LinkedBlockingQueue<>();
    private FakeAmiServer server;
    private AmiClient client;

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeAmiServer().start();
        server.devices.add("PJSIP/1001=NOT_INUSE");
        server.devices.add("PJSIP/1002=INUSE");
        server.channels.add(new String[] {"PJSIP/1002-00000001", "1700000000.1", "6", "Up"});
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private AmiOptions.Builder options() {
        return AmiOptions.builder().port(server.port()).username("hotline").secret("hotline")
                .actionTimeout(Duration.ofSeconds(2)).reconnectMin(Duration.ofMillis(50))
                .reconnectMax(Duration.ofMillis(200)).loginRetryDelay(Duration.ofMillis(400));
    }

    private void startClient(AmiOptions options) {
        client = AmiClient.create(options, CLOCK, events::add);
        client.start();
    }

    /** The next event matching {@code p}, skipping others; fails after {@link #WAIT}. */
    private <T extends TelephonyEvent> T next(Class<T> type, Predicate<T> p) throws InterruptedException {
        List<TelephonyEvent> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            TelephonyEvent e = events.poll(left, TimeUnit.NANOSECONDS);
            if (type.isInstance(e) && p.test(type.cast(e))) {
                return type.cast(e);
            }
            if (e != null) {
                skipped.add(e);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + WAIT + "; saw " + skipped);
    }

    private ManagerConnectionChanged nextConnection(boolean up) throws InterruptedException {
        return next(ManagerConnectionChanged.class, e -> e.connected() == up);
    }

    @Test
    void logsInResyncsThenReportsConnected() throws Exception {
        startClient(options().build());

        List<TelephonyEvent> seen = new ArrayList<>();
        TelephonyEvent e;
        do {
            e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "no ManagerConnectionChanged; saw " + seen);
            seen.add(e);
        } while (!(e instanceof ManagerConnectionChanged));

        assertTrue(((ManagerConnectionChanged) e).connected(), seen.toString());
        assertTrue(seen.contains(new DeviceStateChanged(CLOCK.instant(), "PJSIP/1001", DeviceState.NOT_INUSE)), seen.toString());
        assertTrue(seen.contains(new DeviceStateChanged(CLOCK.instant(), "PJSIP/1002", DeviceState.INUSE)), seen.toString());
        assertTrue(seen.contains(new ChannelCreated(CLOCK.instant(), "PJSIP/1002-00000001", "1700000000.1",
                "1700000000.1", "5551234")), seen.toString());
        assertTrue(seen.contains(new TelephonyEvent.ChannelStateChanged(CLOCK.instant(), "PJSIP/1002-00000001",
                "1700000000.1", TelephonyEvent.ChannelState.UP)), seen.toString());
        assertTrue(client.isConnected());
        assertTrue(client.status().startsWith("connected to 127.0.0.1:" + server.port() + " as hotline"), client.status());
        AmiMessage login = server.nextAction("Login", WAIT);
        assertEquals("on", login.value("Events"));
        // only the events Hotline uses; this fake answers Filter with an error, and the client goes on
        AmiMessage filter = server.nextAction("Filter", WAIT);
        assertEquals("Add", filter.value("Operation"));
        assertEquals(AmiEventTranslator.eventFilter(), filter.value("Filter"));
    }

    @Test
    void correlatesResponsesThatArriveOutOfOrder() throws Exception {
        startClient(options().build());
        nextConnection(true);

        List<CompletableFuture<AmiMessage>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(client.send(AmiAction.of("Hold").with("Value", "v" + i)));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("v" + i, futures.get(i).get(5, TimeUnit.SECONDS).value("Value"));
        }
        AmiMessage pong = client.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
        assertEquals("Pong", pong.value("Ping"));
    }

    @Test
    void errorResponseFailsTheFutureWithAsterisksMessage() throws Exception {
        startClient(options().build());
        nextConnection(true);

        ExecutionException ex = assertThrows(ExecutionException.class,
                () -> client.send(AmiAction.of("NoSuchAction")).get(5, TimeUnit.SECONDS));
        AmiException.ActionFailed failed = assertInstanceOf(AmiException.ActionFailed.class, ex.getCause());
        assertTrue(failed.getMessage().contains("Invalid/unknown command"), failed.getMessage());
    }

    @Test
    void listActionCollectsItsEventsAndLetsLiveEventsThrough() throws Exception {
        startClient(options().build());
        nextConnection(true);

        List<AmiMessage> contacts = client.sendList(AmiAction.of("PJSIPShowContacts")).get(5, TimeUnit.SECONDS);

        assertEquals(List.of("1001", "1002"), contacts.stream().map(m -> m.value("Endpoint")).toList());
        next(TelephonyEvent.ChannelStateChanged.class, e -> e.uniqueId().equals("1.2"));
    }

    @Test
    void liveEventsAreTranslatedAndUnknownOnesIgnored() throws Exception {
        startClient(options().build());
        nextConnection(true);

        server.emit("Event", "VarSet", "Channel", "PJSIP/1001-00000009", "Variable", "X", "Value", "1");
        server.emit("Event", "Hangup", "Channel", "PJSIP/1002-00000001", "Uniqueid", "1700000000.1",
                "Cause", "16", "Cause-txt", "Normal Clearing");

        HungUp h = next(HungUp.class, x -> true);
        assertEquals(new HungUp(CLOCK.instant(), "PJSIP/1002-00000001", "1700000000.1", 16, "Normal Clearing"), h);
    }

    @Test
    void sendBeforeConnectedFailsAtOnce() {
        client = AmiClient.create(options().build(), CLOCK, events::add);
        CompletableFuture<AmiMessage> f = client.send(AmiAction.of("Ping"));
        ExecutionException ex = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        assertInstanceOf(AmiException.NotConnected.class, ex.getCause());
    }

    @Test
    void refusedLoginIsRetriedSlowlyNotHammered() throws Exception {
        server.secret = "other";
        startClient(options().build());

        assertNotNull(server.nextAction("Login", WAIT));
        long first = System.nanoTime();
        ManagerConnectionChanged down = nextConnection(false);
        assertTrue(down.detail().contains("login refused: Authentication failed"), down.detail());
        assertNotNull(server.nextAction("Login", WAIT), "no second login attempt");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        assertTrue(gapMs >= 350, "retried after " + gapMs + " ms, expected the 400 ms login retry delay");
        assertFalse(client.isConnected());
        assertTrue(client.status().contains("login refused"), client.status());

        server.secret = "hotline";
        nextConnection(true);
    }

    @Test
    void missedPongReconnectsAndResyncs() throws Exception {
        startClient(options().pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(200)).build());
        nextConnection(true);
        assertNotNull(server.nextAction("Ping", WAIT));

        server.answerPings = false;
        ManagerConnectionChanged down = nextConnection(false);
        assertTrue(down.detail().contains("no pong within 200 ms"), down.detail());
        assertFalse(client.isConnected());

        server.answerPings = true;
        nextConnection(true);
        assertNotNull(server.nextAction("DeviceStateList", WAIT), "no resync after reconnect");
        assertTrue(client.isConnected());
    }

    @Test
    void serverRestartFailsPendingActionsThenReconnectsAndResyncs() throws Exception {
        startClient(options().build());
        nextConnection(true);
        CompletableFuture<AmiMessage> held = client.send(AmiAction.of("Hold").with("Value", "never"));
        assertNotNull(server.nextAction("Hold", WAIT));

        server.stop();
        ExecutionException ex = assertThrows(ExecutionException.class, () -> held.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AmiException.NotConnected.class, ex.getCause());
        assertTrue(ex.getCause().getMessage().contains("Hold"), ex.getCause().getMessage());
        nextConnection(false);

        server.channels.clear();        // an Asterisk restart ends every call
        server.devices.set(1, "PJSIP/1002=NOT_INUSE");
        server.start();

        next(DeviceStateChanged.class, d -> d.device().equals("PJSIP/1002") && d.state() == DeviceState.NOT_INUSE);
        HungUp gone = next(HungUp.class, h -> h.uniqueId().equals("1700000000.1"));
        assertEquals(AmiResync.VANISHED_CAUSE, gone.causeText());
        nextConnection(true);
        assertEquals("Pong", client.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS).value("Ping"));
    }

    @Test
    void closeStopsReconnecting() throws Exception {
        startClient(options().build());
        nextConnection(true);
        server.received.clear();

        client.close();

        nextConnection(false);
        assertEquals("closed", client.status());
        assertFalse(client.isConnected());
        assertNull(server.nextAction("Login", Duration.ofMillis(500)), "reconnected after close");
    }
}

package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Correlation, lists, timeouts and close on an {@link EmbeddedChannel}, with Netty's fake time. */
class AmiConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<AmiMessage> events = new ArrayList<>();
    private final AmiConnection conn = new AmiConnection(events::add);
    private final EmbeddedChannel ch = new EmbeddedChannel(conn);

    @AfterEach
    void finish() {
        ch.finishAndReleaseAll();
    }

    private AmiAction sent() {
        return ch.readOutbound();
    }

    private static <T> Throwable failure(CompletableFuture<T> f) {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        return e.getCause();
    }

    @Test
    void bannerCompletesItsFuture() {
        ch.writeInbound(new AmiBanner("Asterisk Call Manager/11.0.0"));
        assertEquals("11.0.0", conn.banner().join().version());
    }

    @Test
    void responsesFindTheirActionsInAnyOrder() {
        CompletableFuture<AmiMessage> a = conn.send(AmiAction.of("Ping"), TIMEOUT);
        CompletableFuture<AmiMessage> b = conn.send(AmiAction.of("Status"), TIMEOUT);
        String idA = sent().actionId();
        String idB = sent().actionId();
        assertFalse(idA.equals(idB));

        ch.writeInbound(AmiMessage.of("Response", "Success", "ActionID", idB, "Message", "b"));
        ch.writeInbound(AmiMessage.of("Response", "Success", "ActionID", idA, "Ping", "Pong"));

        assertEquals("Pong", a.join().value("Ping"));
        assertEquals("b", b.join().value("Message"));
    }

    @Test
    void listCollectsItsItemsAndPassesOtherEventsOn() {
        List<AmiMessage> seen = new ArrayList<>();
        CompletableFuture<List<AmiMessage>> list = conn.sendList(AmiAction.of("DeviceStateList"), TIMEOUT, seen::add);
        String id = sent().actionId();

        ch.writeInbound(AmiMessage.of("Response", "Success", "ActionID", id, "EventList", "start"));
        ch.writeInbound(AmiMessage.of("Event", "DeviceStateChange", "ActionID", id, "Device", "PJSIP/1001", "State", "NOT_INUSE"));
        ch.writeInbound(AmiMessage.of("Event", "DeviceStateChange", "Device", "PJSIP/1002", "State", "INUSE"));
        assertFalse(list.isDone());
        ch.writeInbound(AmiMessage.of("Event", "DeviceStateListComplete", "ActionID", id, "EventList", "Complete",
                "ListItems", "1"));

        assertEquals(List.of("PJSIP/1001"), list.join().stream().map(m -> m.value("Device")).toList());
        assertEquals(list.join(), seen);
        assertEquals(List.of("PJSIP/1002"), events.stream().map(m -> m.value("Device")).toList());
    }

    @Test
    void errorResponseFailsAList() {
        CompletableFuture<List<AmiMessage>> list = conn.sendList(AmiAction.of("PJSIPShowContacts"), TIMEOUT, null);
        ch.writeInbound(AmiMessage.of("Response", "Error", "ActionID", sent().actionId(), "Message", "No Contacts found"));

        AmiException.ActionFailed e = assertInstanceOf(AmiException.ActionFailed.class, failure(list));
        assertEquals("No Contacts found", e.response().value("Message"));
    }

    @Test
    void unansweredActionTimesOutAndALateAnswerIsIgnored() {
        ch.freezeTime();
        CompletableFuture<AmiMessage> f = conn.send(AmiAction.of("Ping"), Duration.ofSeconds(5));
        String id = sent().actionId();

        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(f.isDone());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        Throwable t = failure(f);
        assertInstanceOf(AmiException.Timeout.class, t);
        assertTrue(t.getMessage().contains("Ping") && t.getMessage().contains("5000 ms"), t.getMessage());
        ch.writeInbound(AmiMessage.of("Response", "Success", "ActionID", id));
        assertTrue(events.isEmpty());
    }

    @Test
    void closeFailsPendingActionsWithTheReason() {
        CompletableFuture<AmiMessage> f = conn.send(AmiAction.of("Ping"), TIMEOUT);
        sent();

        conn.close("no pong within 5000 ms");

        Throwable t = failure(f);
        assertInstanceOf(AmiException.NotConnected.class, t);
        assertTrue(t.getMessage().contains("no pong within 5000 ms"), t.getMessage());
        assertEquals("no pong within 5000 ms", conn.closed().join());
        assertInstanceOf(AmiException.NotConnected.class, failure(conn.send(AmiAction.of("Ping"), TIMEOUT)));
    }
}

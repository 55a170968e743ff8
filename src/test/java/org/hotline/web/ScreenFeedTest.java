package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.FloorEvent;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.call.ScreenPop;
import org.hotline.metrics.AgentDayFigures;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The live sockets' messages, on Netty's embedded channels standing for browsers. */
class ScreenFeedTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(
            new Agent("1002", "Bob", "1002", List.of("support")),
            new Agent("1003", "Carol", "1003", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final LiveCalls calls = new LiveCalls();
    private final List<Duration> sent = new ArrayList<>();
    private final List<Duration> acked = new ArrayList<>();
    private final ScreenFeed feed = new ScreenFeed(new ScreenFeed.Settings("Acme", List.of("break"), List.of("resolved"),
            Map.of("support", "support"), Map.of("ringCadenceSeconds", 6.0)), roster, calls,
            new AgentDayFigures(ZoneOffset.UTC, clock), Runnable::run, new ScreenFeed.PopLatency() {
                @Override
                public void sent(Duration d) {
                    sent.add(d);
                }

                @Override
                public void acked(Duration d) {
                    acked.add(d);
                }
            }, clock);
    private final ObjectMapper json = new ObjectMapper();

    private EmbeddedChannel agentSocket(String agentId) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.attr(WebSocketGate.USER).set(new SocketUser(agentId, false, agentId));
        feed.connected(ch, LiveSocketKind.AGENT, new SocketUser(agentId, false, agentId));
        return ch;
    }

    private EmbeddedChannel boardSocket() {
        EmbeddedChannel ch = new EmbeddedChannel();
        feed.connected(ch, LiveSocketKind.BOARD, new SocketUser("sup", true, null));
        return ch;
    }

    private List<JsonNode> messages(EmbeddedChannel ch) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            TextWebSocketFrame frame = (TextWebSocketFrame) o;
            out.add(json.readTree(frame.text()));
            frame.release();
        }
        return out;
    }

    private ScreenPop pop(String callId, String agentId) {
        LiveCall call = new LiveCall(callId, "+14155550101", "support", T0, standards);
        calls.add(call);
        call.ringing(agentId, T0);
        return new ScreenPop(callId, agentId, "+14155550101", "support", T0, null, Map.of(), 20, 3.33, true,
                "Thank you for calling Acme, this is Bob. May I have your name?");
    }

    @Test
    void aPopReachesOnlyTheRungAgentAndItsAckIsTimed() throws Exception {
        EmbeddedChannel bob = agentSocket("1002");
        EmbeddedChannel carol = agentSocket("1003");
        assertEquals("snapshot", messages(bob).get(0).path("type").asText());
        messages(carol);

        clock.advance(Duration.ofMillis(3));
        feed.accept(new FloorEvent.PopReady(pop("call-1", "1002")));
        List<JsonNode> toBob = messages(bob);
        assertEquals(1, toBob.size());
        JsonNode p = toBob.get(0);
        assertEquals("pop", p.path("type").asText());
        assertEquals("call-1", p.path("callId").asText());
        assertTrue(p.path("customer").isNull(), "an unknown caller has no customer");
        assertTrue(p.path("apology").asBoolean());
        assertEquals("2026-11-23T10:00:00Z", p.path("ringingAt").asText());
        assertEquals("2026-11-23T10:00:00.003Z", p.path("sentAt").asText());
        assertEquals(List.of(), messages(carol), "another agent never sees the pop");
        assertEquals(List.of(Duration.ofMillis(3)), sent);

        clock.advance(Duration.ofMillis(5));
        feed.received(bob, "{\"type\":\"ack\",\"callId\":\"call-1\"}");
        assertEquals(List.of(Duration.ofMillis(8)), acked);
        LiveCall call = calls.find("call-1").orElseThrow();
        assertEquals(T0.plusMillis(8), call.pop().ackedAt());
        assertEquals(T0.plusMillis(3), call.pop().sentAt());
    }

    @Test
    void aReconnectingAgentGetsTheirLastPopInTheSnapshot() throws Exception {
        feed.accept(new FloorEvent.PopReady(pop("call-1", "1002")));
        JsonNode snapshot = messages(agentSocket("1002")).get(0);
        assertEquals("call-1", snapshot.path("pop").path("callId").asText());
        assertEquals("break", snapshot.path("pauseReasons").get(0).asText());
        assertEquals("available", snapshot.path("agent").path("state").asText());
        assertTrue(messages(agentSocket("1003")).get(0).path("pop").isNull());
    }

    @Test
    void malformedOrUnknownMessagesGetAnErrorAndTheSocketStaysUp() throws Exception {
        EmbeddedChannel bob = agentSocket("1002");
        messages(bob);
        feed.received(bob, "not json");
        feed.received(bob, "{\"type\":\"dance\"}");
        feed.received(bob, "{\"type\":\"ack\"}");
        feed.received(bob, "[]");
        List<JsonNode> replies = messages(bob);
        assertEquals(4, replies.size());
        for (JsonNode r : replies) {
            assertEquals("error", r.path("type").asText(), r::toString);
            assertNotNull(r.path("error").asText(null));
        }
        assertTrue(bob.isActive());
        feed.received(bob, "{\"type\":\"ack\",\"callId\":\"no-such-call\"}");
        assertEquals(List.of(), messages(bob), "an ack of a call no longer live is ignored quietly");
    }

    @Test
    void theBoardGetsAStateSnapshotThenQueueAndAgentDeltas() throws Exception {
        EmbeddedChannel board = boardSocket();
        JsonNode snapshot = messages(board).get(0);
        assertEquals("snapshot", snapshot.path("type").asText());
        assertEquals(2, snapshot.path("agents").size());
        assertEquals("support", snapshot.path("queues").get(0).path("name").asText());
        assertEquals(6.0, snapshot.path("standards").path("ringCadenceSeconds").asDouble());

        LiveCall call = new LiveCall("call-9", "+14155550109", "support", T0, standards);
        call.identified("c-9", "Jane Doe", true);
        call.waiting();
        calls.add(call);
        feed.accept(new FloorEvent.CallChanged(call.view()));
        JsonNode queue = messages(board).get(0);
        assertEquals("queue", queue.path("type").asText());
        JsonNode waiting = queue.path("queue").path("waiting").get(0);
        assertEquals("Jane Doe", waiting.path("customer").asText());
        assertTrue(waiting.path("vip").asBoolean());
        assertEquals("waiting", waiting.path("state").asText());
        assertEquals("2026-11-23T10:00:00Z", waiting.path("waitingSince").asText());
        assertEquals(2, queue.path("queue").path("availableAgents").asInt());

        roster.onChange(view -> feed.accept(new FloorEvent.AgentChanged(view)));
        roster.changePresence("1003", org.hotline.call.AgentPresence.PAUSED, "break");
        List<JsonNode> deltas = messages(board);
        JsonNode agent = deltas.get(0);
        assertEquals("agent", agent.path("type").asText());
        assertEquals(1, deltas.get(1).path("queue").path("availableAgents").asInt(), "the queue counts one agent less");
        assertEquals("paused", agent.path("agent").path("state").asText());
        assertEquals(0, agent.path("agent").path("callsTaken").asInt());
        assertNull(agent.path("agent").path("currentCaller").textValue());
    }
}

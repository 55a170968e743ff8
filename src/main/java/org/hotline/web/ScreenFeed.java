package org.hotline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.hotline.call.AgentRoster;
import org.hotline.call.AgentView;
import org.hotline.call.FloorEvent;
import org.hotline.call.LiveCall;
import org.hotline.call.LiveCalls;
import org.hotline.call.ScreenPop;
import org.hotline.json.Json;
import org.hotline.metrics.AgentDayFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens on the floor into the messages of the agents' desktops ({@code /ws/agent})
 * and the supervisors' board ({@code /ws/board}); the message shapes are listed in the README.
 *
 * <p>Threading: everything that registers sockets or sends runs on the floor's delivery thread
 * (the one that delivers {@link FloorEvent}s), so a new socket's snapshot always comes before the
 * deltas that follow it, and the socket registries need no lock for their writers.
 */
public final class ScreenFeed implements Consumer<FloorEvent> {

    private static final Logger log = LoggerFactory.getLogger(ScreenFeed.class);
    private static final int ALERTS_KEPT = 50;

    /**
     * The configuration the screens show.
     *
     * @param queueSkills each queue's name and the skill its agents need
     * @param standards   what the board needs to colour waits: ring cadence, limits, targets
     */
    public record Settings(String center, List<String> pauseReasons, List<String> dispositionCodes,
                           Map<String, String> queueSkills, Map<String, Object> standards) {
    }

    /** Notified of each pop sent and acknowledged, with the time since ringing began. */
    public interface PopLatency {
        void sent(Duration sinceRinging);

        void acked(Duration sinceRinging);
    }

    private final Settings settings;
    private final AgentRoster roster;
    private final LiveCalls liveCalls;
    private final AgentDayFigures figures;
    private final Executor floorThread;
    private final PopLatency popLatency;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();

    private final Map<String, Set<Channel>> agentSockets = new ConcurrentHashMap<>();
    private final Set<Channel> boardSockets = ConcurrentHashMap.newKeySet();
    /** Floor thread only: each agent's latest pop, shown again on reconnect until the next one. */
    private final Map<String, Map<String, Object>> lastPop = new HashMap<>();
    private final Deque<FloorEvent.Alert> alerts = new ArrayDeque<>();
    private volatile Map<String, Object> kpis = Map.of();

    public ScreenFeed(Settings settings, AgentRoster roster, LiveCalls liveCalls, AgentDayFigures figures,
                      Executor floorThread, PopLatency popLatency, Clock clock) {
        this.settings = settings;
        this.roster = roster;
        this.liveCalls = liveCalls;
        this.figures = figures;
        this.floorThread = floorThread;
        this.popLatency = popLatency;
        this.clock = clock;
    }

    /**
     * Encodes one message of each kind before the first call, so that the first pop does not pay
     * for Jackson building its serializers.
     */
    public void warmUp() {
        encode(boardSnapshot());
        encode(message("pop", "customer", new org.hotline.customer.CustomerView(
                new org.hotline.customer.Customer("warm-up", "Warm Up", List.of("+10000000000"), null, null, null,
                        null, null, List.of(new org.hotline.customer.Ticket("t", "s", "open", Instant.EPOCH)),
                        List.of()), List.of(), List.of(new org.hotline.customer.Interaction("i", Instant.EPOCH,
                        "email", null, null, null, null, null, null)))));
    }

    /** Open live sockets, desktops and boards together. */
    public int clients() {
        return boardSockets.size() + agentSockets.values().stream().mapToInt(Set::size).sum();
    }

    void connected(Channel channel, LiveSocketKind kind, SocketUser user) {
        floorThread.execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            if (kind == LiveSocketKind.BOARD) {
                boardSockets.add(channel);
                send(channel, boardSnapshot());
            } else {
                agentSockets.computeIfAbsent(user.agentId(), id -> ConcurrentHashMap.newKeySet()).add(channel);
                send(channel, agentSnapshot(user.agentId()));
            }
        });
    }

    void disconnected(Channel channel) {
        floorThread.execute(() -> {
            boardSockets.remove(channel);
            agentSockets.values().forEach(set -> set.remove(channel));
        });
    }

    /** A text message from a browser: only the agent's {@code ack} of a pop is expected. */
    void received(Channel channel, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            reject(channel, "not JSON: " + e.getOriginalMessage());
            return;
        }
        String type = message == null ? null : message.path("type").asText(null);
        SocketUser user = channel.attr(WebSocketGate.USER).get();
        if (!"ack".equals(type)) {
            reject(channel, type == null ? "a message needs a \"type\"" : "unknown message type '" + type + "'");
            return;
        }
        String callId = message.path("callId").asText("");
        if (callId.isBlank() || user == null || user.agentId() == null) {
            reject(channel, "an ack needs the \"callId\" of a pop sent to this agent");
            return;
        }
        Instant at = clock.instant();
        floorThread.execute(() -> acked(user.agentId(), callId, at));
    }

    void reject(Channel channel, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("error", error);
        send(channel, m);
    }

    /** New KPI figures for the board (from the board's figures refresher). */
    public void kpisUpdated(Map<String, Object> figures) {
        floorThread.execute(() -> {
            kpis = figures;
            broadcast(message("kpis", "kpis", figures));
        });
    }

    /** Runs on the floor thread. */
    @Override
    public void accept(FloorEvent event) {
        switch (event) {
            case FloorEvent.AgentChanged e -> {
                toAgent(e.agent().id(), message("state", "agent", e.agent()));
                if (!boardSockets.isEmpty()) {
                    broadcast(message("agent", "agent", boardAgent(e.agent())));
                    // The queues this agent serves count their available agents anew.
                    settings.queueSkills().forEach((queue, skill) -> {
                        if (e.agent().skills().contains(skill)) {
                            broadcast(message("queue", "queue", queueView(queue)));
                        }
                    });
                }
            }
            case FloorEvent.CallChanged e -> {
                if (!boardSockets.isEmpty()) {
                    broadcast(message("queue", "queue", queueView(e.call().queue())));
                }
            }
            case FloorEvent.PopReady e -> pop(e.pop());
            case FloorEvent.RingEnded e -> {
                Map<String, Object> ended = new LinkedHashMap<>();
                ended.put("type", "call-ended");
                ended.put("callId", e.callId());
                ended.put("outcome", e.result().wireName());
                ended.put("dispositionNeeded", false);
                toAgent(e.agentId(), ended);
            }
            case FloorEvent.CallEnded e -> {
                if (e.record().agent() != null) {
                    Map<String, Object> ended = new LinkedHashMap<>();
                    ended.put("type", "call-ended");
                    ended.put("callId", e.record().id());
                    ended.put("outcome", e.record().outcome().wireName());
                    ended.put("dispositionNeeded", e.record().answeredByAgent());
                    toAgent(e.record().agent(), ended);
                    toAgent(e.record().agent(), message("figures", "today", figures.of(e.record().agent())));
                }
                if (!boardSockets.isEmpty()) {
                    broadcast(message("queue", "queue", queueView(e.record().queue())));
                }
            }
            case FloorEvent.AlertRaised e -> {
                alerts.addFirst(e.alert());
                while (alerts.size() > ALERTS_KEPT) {
                    alerts.removeLast();
                }
                broadcast(message("alert", "alert", e.alert()));
            }
        }
    }

    private void pop(ScreenPop pop) {
        Set<Channel> sockets = agentSockets.getOrDefault(pop.agentId(), Set.of());
        Instant sentAt = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "pop");
        m.put("callId", pop.callId());
        m.put("caller", pop.caller());
        m.put("queue", pop.queue());
        m.put("ringingAt", pop.ringingAt());
        m.put("sentAt", sockets.isEmpty() ? null : sentAt);
        m.put("customer", pop.customer());
        m.put("ivr", pop.ivr());
        m.put("waitSeconds", pop.waitSeconds());
        m.put("rings", pop.rings());
        m.put("apology", pop.apology());
        m.put("greeting", pop.greeting());
        m.put("callback", pop.callback());
        lastPop.put(pop.agentId(), m);
        if (sockets.isEmpty()) {
            return; // the agent's desktop is not open: the record shows the pop was never sent
        }
        liveCalls.find(pop.callId()).ifPresent(call -> call.popSent(pop.agentId(), sentAt));
        popLatency.sent(Duration.between(pop.ringingAt(), sentAt));
        toAgent(pop.agentId(), m);
    }

    private void acked(String agentId, String callId, Instant at) {
        liveCalls.find(callId).map(call -> call.popAcked(agentId, at)).ifPresent(popLatency::acked);
    }

    private Map<String, Object> agentSnapshot(String agentId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("agent", roster.view(agentId));
        m.put("today", figures.of(agentId));
        m.put("pauseReasons", settings.pauseReasons());
        m.put("dispositionCodes", settings.dispositionCodes());
        m.put("center", settings.center());
        m.put("pop", lastPop.get(agentId));
        return m;
    }

    private Map<String, Object> boardSnapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("serverTime", clock.instant());
        m.put("center", settings.center());
        m.put("standards", settings.standards());
        m.put("queues", settings.queueSkills().keySet().stream().map(this::queueView).toList());
        m.put("agents", roster.agents().stream().map(this::boardAgent).toList());
        m.put("kpis", kpis);
        m.put("alerts", List.copyOf(alerts));
        m.put("pauseReasons", settings.pauseReasons());
        return m;
    }

    /** A queue as the board shows it: its callers waiting for a person, oldest first. */
    private Map<String, Object> queueView(String queue) {
        List<LiveCall.View> waiting = new ArrayList<>();
        int talking = 0;
        for (LiveCall call : liveCalls.all()) {
            if (!queue.equals(call.queue())) {
                continue;
            }
            LiveCall.Phase phase = call.phase();
            if (phase == LiveCall.Phase.WAITING || phase == LiveCall.Phase.RINGING) {
                waiting.add(call.view());
            } else if (phase == LiveCall.Phase.TALKING) {
                talking++;
            }
        }
        waiting.sort(Comparator.comparing(LiveCall.View::waitingSince));
        long available = roster.availableWith(settings.queueSkills().get(queue));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", queue);
        m.put("availableAgents", available);
        m.put("talking", talking);
        m.put("waiting", waiting);
        return m;
    }

    private Map<String, Object> boardAgent(AgentView agent) {
        Map<String, Object> m = json.convertValue(agent, json.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        AgentDayFigures.Figures today = figures.of(agent.id());
        m.put("callsTaken", today.answered());
        m.put("missesToday", today.missed());
        LiveCall call = agent.currentCall() == null ? null : liveCalls.find(agent.currentCall()).orElse(null);
        m.put("currentCaller", call == null ? null : call.caller());
        m.put("currentCustomer", call == null ? null : call.view().customer());
        return m;
    }

    private static Map<String, Object> message(String type, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put(key, value);
        return m;
    }

    private void toAgent(String agentId, Map<String, Object> message) {
        Set<Channel> sockets = agentSockets.get(agentId);
        if (sockets != null) {
            for (Channel c : sockets) {
                send(c, message);
            }
        }
    }

    private void broadcast(Map<String, Object> message) {
        if (boardSockets.isEmpty()) {
            return;
        }
        String text = encode(message);
        for (Channel c : boardSockets) {
            c.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private void send(Channel channel, Map<String, Object> message) {
        channel.writeAndFlush(new TextWebSocketFrame(encode(message)));
    }

    private String encode(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            log.error("cannot write {} message as JSON", message.get("type"), e);
            return "{\"type\":\"error\",\"error\":\"internal error\"}";
        }
    }
}

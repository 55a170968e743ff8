package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.LiveCalls;
import org.hotline.metrics.AgentDayFigures;
import org.hotline.web.LiveSocketAccess;
import org.hotline.web.ScreenFeed;
import org.hotline.web.SocketUser;

/**
 * The text messages a browser sends on its live socket ({@code /ws/agent}), to {@code
 * ScreenFeed.received}, from agent 1002's desktop.
 *
 * <p>Contract: whatever the text, {@code received} does not throw; it answers nothing (an
 * {@code ack} of a pop, taken on the floor thread) or exactly one frame
 * {@code {"type":"error","error":"<what was wrong>"}}.
 */
class LiveSocketMessageFuzzTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScreenFeed FEED = new ScreenFeed(
            new ScreenFeed.Settings("Acme", List.of("break"), List.of("resolved"), Map.of("support", "support"),
                    Map.of("ringCadenceSeconds", 6.0)),
            new AgentRoster(List.of(new Agent("1002", "Bob", "1002", List.of("support"))),
                    agent -> "PJSIP/" + agent.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), CLOCK),
            new LiveCalls(), new AgentDayFigures(ZoneOffset.UTC, CLOCK), Runnable::run, new ScreenFeed.PopLatency() {
                @Override
                public void sent(Duration sinceRinging) {
                }

                @Override
                public void acked(Duration sinceRinging) {
                }
            }, CLOCK);

    @FuzzTest
    void browserMessage(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        EmbeddedChannel desktop = new EmbeddedChannel();
        LiveSocketAccess.signIn(desktop, new SocketUser("1002", false, "1002"));
        LiveSocketAccess.received(FEED, desktop, text);
        Object answer = desktop.readOutbound();
        if (answer != null) {
            TextWebSocketFrame frame = assertInstanceOf(TextWebSocketFrame.class, answer);
            String json = frame.text();
            frame.release();
            try {
                JsonNode message = JSON.readTree(json);
                assertEquals("error", message.path("type").asText(), json);
                assertTrue(message.path("error").isTextual() && !message.path("error").asText().isBlank(), json);
            } catch (IOException e) {
                fail("answer is not JSON: " + json);
            }
            assertNull(desktop.readOutbound(), "more than one answer");
        }
        desktop.finishAndReleaseAll();
    }
}

package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketGateTest {

    private static final SocketAuthenticator LOGINS = cookie -> switch (cookie == null ? "" : cookie) {
        case "hotline_session=agent" -> Optional.of(new SocketUser("1002", false, "1002"));
        case "hotline_session=sup" -> Optional.of(new SocketUser("sup", true, null));
        default -> Optional.empty();
    };

    private static FullHttpRequest upgrade(String path, String origin, String cookie) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        r.headers().set("Host", "127.0.0.1:8080").set("Upgrade", "websocket").set("Connection", "Upgrade");
        if (origin != null) {
            r.headers().set("Origin", origin);
        }
        if (cookie != null) {
            r.headers().set("Cookie", cookie);
        }
        return r;
    }

    private static int status(FullHttpRequest request) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketGate(LOGINS));
        ch.writeInbound(request);
        FullHttpResponse response = ch.readOutbound();
        if (response == null) {
            Object passed = ch.readInbound();
            ((FullHttpRequest) passed).release();
            return 0;
        }
        int code = response.status().code();
        response.release();
        return code;
    }

    @Test
    void anAgentOpensTheirDesktopSocketFromThisServersPage() {
        assertEquals(0, status(upgrade("/ws/agent", "http://127.0.0.1:8080", "hotline_session=agent")), "let through");
        assertEquals(0, status(upgrade("/ws/board", "http://127.0.0.1:8080", "hotline_session=sup")));
    }

    @Test
    void refusals() {
        assertEquals(401, status(upgrade("/ws/agent", "http://127.0.0.1:8080", null)), "not logged in");
        assertEquals(401, status(upgrade("/ws/agent", "http://127.0.0.1:8080", "hotline_session=forged")));
        assertEquals(403, status(upgrade("/ws/board", "http://127.0.0.1:8080", "hotline_session=agent")),
                "an agent's cookie on the board");
        assertEquals(403, status(upgrade("/ws/agent", "http://127.0.0.1:8080", "hotline_session=sup")));
        assertEquals(403, status(upgrade("/ws/agent", "http://evil.example", "hotline_session=agent")), "cross-origin");
        assertEquals(403, status(upgrade("/ws/agent", null, "hotline_session=agent")), "no Origin");
        assertEquals(404, status(upgrade("/ws/other", "http://127.0.0.1:8080", "hotline_session=sup")));
    }

    @Test
    void otherRequestsPassUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketGate(LOGINS));
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/calls");
        ch.writeInbound(r);
        assertSame(r, ch.readInbound());
        r.release();
    }

    @Test
    void theUserAndSocketKindTravelWithTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketGate(LOGINS));
        ch.writeInbound(upgrade("/ws/agent?v=1", "http://127.0.0.1:8080", "hotline_session=agent"));
        ((FullHttpRequest) ch.readInbound()).release();
        assertEquals("1002", ch.attr(WebSocketGate.USER).get().agentId());
        assertEquals(LiveSocketKind.AGENT, ch.attr(WebSocketGate.KIND).get());
    }
}

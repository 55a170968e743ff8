package org.hotline.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hotline.web.auth.OriginCheck;

/**
 * Lets a WebSocket upgrade on {@code /ws/agent} or {@code /ws/board} through only for a logged-in
 * user of the right role, from a page of this server: the {@code Origin} must be this server's
 * own (a page elsewhere cannot ride on the agent's cookie), the session cookie valid (401), and
 * the role fit the socket (403: the board is for supervisors, the desktop for agents). Accepted
 * upgrades go on to Netty's handshake with the user and the socket's kind on the channel; every
 * other request passes untouched.
 */
final class WebSocketGate extends ChannelInboundHandlerAdapter {

    static final AttributeKey<SocketUser> USER = AttributeKey.valueOf("hotline.socket.user");
    static final AttributeKey<LiveSocketKind> KIND = AttributeKey.valueOf("hotline.socket.kind");
    /** The upgrade's Cookie header, to check now and then that the login still holds (logout, expiry). */
    static final AttributeKey<String> COOKIE = AttributeKey.valueOf("hotline.socket.cookie");

    private final SocketAuthenticator authenticator;

    WebSocketGate(SocketAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<LiveSocketKind> kind = LiveSocketKind.of(request.uri());
        if (kind.isEmpty()) {
            if (request.uri().equals("/ws") || request.uri().startsWith("/ws/") || request.uri().startsWith("/ws?")) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, 404, "no such socket; there are /ws/agent and /ws/board");
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        String refusal = refusal(request, kind.get(), ctx);
        if (refusal != null) {
            int status = refusal.startsWith("401") ? 401 : refusal.startsWith("400") ? 400 : 403;
            ReferenceCountUtil.release(msg);
            refuse(ctx, status, refusal.substring(4));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the upgrade is refused ("NNN message"), or null to let it through. */
    private String refusal(FullHttpRequest request, LiveSocketKind kind, ChannelHandlerContext ctx) {
        if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
            return "400 " + kind.path + " is a WebSocket: connect with an Upgrade: websocket request";
        }
        if (!OriginCheck.sameOrigin(request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.HOST))) {
            return "403 cross-origin WebSocket refused";
        }
        Optional<SocketUser> user = authenticator.fromCookieHeader(request.headers().get(HttpHeaderNames.COOKIE));
        if (user.isEmpty()) {
            return "401 log in first (POST /api/login)";
        }
        SocketUser u = user.get();
        if (kind == LiveSocketKind.BOARD && !u.supervisor()) {
            return "403 the board is for supervisors";
        }
        if (kind == LiveSocketKind.AGENT && u.agentId() == null) {
            return "403 the agent desktop is for agents";
        }
        ctx.channel().attr(USER).set(u);
        ctx.channel().attr(COOKIE).set(request.headers().get(HttpHeaderNames.COOKIE));
        ctx.channel().attr(KIND).set(kind);
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, int status, String message) {
        byte[] body = ("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}

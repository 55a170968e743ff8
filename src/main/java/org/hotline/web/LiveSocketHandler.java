package org.hotline.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live socket after its handshake: registers it with the {@link ScreenFeed} (which sends the
 * snapshot, then the deltas), hands the browser's text messages to the feed, pings a quiet
 * browser every 25 s and closes one silent for 70 s (browsers answer pings by themselves). At
 * each ping it checks that the login still holds, and closes the socket after a logout or when
 * the session expired (close code 4401, which the pages read as "log in again").
 */
final class LiveSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);
    private static final int MAX_MESSAGE_CHARS = 4096;

    private final ScreenFeed feed;
    private final SocketAuthenticator authenticator;

    LiveSocketHandler(ScreenFeed feed, SocketAuthenticator authenticator) {
        this.feed = feed;
        this.authenticator = authenticator;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            SocketUser user = ctx.channel().attr(WebSocketGate.USER).get();
            LiveSocketKind kind = ctx.channel().attr(WebSocketGate.KIND).get();
            if (user == null || kind == null) {
                ctx.close(); // only the gate lets an upgrade through; this cannot be a browser of ours
                return;
            }
            ctx.pipeline().addBefore(ctx.name(), "live-idle", new IdleStateHandler(70, 25, 0, TimeUnit.SECONDS));
            ctx.channel().closeFuture().addListener(f -> feed.disconnected(ctx.channel()));
            feed.connected(ctx.channel(), kind, user);
            return;
        }
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                if (authenticator.fromCookieHeader(ctx.channel().attr(WebSocketGate.COOKIE).get()).isEmpty()) {
                    ctx.writeAndFlush(new CloseWebSocketFrame(4401, "logged out")).addListener(f -> ctx.close());
                    return;
                }
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.debug("live socket {} silent for 70 s; closing", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            feed.reject(ctx.channel(), "only JSON text messages are understood");
            return;
        }
        String message = text.text();
        if (message.length() > MAX_MESSAGE_CHARS) {
            feed.reject(ctx.channel(), "message longer than " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        feed.received(ctx.channel(), message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("live socket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

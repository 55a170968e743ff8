package org.hotline.web;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP pipeline of one connection, in order:
 * <ol>
 *   <li>{@link HttpServerCodec}: bytes to HTTP messages and back; request line up to 4 KiB,
 *       headers up to 8 KiB (Netty's defaults), beyond that the request fails decoding and gets 400;</li>
 *   <li>{@link JsonObjectAggregator}: one full request, body capped at
 *       {@link WebOptions#maxRequestBodyBytes()} (413 beyond);</li>
 *   <li>{@link MetricsHandler}: {@code GET /metrics};</li>
 *   <li>{@link WebSocketGate}: only logged-in users of the right role upgrade {@code /ws/agent} and
 *       {@code /ws/board}; then Netty's {@link WebSocketServerProtocolHandler} completes the
 *       handshake and {@link LiveSocketHandler} serves the socket;</li>
 *   <li>{@link StaticFileHandler}: the agent desktop, the board and their files from the jar;</li>
 *   <li>{@link HttpApiHandler}: runs the {@link ApiRouter} on the API executor and writes its JSON.</li>
 * </ol>
 * Without {@link LiveWeb} parts (unit tests of the API) only the codec, aggregator and API run.
 */
public final class WebChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final WebOptions options;
    private final ApiRouter router;
    private final Executor apiExecutor;
    private final LiveWeb live;
    private final StaticResources pages = new StaticResources();

    public WebChannelInitializer(WebOptions options, ApiRouter router, Executor apiExecutor, LiveWeb live) {
        this.options = options;
        this.router = router;
        this.apiExecutor = apiExecutor;
        this.live = live;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                // Closes connections idle this long: a client that connects and says nothing, or
                // keeps an idle keep-alive open, does not hold a socket for ever.
                .addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("idle-close", new IdleCloser())
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new JsonObjectAggregator(options.maxRequestBodyBytes()));
        if (live != null) {
            ch.pipeline()
                    .addLast("metrics", new MetricsHandler(live.metrics(), live.metricsLoopbackOnly()))
                    .addLast("ws-gate", new WebSocketGate(live.sockets()))
                    .addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/ws")
                            .checkStartsWith(true)
                            .maxFramePayloadLength(64 * 1024)
                            .handshakeTimeoutMillis(10_000)
                            .build()))
                    .addLast("live", new LiveSocketHandler(live.feed(), live.sockets()))
                    .addLast("pages", new StaticFileHandler(pages));
        }
        ch.pipeline().addLast("api", new HttpApiHandler(router, apiExecutor));
    }

    /** Closes the connection on the idle handler's event (a live socket's own pings keep it busy). */
    private static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}

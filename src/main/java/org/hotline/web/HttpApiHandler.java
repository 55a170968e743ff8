package org.hotline.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each aggregated request to the {@link ApiRouter} on the API executor (the router may
 * block on Redis; event loops must not) and writes its JSON answer.
 *
 * <p>One instance per connection. Requests of one connection run one after another, chained on
 * {@link #previous}, so HTTP/1.1 pipelined requests get their responses in order.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

    private final ApiRouter router;
    private final Executor executor;
    /** Completes when this connection's previous request has been answered; event loop only. */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    HttpApiHandler(ApiRouter router, Executor executor) {
        this.router = router;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (msg.decoderResult().isFailure()) {
            Throwable cause = msg.decoderResult().cause();
            write(ctx, router.error(400, "malformed HTTP request: " + cause.getMessage(), Map.of()), false);
            return;
        }
        // Copy out of the reference-counted message: it is released when this method returns.
        String uriText = msg.uri();
        QueryStringDecoder uri = new QueryStringDecoder(uriText);
        List<String> cookies = msg.headers().getAll(HttpHeaderNames.COOKIE);
        ApiRequest request = new ApiRequest(msg.method().name(), uri.rawPath(), uri.parameters(),
                msg.headers().get(HttpHeaderNames.AUTHORIZATION), msg.headers().get(HttpHeaderNames.CONTENT_TYPE),
                ByteBufUtil.getBytes(msg.content()),
                cookies.isEmpty() ? null : String.join("; ", cookies),
                msg.headers().get(HttpHeaderNames.ORIGIN), msg.headers().get(HttpHeaderNames.HOST),
                clientAddress(ctx));
        long start = System.nanoTime();
        previous = previous.thenRunAsync(() -> {
            ApiResponse response = router.handle(request);
            LOG.debug("{} {} -> {} in {} ms", request.method(), uriText, response.status(),
                    (System.nanoTime() - start) / 1_000_000);
            write(ctx, response, keepAlive);
        }, executor).exceptionally(e -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RejectedExecutionException) {
                write(ctx, router.error(503, "server busy or shutting down; try again", Map.of()), false);
            } else {
                LOG.error("{} {} failed", request.method(), request.rawPath(), cause);
                write(ctx, router.error(500, "internal error; the server log has the details", Map.of()), false);
            }
            return null;
        });
    }

    private static String clientAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    /** Writes from any thread: Netty hands the write to the channel's event loop. */
    private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        response.headers().forEach(http.headers()::set);
        HttpUtil.setKeepAlive(http, keepAlive);
        var future = ctx.writeAndFlush(http);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

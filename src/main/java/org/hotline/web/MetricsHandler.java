package org.hotline.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text exposition, no token (scrapers rarely carry one), and
 * by default only to clients on the loopback address (a scraper on the same host, or a local
 * agent that forwards). Other requests pass on.
 */
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Supplier<String> scrape;
    private final boolean loopbackOnly;

    MetricsHandler(Supplier<String> scrape, boolean loopbackOnly) {
        super(false);
        this.scrape = scrape;
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        if (!(uri.equals("/metrics") || uri.startsWith("/metrics?"))) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (request.method() != HttpMethod.GET) {
                respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n", keepAlive);
            } else if (loopbackOnly && !fromLoopback(ctx)) {
                respond(ctx, HttpResponseStatus.FORBIDDEN, "metrics are served to loopback clients only\n", keepAlive);
            } else {
                respond(ctx, HttpResponseStatus.OK, scrape.get(), keepAlive);
            }
        } finally {
            request.release();
        }
    }

    private static boolean fromLoopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                && a.getAddress().isLoopbackAddress();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String text, boolean keepAlive) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}

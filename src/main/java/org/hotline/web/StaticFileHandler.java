package org.hotline.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Objects;
import java.util.Optional;
import org.hotline.web.StaticResources.StaticResource;

/**
 * Answers {@code GET} and {@code HEAD} for the paths {@link StaticResources} knows (the two pages,
 * {@code /static/*}, {@code /webjars/*}) and passes every other request, untouched, to the next
 * handler (the API). Sits after the aggregator, so it sees {@link FullHttpRequest}s.
 *
 * <p>Answers: 200 with the bytes (HEAD: the same headers, no body), or 304 without a body when
 * {@code If-None-Match} names the current ETag. Responses are written at once on the event loop
 * (the bytes are in memory); browsers do not pipeline HTTP/1.1 requests, so the order relative to
 * API answers, which are written later from the API executor, does not matter in practice.
 *
 * <p>Stateless: one instance may be shared by every connection.
 */
@Sharable
public final class StaticFileHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final StaticResources resources;

    public StaticFileHandler(StaticResources resources) {
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Optional<StaticResource> found = request.decoderResult().isSuccess() && isGetOrHead(request.method())
                ? resources.find(new QueryStringDecoder(request.uri()).rawPath())
                : Optional.empty();
        if (found.isEmpty()) {
            // SimpleChannelInboundHandler releases the message when this returns; the next handler needs it.
            ctx.fireChannelRead(request.retain());
            return;
        }
        write(ctx, request, found.get());
    }

    private static boolean isGetOrHead(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, StaticResource resource) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean notModified = resource.matches(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        boolean withBody = !notModified && !HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                notModified ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                withBody ? Unpooled.wrappedBuffer(resource.bytes()) : Unpooled.EMPTY_BUFFER);
        resource.headers().forEach(response.headers()::set);
        if (!notModified) {
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, resource.contentType())
                    // HEAD announces the length a GET would send.
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, resource.bytes().length);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}

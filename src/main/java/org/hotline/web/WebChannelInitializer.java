package org.hotline.web;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.Executor;

/**
 * The HTTP pipeline of one connection, in order:
 * <ol>
 *   <li>{@link HttpServerCodec}: bytes to HTTP messages and back; request line up to 4 KiB,
 *       headers up to 8 KiB (Netty's defaults), beyond that the request fails decoding and gets 400;</li>
 *   <li>{@link JsonObjectAggregator}: one full request, body capped at
 *       {@link WebOptions#maxRequestBodyBytes()} (413 beyond);</li>
 *   <li>{@link HttpApiHandler}: runs the {@link ApiRouter} on the API executor and writes its JSON.</li>
 * </ol>
 */
public final class WebChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final WebOptions options;
    private final ApiRouter router;
    private final Executor apiExecutor;

    public WebChannelInitializer(WebOptions options, ApiRouter router, Executor apiExecutor) {
        this.options = options;
        this.router = router;
        this.apiExecutor = apiExecutor;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new JsonObjectAggregator(options.maxRequestBodyBytes()))
                .addLast("api", new HttpApiHandler(router, apiExecutor));
    }
}

package org.hotline.agi;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one FastAGI connection, in order:
 * <ol>
 *   <li>{@code idle}: {@link IdleStateHandler}, all-idle after
 *       {@link FastAgiOptions#idleTimeout()}; the session handler ignores the event
 *       while a command is pending;</li>
 *   <li>{@code decoder}: {@link AgiFrameDecoder}, capped lines and environment;</li>
 *   <li>{@code encoder}: {@link AgiCommandEncoder}, command line plus {@code \n};</li>
 *   <li>{@code session}: {@link AgiSessionHandler}, environment to session to script.</li>
 * </ol>
 * Each channel also joins {@code sessions}, which counts and closes them.
 */
public final class FastAgiChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final FastAgiOptions options;
    private final AgiScriptResolver resolver;
    private final ChannelGroup sessions;

    public FastAgiChannelInitializer(FastAgiOptions options, AgiScriptResolver resolver,
                                     ChannelGroup sessions) {
        this.options = Objects.requireNonNull(options, "options");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        sessions.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0,
                options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("decoder", new AgiFrameDecoder(options));
        pipeline.addLast("encoder", AgiCommandEncoder.INSTANCE);
        pipeline.addLast("session", new AgiSessionHandler(resolver,
                options.environmentTimeout(), options.idleTimeout(), options.commandTimeout()));
    }
}

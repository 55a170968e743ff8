package org.hotline.ami;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** The manager connection's pipeline, in order: bytes to frames, actions to bytes, the session. */
final class AmiChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final AmiEncoder ENCODER = new AmiEncoder();

    private final AmiOptions options;
    private final AmiConnection connection;

    AmiChannelInitializer(AmiOptions options, AmiConnection connection) {
        this.options = options;
        this.connection = connection;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("decoder", new AmiDecoder(options.maxLineLength(), options.maxMessageFields(),
                        options.maxMessageChars()))
                .addLast("encoder", ENCODER)
                .addLast("session", connection);
    }
}

package org.hotline.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes one command line as UTF-8 followed by {@code \n}. The line itself must not
 * contain a line end: {@link AgiSession#send} rejects such lines, so a value taken from
 * a caller can never smuggle in a second command. Stateless and shared.
 */
@ChannelHandler.Sharable
public final class AgiCommandEncoder extends MessageToByteEncoder<CharSequence> {

    public static final AgiCommandEncoder INSTANCE = new AgiCommandEncoder();

    private AgiCommandEncoder() {
        super(CharSequence.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence command, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, command);
        out.writeByte('\n');
    }
}

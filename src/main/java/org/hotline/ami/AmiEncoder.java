package org.hotline.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes an {@link AmiAction} as {@code Action: Name\r\n}, its fields, and the blank line that ends it. */
@ChannelHandler.Sharable
public final class AmiEncoder extends MessageToByteEncoder<AmiAction> {

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiAction action, ByteBuf out) {
        writeLine(out, "Action", action.name());
        for (AmiField f : action.fields()) {
            writeLine(out, f.name(), f.value());
        }
        out.writeByte('\r').writeByte('\n');
    }

    private static void writeLine(ByteBuf out, String name, String value) {
        out.writeCharSequence(name, StandardCharsets.UTF_8);
        out.writeByte(':').writeByte(' ');
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte('\r').writeByte('\n');
    }
}

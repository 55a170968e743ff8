package org.hotline.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames FastAGI input into lines ending in {@code \n} (a preceding {@code \r} is
 * dropped) and hands them to an {@link AgiLineParser}; emits {@link AgiEnvironment} once,
 * then {@link AgiReply} and {@link AgiHangupNotice} in wire order. Text is UTF-8.
 *
 * <p>Input is capped: a line longer than {@code maxLineLength} (without its line end)
 * fails with {@link TooLongFrameException} as soon as that many bytes arrive without a
 * line end, so a peer can never make it buffer more. Protocol violations fail with
 * {@link CorruptedFrameException}. Both messages name the limit or the line and the peer.
 * After a failure the decoder discards all further input; the session handler closes
 * the channel.
 */
public final class AgiFrameDecoder extends ByteToMessageDecoder {

    private final int maxLineLength;
    private final AgiLineParser parser;
    private boolean failed;

    public AgiFrameDecoder(int maxLineLength, int maxEnvironmentLines, int maxEnvironmentBytes,
                           int maxReplyLines) {
        this.maxLineLength = maxLineLength;
        this.parser = new AgiLineParser(maxEnvironmentLines, maxEnvironmentBytes, maxReplyLines);
    }

    public AgiFrameDecoder(FastAgiOptions options) {
        this(options.maxLineLength(), options.maxEnvironmentLines(),
                options.maxEnvironmentBytes(), options.maxReplyLines());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            int lf = in.forEachByte(in.readerIndex(), in.readableBytes(), ByteProcessor.FIND_LF);
            if (lf < 0) {
                // Allow one byte more than the limit: it may be the \r of a \r\n.
                if (in.readableBytes() > maxLineLength + 1) {
                    throw fail(in, new TooLongFrameException(describe(ctx)
                            + " sent a line longer than maxLineLength=" + maxLineLength + " bytes"));
                }
                return;
            }
            int start = in.readerIndex();
            int length = lf - start;
            int wireBytes = length + 1;
            if (length > 0 && in.getByte(lf - 1) == '\r') {
                length--;
            }
            if (length > maxLineLength) {
                throw fail(in, new TooLongFrameException(describe(ctx)
                        + " sent a line longer than maxLineLength=" + maxLineLength + " bytes"));
            }
            String line = in.toString(start, length, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            AgiMessage message;
            try {
                message = parser.accept(line, wireBytes);
            } catch (RuntimeException e) { // AgiProtocolException, and anything a parser let slip
                // Any failure to make sense of a line ends the session the same way: nothing after it is read.
                throw fail(in, new CorruptedFrameException(describe(ctx) + ": " + e.getMessage(), e));
            }
            if (message != null) {
                out.add(message);
            }
        }
    }

    private RuntimeException fail(ByteBuf in, RuntimeException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return e;
    }

    private static String describe(ChannelHandlerContext ctx) {
        return "FastAGI peer " + ctx.channel().remoteAddress();
    }
}

package org.hotline.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames the manager byte stream into lines ({@code \r\n}, a bare {@code \n} tolerated), caps each line's
 * length, and hands the lines to an {@link AmiMessageParser}. Bad input never closes the connection:
 * an over-long line discards its message, a malformed line is skipped. The first skip per connection is
 * logged at WARN, later ones at DEBUG, so a confused peer cannot flood the log.
 */
public final class AmiDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(AmiDecoder.class);

    private final int maxLineLength;
    private final AmiMessageParser parser;
    private boolean discardingLine;
    private long skipped;

    public AmiDecoder(int maxLineLength, int maxFields, int maxMessageChars) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive");
        }
        this.maxLineLength = maxLineLength;
        this.parser = new AmiMessageParser(maxFields, maxMessageChars);
    }

    /** How many lines or messages this connection skipped as malformed or too large. */
    public long skipped() {
        return skipped;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        AmiMessageParser.Sink sink = new AmiMessageParser.Sink() {
            @Override
            public void frame(AmiFrame frame) {
                out.add(frame);
            }

            @Override
            public void skipped(String why, String line) {
                onSkipped(ctx, why, line);
            }
        };
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                int pending = in.readableBytes();
                if (pending > maxLineLength + 1) { // + 1: a CR may be waiting for its LF
                    if (!discardingLine) {
                        String start = in.toString(in.readerIndex(), Math.min(pending, 60), StandardCharsets.UTF_8);
                        parser.discardCurrent("line over " + maxLineLength + " bytes", start, sink);
                    }
                    discardingLine = true;
                    in.skipBytes(pending);
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (discardingLine) {
                in.skipBytes(length + 1);
                discardingLine = false;
                continue;
            }
            int contentLength = length > 0 && in.getByte(eol - 1) == '\r' ? length - 1 : length;
            if (contentLength > maxLineLength) {
                String start = in.toString(in.readerIndex(), Math.min(contentLength, 60), StandardCharsets.UTF_8);
                parser.discardCurrent("line over " + maxLineLength + " bytes", start, sink);
                in.skipBytes(length + 1);
                continue;
            }
            String line = in.toString(in.readerIndex(), contentLength, StandardCharsets.UTF_8);
            in.skipBytes(length + 1);
            parser.acceptLine(line, sink);
        }
    }

    private void onSkipped(ChannelHandlerContext ctx, String why, String line) {
        skipped++;
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        if (skipped == 1) {
            log.warn("AMI {}: skipped input ({}): '{}'; further skips on this connection are logged at DEBUG",
                    ctx.channel().remoteAddress(), why, shown);
        } else {
            log.debug("AMI {}: skipped input #{} ({}): '{}'", ctx.channel().remoteAddress(), skipped, why, shown);
        }
    }
}

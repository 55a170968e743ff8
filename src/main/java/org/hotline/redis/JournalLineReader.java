package org.hotline.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a journal file line by line with each line's byte offsets, which the journal needs to cut or resume. */
final class JournalLineReader {

    /** Receives one line; returns false to stop reading. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param offset     where the line begins
         * @param end        where the next line begins (after the line feed)
         * @param text       the line without its line feed
         * @param terminated false for a last line without line feed (cut short, or being written)
         */
        boolean line(long offset, long end, String text, boolean terminated) throws IOException;
    }

    private JournalLineReader() {
    }

    static void forEach(Path file, long fromOffset, Visitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            long position = fromOffset;
            long lineStart = fromOffset;
            while (true) {
                chunk.clear();
                int n = channel.read(chunk, position);
                if (n < 0) {
                    break;
                }
                byte[] bytes = chunk.array();
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        line.write(bytes, from, i - from);
                        long end = position + i + 1;
                        boolean go = visitor.line(lineStart, end, line.toString(StandardCharsets.UTF_8), true);
                        line.reset();
                        lineStart = end;
                        from = i + 1;
                        if (!go) {
                            return;
                        }
                    }
                }
                line.write(bytes, from, n - from);
                position += n;
            }
            if (line.size() > 0) {
                visitor.line(lineStart, position, line.toString(StandardCharsets.UTF_8), false);
            }
        }
    }
}

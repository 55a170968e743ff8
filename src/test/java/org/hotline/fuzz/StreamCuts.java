package org.hotline.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;

/**
 * Split points for the "split anywhere" properties, chosen by the fuzzer. They are taken first
 * (from the end of the input, as {@link FuzzedDataProvider} takes numbers) so that the rest of the
 * input is the stream itself: a seed is a stream followed by its cuts, each one byte (a position
 * in 255ths of the stream), and last their count.
 */
final class StreamCuts {

    static final int MAX_CUTS = 16;

    private StreamCuts() {
    }

    /** The cuts as fractions 0..255 of the stream, in the order taken. */
    static int[] consume(FuzzedDataProvider data) {
        int count = data.consumeInt(0, MAX_CUTS);
        int[] fractions = new int[count];
        for (int i = 0; i < count; i++) {
            fractions[i] = data.consumeInt(0, 255);
        }
        return fractions;
    }

    /** Ascending byte positions in a stream of {@code length} bytes; repeats make empty pieces. */
    static int[] positions(int[] fractions, int length) {
        int[] positions = new int[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            positions[i] = (int) ((long) fractions[i] * length / 255);
        }
        Arrays.sort(positions);
        return positions;
    }
}

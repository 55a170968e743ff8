package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void writesWhatTheFormatterWrites() {
        double[] values = {0, -0.0, 0.125, 0.135, 1.005, 2.675, 0.5, 1.5, 2.5, -0.001, -0.5, -1.005, 0.333333,
                12.344999, 12.345, 99.995, 1e-9, 123456789.125, 1e21, -1e21, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : values) {
            for (int places = 0; places <= 3; places++) {
                assertEquals(String.format(Locale.ROOT, "%." + places + "f", v), Decimals.fixed(v, places),
                        v + " with " + places + " decimals");
            }
        }
    }

    @Test
    void writesWhatTheFormatterWritesForDurationsAndRings() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 200_000; i++) {
            // what the call script writes: milliseconds as seconds, and seconds over a ring cadence
            double v = i % 2 == 0 ? random.nextLong(0, 10_000_000) / 1000.0
                    : random.nextLong(0, 10_000_000) / 1000.0 / (1 + random.nextInt(6));
            int places = i % 3;
            assertEquals(String.format(Locale.ROOT, "%." + places + "f", v), Decimals.fixed(v, places),
                    v + " with " + places + " decimals");
        }
    }
}

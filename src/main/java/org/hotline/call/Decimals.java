package org.hotline.call;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number with a fixed count of decimals, as {@code String.format(Locale.ROOT, "%.Nf", value)}
 * writes it (rounded half up from the number's shortest decimal form), without the format
 * string's parsing and the {@code Formatter} it builds: the call script writes such numbers on
 * every call (the rings before the IVR answered, the ring limit of a Dial).
 */
public final class Decimals {

    private Decimals() {
    }

    /** {@code value} with {@code places} decimals (0 for none), e.g. {@code fixed(0.125, 2)} is {@code 0.13}. */
    public static String fixed(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value); // as the formatter writes them: NaN, Infinity, -Infinity
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        // the formatter keeps the sign of a negative number that rounds to zero: -0.001 is -0.00
        return rounded.signum() == 0 && (value < 0 || Double.doubleToRawLongBits(value) == Long.MIN_VALUE)
                ? "-" + text : text;
    }
}

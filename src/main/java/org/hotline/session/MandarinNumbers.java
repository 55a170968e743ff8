package org.hotline.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole number read in Mandarin, as the names of the prompts that say it: the digits
 * {@code number-0}..{@code number-9}, the units {@code number-ten} (十), {@code number-hundred} (百),
 * {@code number-thousand} (千), {@code number-ten-thousand} (万), and {@code number-two-of} (两).
 *
 * <p>Why not Asterisk's {@code SAY NUMBER} in {@code zh}: the sandbox carries English sounds only,
 * so Asterisk 22 reads a {@code zh} number with its Chinese grammar from English files
 * ({@code digits/20} "twenty", then {@code digits/5} "five"): English words in a Mandarin sentence.
 * Our own prompts, rendered by the sandbox like every other Mandarin prompt, say it in Mandarin.
 *
 * <p>The rules: a zero between non-zero digits is read once (一百零五, 一千零五十); trailing zeros
 * are not read; a leading 一十 drops its 一 (十五, 十二万); a part of 万 below a thousand is joined by 零
 * (一万零五). A count of exactly two, as in "two minutes", is 两.
 */
final class MandarinNumbers {

    /** The largest number read: below a hundred million (亿 is not rendered). */
    static final int MAX = 99_999_999;

    static final String TEN = "number-ten";
    static final String HUNDRED = "number-hundred";
    static final String THOUSAND = "number-thousand";
    static final String TEN_THOUSAND = "number-ten-thousand";
    /** 两: "two" counting things (两分钟), where 二 is the digit. */
    static final String TWO_OF = "number-two-of";

    private static final String[] UNITS = {null, TEN, HUNDRED, THOUSAND};

    private MandarinNumbers() {
    }

    /** Every prompt name these readings use, for the prompt checks. */
    static List<String> prompts() {
        List<String> all = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            all.add(digit(d));
        }
        all.addAll(List.of(TEN, HUNDRED, THOUSAND, TEN_THOUSAND, TWO_OF));
        return all;
    }

    /** {@code n} as a number (an ordinal's digits too: 第二位), 0..{@link #MAX}. */
    static List<String> number(int n) {
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException(n + " is outside 0.." + MAX);
        }
        List<String> out = new ArrayList<>();
        if (n == 0) {
            out.add(digit(0));
            return out;
        }
        int high = n / 10_000;
        int low = n % 10_000;
        if (high > 0) {
            section(high, out);
            out.add(TEN_THOUSAND);
            if (low > 0 && low < 1000) {
                out.add(digit(0));
            }
        }
        if (low > 0) {
            section(low, out);
        }
        if (out.size() >= 2 && out.get(0).equals(digit(1)) && out.get(1).equals(TEN)) {
            out.remove(0); // a number that starts with 一十 drops the 一: 十五, 十二万
        }
        return out;
    }

    /** {@code n} counting things: as {@link #number}, but two is 两 (两分钟). */
    static List<String> count(int n) {
        return n == 2 ? List.of(TWO_OF) : number(n);
    }

    /** 1..9999: each non-zero digit with its unit; a run of zeros between them read once. */
    private static void section(int n, List<String> out) {
        boolean zeroPending = false;
        boolean started = false;
        for (int place = 3; place >= 0; place--) {
            int d = (n / pow10(place)) % 10;
            if (d == 0) {
                zeroPending = started;
                continue;
            }
            if (zeroPending) {
                out.add(digit(0));
                zeroPending = false;
            }
            out.add(digit(d));
            if (UNITS[place] != null) {
                out.add(UNITS[place]);
            }
            started = true;
        }
    }

    private static int pow10(int place) {
        return switch (place) {
            case 0 -> 1;
            case 1 -> 10;
            case 2 -> 100;
            default -> 1000;
        };
    }

    private static String digit(int d) {
        return "number-" + d;
    }
}

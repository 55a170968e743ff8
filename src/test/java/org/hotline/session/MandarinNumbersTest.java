package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Mandarin readings of whole numbers, shown here as the characters the prompts say. */
class MandarinNumbersTest {

    private static String read(List<String> prompts) {
        return prompts.stream().map(p -> switch (p) {
            case MandarinNumbers.TEN -> "十";
            case MandarinNumbers.HUNDRED -> "百";
            case MandarinNumbers.THOUSAND -> "千";
            case MandarinNumbers.TEN_THOUSAND -> "万";
            case MandarinNumbers.TWO_OF -> "两";
            default -> String.valueOf("零一二三四五六七八九".charAt(Integer.parseInt(p.substring("number-".length()))));
        }).collect(Collectors.joining());
    }

    @Test
    void numbersReadAsInMandarin() {
        assertEquals("零", read(MandarinNumbers.number(0)));
        assertEquals("七", read(MandarinNumbers.number(7)));
        assertEquals("十", read(MandarinNumbers.number(10)));
        assertEquals("十五", read(MandarinNumbers.number(15)));
        assertEquals("二十", read(MandarinNumbers.number(20)));
        assertEquals("二十五", read(MandarinNumbers.number(25)));
        assertEquals("一百", read(MandarinNumbers.number(100)));
        assertEquals("一百零五", read(MandarinNumbers.number(105)));
        assertEquals("一百一十", read(MandarinNumbers.number(110)));
        assertEquals("一千零五", read(MandarinNumbers.number(1005)));
        assertEquals("一千零五十", read(MandarinNumbers.number(1050)));
        assertEquals("九千九百九十九", read(MandarinNumbers.number(9999)));
        assertEquals("一万", read(MandarinNumbers.number(10_000)));
        assertEquals("一万零五", read(MandarinNumbers.number(10_005)));
        assertEquals("一万二千三百四十五", read(MandarinNumbers.number(12_345)));
        assertEquals("十万", read(MandarinNumbers.number(100_000)));
        assertEquals("九千九百九十九万九千九百九十九", read(MandarinNumbers.number(MandarinNumbers.MAX)));
    }

    @Test
    void twoThingsAreLiangButTheDigitIsEr() {
        assertEquals("两", read(MandarinNumbers.count(2)));
        assertEquals("二", read(MandarinNumbers.number(2)));
        assertEquals("十二", read(MandarinNumbers.count(12)));
    }

    @Test
    void beyondTheReadingsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MandarinNumbers.number(-1));
        assertThrows(IllegalArgumentException.class, () -> MandarinNumbers.number(MandarinNumbers.MAX + 1));
    }
}

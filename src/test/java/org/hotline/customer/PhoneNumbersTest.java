package org.hotline.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} in US -> {1}")
    @CsvSource(delimiter = '|', value = {
            "4155550101           | +14155550101",
            "(415) 555-0101       | +14155550101",
            "415.555.0101         | +14155550101",
            "1 415 555 0101       | +14155550101",
            "+1 (415) 555-0101    | +14155550101",
            "  +14155550101       | +14155550101",
            "011 44 20 7946 0018  | +442079460018",
            "00 44 20 7946 0018   | +442079460018",
            "0044 20 7946 0018    | +442079460018",
            "+44 20 7946 0018     | +442079460018",
            "+86 10 6552 9988     | +861065529988",
            "0086 138 0013 8000   | +8613800138000",
            "415 555 0101 ext. 12 | +14155550101",
            "1-800-FLOWERS        | +18003569377",
    })
    void northAmericanNumbersAndInternationalOnesReachE164(String raw, String expected) {
        assertEquals(expected, PhoneNumbers.normalise(raw, "US"));
    }

    @ParameterizedTest(name = "{0} in GB -> {1}")
    @CsvSource(delimiter = '|', value = {
            "020 7946 0018        | +442079460018",
            "07700 900123         | +447700900123",
            "00 1 415 555 0101    | +14155550101",
            "+1 415 555 0101      | +14155550101",
    })
    void britishNationalNumbersUseTheirTrunkPrefix(String raw, String expected) {
        assertEquals(expected, PhoneNumbers.normalise(raw, "GB"));
    }

    @ParameterizedTest(name = "{0} in CN -> {1}")
    @CsvSource(delimiter = '|', value = {
            "010 6552 9988        | +861065529988",
            "138 0013 8000        | +8613800138000",
            "00 1 415 555 0101    | +14155550101",
    })
    void chineseNationalNumbersUseTheirTrunkPrefix(String raw, String expected) {
        assertEquals(expected, PhoneNumbers.normalise(raw, "CN"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1001          | 1001",
            "55511         | 55511",
            "911           | 911",
            "555-0101      | 5550101",
            "+123          | +123",
            "*67 1001      | 671001",
            "12345678901234567890 | 12345678901234567890",
            "sip:1001      | 1001",
    })
    void extensionsShortCodesAndLocalNumbersKeepTheirDigits(String raw, String expected) {
        assertEquals(expected, PhoneNumbers.normalise(raw, "US"));
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @NullSource
    @ValueSource(strings = {"", "   ", "unknown", "Anonymous", "<unknown>", "ANONYMOUS", "private", "restricted",
            "withheld", "no number here", "+", "()-"})
    void noNumberGivesNull(String raw) {
        assertNull(PhoneNumbers.normalise(raw, "US"));
    }

    @ParameterizedTest(name = "region \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "ZZ", "nowhere"})
    void withoutAUsableRegionOnlyInternationalNumbersReachE164(String region) {
        assertEquals("+442079460018", PhoneNumbers.normalise("+44 20 7946 0018", region));
        assertEquals("4155550101", PhoneNumbers.normalise("(415) 555-0101", region));
    }

    @Test
    void regionIsReadInAnyCase() {
        assertEquals("+14155550101", PhoneNumbers.normalise("4155550101", "us"));
    }

    @Test
    void fullWidthDigitsAreRead() {
        assertEquals("+8613800138000", PhoneNumbers.normalise("１３８００１３８０００", "CN"));
        assertEquals("1001", PhoneNumbers.normalise("１００１", "CN"));
    }

    @Test
    void normalisingIsIdempotent() {
        for (String raw : new String[] {"(415) 555-0101", "1001", "0044 20 7946 0018", "+123"}) {
            String once = PhoneNumbers.normalise(raw, "US");
            assertEquals(once, PhoneNumbers.normalise(once, "US"), raw);
        }
    }

    @Test
    void rememberingGivesWhatNormaliseGivesAlsoOnceItStartsAfresh() {
        var key = PhoneNumbers.remembering("US");
        String[] numbers = {"(415) 555-0101", "0044 20 7946 0018", "1001", "anonymous", "", "no digits", "911"};
        for (int round = 0; round < 2; round++) {
            for (String raw : numbers) {
                assertEquals(PhoneNumbers.normalise(raw, "US"), key.apply(raw), raw + " (round " + round + ")");
            }
        }
        assertNull(key.apply(null));
        for (int i = 0; i < PhoneNumbers.REMEMBERED + 10; i++) {
            String raw = "+1415555" + (1000 + i % 9000);
            assertEquals(PhoneNumbers.normalise(raw, "US"), key.apply(raw), raw);
        }
        assertEquals("+14155550101", key.apply("(415) 555-0101"));
        assertNull(key.apply("anonymous"));
    }
}

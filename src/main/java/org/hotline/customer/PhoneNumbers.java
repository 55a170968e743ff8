package org.hotline.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The one rule that turns a phone number, however it was typed or whatever Asterisk put in the
 * caller id, into the key customers are found by. Both sides of a lookup go through it: the
 * importer for the customer's phones, the call script for the caller id.
 *
 * <ol>
 *   <li>Null, blank, and the words callers without an id arrive as ({@code unknown},
 *       {@code anonymous}, {@code private}, {@code restricted}, {@code withheld},
 *       {@code unavailable}, in any case, with or without angle brackets) give {@code null}: no
 *       customer may be found by them.</li>
 *   <li>The number is parsed by libphonenumber with {@code defaultRegion} for national numbers
 *       ({@code (415) 555-0101} in region US). International numbers with {@code +} or the
 *       region's own international prefix ({@code 011} in North America, {@code 00} in most of the
 *       world) are understood whatever the region. Because {@code 00} is the international prefix
 *       almost everywhere, a number starting with {@code 00} that is not possible as a national
 *       number of the default region is also tried as {@code +} followed by the rest.</li>
 *   <li>When the parsed number has a possible length for its country (libphonenumber's
 *       {@code IS_POSSIBLE}), the answer is its E.164 form, {@code +14155550101}. An extension
 *       ({@code ;ext=12}, {@code x12}) is dropped: the customer is the line's owner. Whether the
 *       number is assigned (libphonenumber's "valid") is not asked, so test and new ranges such as
 *       555 numbers still normalise.</li>
 *   <li>Anything else (internal extensions such as {@code 1001}, short codes such as {@code 911},
 *       local numbers without an area code, numbers too long for their country, text that is not
 *       a phone number) keeps a fallback key: its digits only (as ASCII), keeping a leading
 *       {@code +}. A text without a digit gives {@code null}.</li>
 * </ol>
 *
 * Stateless and thread-safe.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Caller-id words that mean "no number"; compared lower-case, angle brackets removed. */
    private static final Set<String> NO_NUMBER =
            Set.of("unknown", "anonymous", "private", "restricted", "withheld", "unavailable");

    /** How many numbers {@link #remembering} keeps before it starts afresh. */
    static final int REMEMBERED = 4096;

    /** What {@link #remembering} keeps for a number that gives null (a map holds no null). */
    private static final String NONE = new String("no number");

    private PhoneNumbers() {
    }

    /**
     * {@link #normalise} in {@code defaultRegion}, remembering the last few thousand answers: a
     * call's number is looked at several times (the customer look-up, first-contact resolution when
     * the record is counted and again when it is stored), and libphonenumber's parse is the costly
     * part. Thread-safe; when full, it forgets everything and starts again.
     */
    public static UnaryOperator<String> remembering(String defaultRegion) {
        Map<String, String> known = new ConcurrentHashMap<>();
        return raw -> {
            if (raw == null) {
                return null;
            }
            String key = known.get(raw);
            if (key == null) {
                if (known.size() >= REMEMBERED) {
                    known.clear();
                }
                String made = normalise(raw, defaultRegion);
                key = made == null ? NONE : made;
                known.put(raw, key);
            }
            return key == NONE ? null : key;
        };
    }

    /**
     * The lookup key of {@code raw} by the rule on this class.
     *
     * @param raw           a phone number as typed or as a caller id; may be null
     * @param defaultRegion ISO 3166 region code (e.g. {@code US}, {@code GB}, {@code CN}) of
     *                      national numbers; null or unknown to libphonenumber means only
     *                      international numbers reach E.164
     * @return E.164 text, a fallback key of digits, or null when {@code raw} names no number
     */
    public static String normalise(String raw, String defaultRegion) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        String word = text.replace("<", "").replace(">", "").strip().toLowerCase(Locale.ROOT);
        if (word.isEmpty() || NO_NUMBER.contains(word)) {
            return null;
        }
        String region = defaultRegion == null ? null : defaultRegion.strip().toUpperCase(Locale.ROOT);
        String e164 = possibleE164(text, region);
        if (e164 == null) {
            String digits = digitsOf(text);
            if (digits.startsWith("00") && digits.length() > 2) {
                e164 = possibleE164("+" + digits.substring(2), region);
            }
        }
        if (e164 != null) {
            return e164;
        }
        return fallbackKey(text);
    }

    private static String possibleE164(String text, String region) {
        try {
            PhoneNumber number = UTIL.parse(text, region);
            if (UTIL.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE) {
                return UTIL.format(number, PhoneNumberFormat.E164);
            }
            return null;
        } catch (NumberParseException e) {
            // Not a number libphonenumber can place (no region, too short, text): fallback key.
            return null;
        }
    }

    private static String fallbackKey(String text) {
        String digits = digitsOf(text);
        if (digits.isEmpty()) {
            return null;
        }
        return text.startsWith("+") ? "+" + digits : digits;
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            // Any script's decimal digits (full-width ones typed on a Chinese keyboard too) as ASCII.
            int digit = Character.digit(text.charAt(i), 10);
            if (digit >= 0) {
                digits.append((char) ('0' + digit));
            }
        }
        return digits.toString();
    }
}

package org.hotline.call;

/**
 * The caller's answers to the post-call survey, as stored on the call record ({@code survey}).
 * Each answer is null when the caller gave none, or a key that is not on the question's scale.
 * The scales and the keys that mean each answer are decided here, nowhere else.
 *
 * @param csat satisfaction, 1 (very dissatisfied) to 5 (very satisfied)
 * @param nps  how likely the caller is to recommend us, 0 to 10; 10 is the key 1 then the key 0
 * @param ces  how much effort it took, 1 (very little) to 7 (very much)
 */
public record SurveyAnswers(Integer csat, Integer nps, Integer ces) {

    public static final int CSAT_MIN = 1;
    public static final int CSAT_MAX = 5;
    /** A CSAT answer at or above this is "satisfied" (4 or 5). */
    public static final int CSAT_SATISFIED_FROM = 4;
    public static final int NPS_MAX = 10;
    /** NPS promoters answer 9 or 10. */
    public static final int NPS_PROMOTER_FROM = 9;
    /** NPS detractors answer 0 to 6. */
    public static final int NPS_DETRACTOR_UP_TO = 6;
    public static final int CES_MIN = 1;
    public static final int CES_MAX = 7;
    /** The NPS key that may be followed by a second key ({@code 0}) to mean 10. */
    public static final String NPS_TEN_FIRST_KEY = "1";
    /** The {@code 0} of an NPS 10 counts when it follows the {@code 1} within this long. */
    public static final java.time.Duration NPS_SECOND_KEY_WITHIN = java.time.Duration.ofSeconds(2);

    /** No answer yet. */
    public static final SurveyAnswers NONE = new SurveyAnswers(null, null, null);

    public SurveyAnswers {
        csat = onScale(csat, CSAT_MIN, CSAT_MAX);
        nps = onScale(nps, 0, NPS_MAX);
        ces = onScale(ces, CES_MIN, CES_MAX);
    }

    /** The CSAT answer of {@code keys}: exactly one key 1..5, else null. */
    public static Integer csatOf(String keys) {
        return oneKeyOnScale(keys, CSAT_MIN, CSAT_MAX);
    }

    /** The CES answer of {@code keys}: exactly one key 1..7, else null. */
    public static Integer cesOf(String keys) {
        return oneKeyOnScale(keys, CES_MIN, CES_MAX);
    }

    /**
     * The NPS answer of a first key and the key pressed soon after it (null: none). One key 0..9
     * is its value; {@code 1} then {@code 0} is 10; any other second key makes the answer invalid
     * (null), as do no key and keys that are not digits.
     */
    public static Integer npsOf(String firstKey, String secondKey) {
        Integer first = oneKeyOnScale(firstKey, 0, 9);
        if (first == null) {
            return null;
        }
        if (secondKey == null || secondKey.isEmpty()) {
            return first;
        }
        return NPS_TEN_FIRST_KEY.equals(firstKey) && "0".equals(secondKey) ? NPS_MAX : null;
    }

    /** True when the NPS answer may still become 10: its first key was {@code 1}. */
    public static boolean npsMayContinue(String firstKey) {
        return NPS_TEN_FIRST_KEY.equals(firstKey);
    }

    public SurveyAnswers withCsat(Integer value) {
        return new SurveyAnswers(value, nps, ces);
    }

    public SurveyAnswers withNps(Integer value) {
        return new SurveyAnswers(csat, value, ces);
    }

    public SurveyAnswers withCes(Integer value) {
        return new SurveyAnswers(csat, nps, value);
    }

    /** True when at least one question was answered. */
    public boolean any() {
        return csat != null || nps != null || ces != null;
    }

    public boolean satisfied() {
        return csat != null && csat >= CSAT_SATISFIED_FROM;
    }

    public boolean promoter() {
        return nps != null && nps >= NPS_PROMOTER_FROM;
    }

    public boolean detractor() {
        return nps != null && nps <= NPS_DETRACTOR_UP_TO;
    }

    /** For the customer's history, e.g. {@code survey csat 5, nps 10, ces 2} (unanswered: {@code -}). */
    public String summary() {
        return "survey csat " + orDash(csat) + ", nps " + orDash(nps) + ", ces " + orDash(ces);
    }

    private static String orDash(Integer v) {
        return v == null ? "-" : v.toString();
    }

    private static Integer oneKeyOnScale(String keys, int min, int max) {
        if (keys == null || keys.length() != 1 || !Character.isDigit(keys.charAt(0))) {
            return null;
        }
        return onScale(keys.charAt(0) - '0', min, max);
    }

    private static Integer onScale(Integer value, int min, int max) {
        return value == null || value < min || value > max ? null : value;
    }
}

package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SurveyAnswersTest {

    @Test
    void csatIsOneKeyFromOneToFive() {
        assertEquals(1, SurveyAnswers.csatOf("1"));
        assertEquals(5, SurveyAnswers.csatOf("5"));
        assertNull(SurveyAnswers.csatOf("0"));
        assertNull(SurveyAnswers.csatOf("6"));
        assertNull(SurveyAnswers.csatOf("#"));
        assertNull(SurveyAnswers.csatOf("45"));
        assertNull(SurveyAnswers.csatOf(""));
        assertNull(SurveyAnswers.csatOf(null));
    }

    @Test
    void cesIsOneKeyFromOneToSeven() {
        assertEquals(1, SurveyAnswers.cesOf("1"));
        assertEquals(7, SurveyAnswers.cesOf("7"));
        assertNull(SurveyAnswers.cesOf("0"));
        assertNull(SurveyAnswers.cesOf("8"));
        assertNull(SurveyAnswers.cesOf("*"));
        assertNull(SurveyAnswers.cesOf(null));
    }

    @Test
    void npsIsOneKeyOrOneThenZeroForTen() {
        assertEquals(0, SurveyAnswers.npsOf("0", null));
        assertEquals(9, SurveyAnswers.npsOf("9", null));
        assertEquals(1, SurveyAnswers.npsOf("1", null), "1 alone is 1");
        assertEquals(10, SurveyAnswers.npsOf("1", "0"), "1 then 0 within the wait is 10");
        assertNull(SurveyAnswers.npsOf("1", "5"), "1 then another key is no answer");
        assertNull(SurveyAnswers.npsOf("2", "0"), "only 1 may be followed by 0");
        assertNull(SurveyAnswers.npsOf("*", null));
        assertNull(SurveyAnswers.npsOf(null, null));
        assertTrue(SurveyAnswers.npsMayContinue("1"));
        assertFalse(SurveyAnswers.npsMayContinue("0"));
    }

    @Test
    void valuesOffTheScaleAreNoAnswer() {
        SurveyAnswers a = new SurveyAnswers(6, 11, 0);
        assertEquals(SurveyAnswers.NONE, a);
        assertFalse(a.any());
    }

    @Test
    void classesOfAnswers() {
        assertTrue(new SurveyAnswers(4, null, null).satisfied());
        assertFalse(new SurveyAnswers(3, null, null).satisfied());
        assertTrue(new SurveyAnswers(null, 9, null).promoter());
        assertFalse(new SurveyAnswers(null, 8, null).promoter());
        assertFalse(new SurveyAnswers(null, 7, null).detractor());
        assertTrue(new SurveyAnswers(null, 6, null).detractor());
        assertTrue(new SurveyAnswers(null, 0, null).detractor());
        assertFalse(SurveyAnswers.NONE.detractor());
        assertEquals("survey csat 5, nps -, ces 2", new SurveyAnswers(5, null, 2).summary());
    }
}

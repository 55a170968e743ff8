package org.hotline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.metrics.KpiCounters;
import org.junit.jupiter.api.Test;

class KpiHashTest {

    private static final KpiCounters SAMPLE = new KpiCounters(5, 4, 1, 3, 1, 42.5, 600.25, 5, 5, 6, 2, 1, 1);

    @Test
    void fieldNamesAreTheRecordComponents() {
        List<String> names = KpiHash.fieldNames();
        assertEquals(29, names.size());
        assertEquals("offered", names.get(0));
        assertEquals("answerWaitSecondsTotal", names.get(5));
        assertEquals("longWaitApologised", names.get(12));
        assertEquals("wrapUpSecondsTotal", names.get(13));
        assertEquals("surveyCsatAnswers", names.get(14));
        assertEquals("surveyCesTotal", names.get(20));
        assertEquals("ivrCalls", names.get(22));
        assertEquals("maxWaitReached", names.get(23));
        assertEquals("callbacksCompleted", names.get(26));
        assertEquals("fcrRepeated", names.get(28), "the field the append script adds to a repeated call's interval");
    }

    @Test
    void surveyCountersRoundTripAndAHashWithoutThemReadsZero() {
        KpiCounters surveyed = new KpiCounters(1, 1, 0, 1, 0, 3, 60, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 2, 0, 0);
        Map<String, String> hash = new HashMap<>();
        KpiHash.increments(surveyed).forEach(i -> hash.put(i.field(), i.amount()));
        assertEquals(surveyed, KpiHash.fromHash(hash));
        assertEquals("2", hash.get("surveyCesTotal"));
        assertEquals(0, KpiHash.fromHash(Map.of("offered", "3")).surveyNpsAnswers());
    }

    @Test
    void incrementsLeaveZerosOutAndMarkSecondsFractional() {
        List<KpiHash.Increment> inc = KpiHash.increments(new KpiCounters(1, 0, 0, 0, 0, 0.000012, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(List.of(
                new KpiHash.Increment("offered", false, "1"),
                new KpiHash.Increment("answerWaitSecondsTotal", true, "0.000012")), inc);
        assertEquals(List.of(), KpiHash.increments(KpiCounters.ZERO));
    }

    @Test
    void refusesNonFiniteSeconds() {
        assertThrows(IllegalArgumentException.class, () -> KpiHash.increments(
                new KpiCounters(1, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void hashRoundTripsAndUnknownOrMissingFieldsAreHarmless() {
        Map<String, String> hash = new HashMap<>();
        for (KpiHash.Increment i : KpiHash.increments(SAMPLE)) {
            hash.put(i.field(), i.amount());
        }
        hash.put("someFutureCounter", "7");
        assertEquals(SAMPLE, KpiHash.fromHash(hash));
        assertEquals(KpiCounters.ZERO, KpiHash.fromHash(Map.of()));
    }

    @Test
    void aCorruptFieldIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KpiHash.fromHash(Map.of("answered", "many")));
        assertEquals("KPI hash field answered is not a number: 'many'", e.getMessage());
    }
}

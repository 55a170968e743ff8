package org.hotline.redis;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hotline.metrics.KpiCounters;

/**
 * Maps {@link KpiCounters} to the fields of a KPI interval hash and back. The hash field names
 * are exactly the record's component names, read from the record itself so that a counter added
 * to {@code KpiCounters} is stored without touching this class. {@code long} components are
 * counts (HINCRBY), {@code double} components are seconds (HINCRBYFLOAT).
 */
public final class KpiHash {

    /** One non-zero increment: the hash field, whether it is fractional, and its value as Redis text. */
    public record Increment(String field, boolean fractional, String amount) {
    }

    private static final RecordComponent[] COMPONENTS = KpiCounters.class.getRecordComponents();
    private static final Constructor<KpiCounters> CONSTRUCTOR = canonicalConstructor();

    private KpiHash() {
    }

    /** The hash field names, in record order. */
    public static List<String> fieldNames() {
        return Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();
    }

    /**
     * The increments that add {@code c} to a hash; zero components are left out, so
     * {@link KpiCounters#ZERO} gives none.
     *
     * @throws IllegalArgumentException when a seconds total is NaN or infinite (Redis would refuse
     *                                  it, and the writer would retry it forever)
     */
    public static List<Increment> increments(KpiCounters c) {
        List<Increment> out = new ArrayList<>();
        for (RecordComponent rc : COMPONENTS) {
            Object v = read(rc, c);
            if (v instanceof Long l) {
                if (l != 0) {
                    out.add(new Increment(rc.getName(), false, Long.toString(l)));
                }
            } else if (v instanceof Double d) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("KPI counter " + rc.getName() + " is " + d);
                }
                if (d != 0) {
                    out.add(new Increment(rc.getName(), true, BigDecimal.valueOf(d).toPlainString()));
                }
            } else {
                throw new IllegalStateException("KpiCounters." + rc.getName() + " is neither long nor double");
            }
        }
        return out;
    }

    /** Reads one interval hash; missing fields are 0, fields this version does not know are ignored. */
    public static KpiCounters fromHash(Map<String, String> hash) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent rc = COMPONENTS[i];
            String text = hash == null ? null : hash.get(rc.getName());
            boolean fractional = rc.getType() == double.class;
            try {
                args[i] = fractional
                        ? (Object) (text == null ? 0.0 : Double.parseDouble(text))
                        : (Object) (text == null ? 0L : Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("KPI hash field " + rc.getName() + " is not a number: '" + text + "'", e);
            }
        }
        try {
            return CONSTRUCTOR.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build KpiCounters", e);
        }
    }

    private static Object read(RecordComponent rc, KpiCounters c) {
        try {
            return rc.getAccessor().invoke(c);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read KpiCounters." + rc.getName(), e);
        }
    }

    private static Constructor<KpiCounters> canonicalConstructor() {
        Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return KpiCounters.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("KpiCounters has no canonical constructor", e);
        }
    }
}

package org.hotline.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the benchmark mains share: {@code --name value} options over their defaults, and figure formatting. */
final class BenchArgs {

    private BenchArgs() {
    }

    /**
     * {@code defaults} overridden by {@code --name value} pairs from {@code args}.
     *
     * @throws IllegalArgumentException naming an unknown option or one without a value, and the known ones
     */
    static Map<String, String> parse(Map<String, String> defaults, String[] args) {
        Map<String, String> opt = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            if (!opt.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (options: " + opt.keySet() + ")");
            }
            opt.put(key, args[++i]);
        }
        return opt;
    }

    /** Two decimals, {@code ?} for a figure that could not be measured. */
    static String fmt(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.2f", v);
    }
}

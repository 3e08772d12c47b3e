package dev.godotload.bench.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one experiment at one setting: what was measured, by name. Kept in
 * {@code docs/capacity/results.json} so the page can be written again from runs already made.
 *
 * @param experiment e.g. {@code held}
 * @param setting    e.g. {@code 10000 users, relay off}; runs of one setting are summarised together
 * @param run        1, 2, 3...
 * @param values     figures by name, e.g. {@code injectorHeapKbPerUser}
 */
record Measurement(String experiment, String setting, int run, Map<String, Double> values) {
    Measurement {
        values = new LinkedHashMap<>(values);
    }

    double value(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }
}

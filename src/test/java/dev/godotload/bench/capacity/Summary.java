package dev.godotload.bench.capacity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The median and the spread (lowest, highest) of one figure over the runs of a setting. */
record Summary(double median, double min, double max, int runs) {
    static Summary of(List<Measurement> runs, String name) {
        double[] v = runs.stream().mapToDouble(m -> m.value(name)).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Summary(median, v[0], v[v.length - 1], v.length);
    }

    /** e.g. {@code 9.9 (9.7–10.2)}; {@code —} when nothing was measured. */
    String format(String pattern) {
        if (runs == 0) {
            return "—";
        }
        String m = String.format(Locale.ROOT, pattern, median);
        return runs == 1 || min == max ? m
                : m + " (" + String.format(Locale.ROOT, pattern, min) + "–" + String.format(Locale.ROOT, pattern, max) + ")";
    }

    static double[] medians(List<List<Measurement>> settings, String name) {
        return settings.stream().mapToDouble(s -> of(s, name).median()).toArray();
    }

    @Override
    public String toString() {
        return format("%.1f") + " over " + runs + " runs" + (runs == 0 ? "" : " " + Arrays.toString(new double[] {min, max}));
    }
}

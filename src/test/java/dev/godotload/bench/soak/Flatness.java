package dev.godotload.bench.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The soak's heap verdict for one JVM, over the steady load (from the end of the ramp, when every
 * user is in, to the end of the soak, when the first ones stop): the mean heap after GC over its
 * last sixth against the mean over its second sixth, once the JIT and the caches have warmed up
 * (for 30 minutes after a 1-minute ramp: minutes 25.2 to 30 against 5.8 to 10.7). Flat when the
 * two differ by at most {@value #PERCENT} % of the earlier mean or {@value #MEGABYTES} MB,
 * whichever is larger; a drop beyond that fails too, since a steady load holds a steady live set.
 */
public record Flatness(String jvm, double warmMegabytes, int warmSamples, double lastMegabytes, int lastSamples,
        double allowedMegabytes) {
    public static final double PERCENT = 10;
    public static final double MEGABYTES = 8;
    /** Fewer readings than this in a window (one a 10 s) is no basis for a verdict. */
    static final int MIN_SAMPLES = 3;

    /** Judges {@code jvm}'s samples of a soak whose steady load lasted from {@code from} to {@code to}. */
    public static Flatness judge(List<HeapSample> samples, String jvm, Duration from, Duration to) {
        double start = from.toMillis() / 1000.0;
        double sixth = (to.toMillis() / 1000.0 - start) / 6;
        double[] warm = mean(samples, jvm, start + sixth, start + 2 * sixth);
        double[] last = mean(samples, jvm, start + 5 * sixth, start + 6 * sixth);
        return new Flatness(jvm, warm[0], (int) warm[1], last[0], (int) last[1], Math.max(MEGABYTES, warm[0] * PERCENT / 100));
    }

    /** {mean, count} of {@code jvm}'s readings with {@code from <= seconds <= to}. */
    private static double[] mean(List<HeapSample> samples, String jvm, double from, double to) {
        double sum = 0;
        int n = 0;
        for (HeapSample h : samples) {
            if (h.jvm().equals(jvm) && h.seconds() >= from && h.seconds() <= to) {
                sum += h.megabytes();
                n++;
            }
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, n};
    }

    public double growthMegabytes() {
        return lastMegabytes - warmMegabytes;
    }

    public boolean judged() {
        return warmSamples >= MIN_SAMPLES && lastSamples >= MIN_SAMPLES;
    }

    public boolean flat() {
        return judged() && Math.abs(growthMegabytes()) <= allowedMegabytes;
    }

    /** One line: the verdict and its figures. */
    public String summary() {
        if (!judged()) {
            return String.format(Locale.ROOT, "%s heap NOT JUDGED: %d readings in the second sixth of the steady load and"
                    + " %d in the last, at least %d each are needed", jvm, warmSamples, lastSamples, MIN_SAMPLES);
        }
        return String.format(Locale.ROOT, "%s heap after GC %s: %.1f MB in the second sixth of the steady load, %.1f MB"
                + " in the last (%+.1f MB, %+.1f %%), allowed ±%.1f MB (%.0f %% or %.0f MB)", jvm, flat() ? "flat" : "NOT FLAT",
                warmMegabytes, lastMegabytes, growthMegabytes(), 100 * growthMegabytes() / warmMegabytes, allowedMegabytes,
                PERCENT, MEGABYTES);
    }
}

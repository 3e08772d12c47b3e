package dev.godotload.bench.baseline;

/**
 * Latencies in microseconds, log-linear: exact below 128 µs, then 64 buckets per power of two
 * (under 1.6 % error), up to 2^40 µs in 2,240 counters. Not thread-safe: each event loop keeps
 * its own and they are merged at the end.
 */
final class LatencyHistogram {
    private static final int EXACT = 128;
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_BITS = 40;
    private static final long CAP = (1L << MAX_BITS) - 1;

    private final long[] counts = new long[EXACT + (MAX_BITS - SUB_BITS - 1) * SUB];
    private long count;
    private long max;

    void record(long micros) {
        long v = Math.min(Math.max(micros, 0), CAP);
        counts[index(v)]++;
        count++;
        max = Math.max(max, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long maxMicros() {
        return max;
    }

    /** The upper edge of the bucket holding the value at quantile {@code q}; 0 when empty. */
    long percentileMicros(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperEdge(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return EXACT + (shift - 1) * SUB + (int) ((v >>> shift) - SUB);
    }

    static long upperEdge(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB + 1;
        long top = (index - EXACT) % SUB + SUB;
        return ((top + 1) << shift) - 1;
    }
}

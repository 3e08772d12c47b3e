package dev.godotload.gatling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latencies of the rows this DSL sees end, per row and per second of the run, while the run
 * goes on: what the stress profile judges each step by, and what the vitals page draws. Gatling keeps
 * its own statistics to itself until the run is over.
 *
 * <p>Each second of a row is a histogram of {@value #BUCKETS} buckets: exact up to
 * {@value #EXACT_MS} ms, then 6 % wide, so a percentile read from it is within 3 % of the true one
 * (up to about 55 s; longer waits share the last bucket). Memory: one small array per row and second.
 */
public final class LiveLatencies {
    static final int EXACT_MS = 32;
    static final int BUCKETS = 160;
    private static final double GROWTH = 1.06;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    /** One row's counts over a span of time. */
    public record Summary(String row, long count, long failed, long p50Ms, long p95Ms, long p99Ms, long maxMs) {
    }

    private final Map<String, Map<Long, Second>> rows = new ConcurrentHashMap<>();

    /** One entry of {@code row} ended at {@code endMillis} (Gatling's clock) after {@code durationMillis}. */
    public void add(String row, long endMillis, long durationMillis, boolean ok) {
        Second s = rows.computeIfAbsent(row, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(Math.floorDiv(endMillis, 1000), t -> new Second());
        s.add(Math.max(0, durationMillis), ok);
    }

    /** The rows seen so far, sorted. */
    public Set<String> rows() {
        return Collections.unmodifiableSet(new TreeSet<>(rows.keySet()));
    }

    /** {@code row}'s entries that ended in [{@code fromMillis}, {@code toMillis}). */
    public Summary between(String row, long fromMillis, long toMillis) {
        Second sum = new Second();
        Map<Long, Second> seconds = rows.getOrDefault(row, Map.of());
        for (long t = Math.floorDiv(fromMillis, 1000); t * 1000 < toMillis; t++) {
            Second s = seconds.get(t);
            if (s != null) {
                s.addTo(sum);
            }
        }
        return sum.summary(row);
    }

    /** {@code row} second by second (epoch seconds of Gatling's clock), for a chart. */
    public List<Map.Entry<Long, Summary>> series(String row) {
        List<Map.Entry<Long, Summary>> out = new ArrayList<>();
        new TreeSet<>(rows.getOrDefault(row, Map.of()).keySet()).forEach(t -> {
            Second sum = new Second();
            rows.get(row).get(t).addTo(sum);
            out.add(Map.entry(t, sum.summary(row)));
        });
        return out;
    }

    static int bucket(long ms) {
        if (ms < EXACT_MS) {
            return (int) ms;
        }
        int b = EXACT_MS + (int) (Math.log((double) ms / EXACT_MS) / LOG_GROWTH);
        return Math.min(b, BUCKETS - 1);
    }

    /** The middle of bucket {@code b}, in ms. */
    static long value(int b) {
        if (b < EXACT_MS) {
            return b;
        }
        double low = EXACT_MS * Math.pow(GROWTH, b - EXACT_MS);
        return Math.round(low * (1 + GROWTH) / 2);
    }

    /** One second of one row; users of many threads add to it. */
    private static final class Second {
        private final int[] counts = new int[BUCKETS];
        private long failed;
        private long max;

        synchronized void add(long ms, boolean ok) {
            counts[bucket(ms)]++;
            if (!ok) {
                failed++;
            }
            max = Math.max(max, ms);
        }

        synchronized void addTo(Second sum) {
            for (int i = 0; i < BUCKETS; i++) {
                sum.counts[i] += counts[i];
            }
            sum.failed += failed;
            sum.max = Math.max(sum.max, max);
        }

        Summary summary(String row) {
            long n = 0;
            for (int c : counts) {
                n += c;
            }
            return new Summary(row, n, failed, percentile(n, 0.50), percentile(n, 0.95), percentile(n, 0.99),
                    n == 0 ? 0 : max);
        }

        private long percentile(long n, double q) {
            if (n == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(q * n);
            long seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                seen += counts[b];
                if (seen >= rank) {
                    return Math.min(value(b), max);
                }
            }
            return max;
        }
    }
}

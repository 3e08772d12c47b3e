package dev.godotload.vitals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.godotload.gatling.LiveLatencies;

/**
 * The run's vitals as columns on one time axis, seconds since the sampler started: what
 * {@code vitals.json} holds and the page draws. A value a target did not report is null (absent),
 * never 0: a server without a game loop has no loop lag, which is not a lag of 0.
 *
 * <p>Rates are worked out here from two successive readings of a cumulative counter (Δcount / Δt,
 * with Δt from the server's own {@code uptime_msec} when both readings have it): the server reports
 * {@code packets_in}, the series adds {@code packets_in_per_sec}. A rate needs both readings; a
 * counter that went down (a restarted server) gives no rate.
 *
 * @param startedMillis the wall-clock time of second 0
 * @param seconds       each sample's time
 * @param users         the run's users online at each sample
 * @param server        each field the target reported in any sample, in the order first seen, then
 *                      the rates; null where a sample has no such value
 * @param injector      the injector JVM's heap (MB), CPU (% of the machine) and GC time (ms per second)
 * @param latencies     per row that timed something: p50, p95, p99, max, count and failed per second
 */
public record VitalsSeries(long startedMillis, List<Double> seconds, List<Integer> users,
        Map<String, List<Number>> server, Map<String, List<Number>> injector, Map<String, RowSeries> latencies) {

    /** The cumulative counters a rate is worked out for, when the target reports them. */
    static final List<String> COUNTERS = List.of("packets_in", "packets_out", "bytes_in", "bytes_out", "rpcs_in", "rpcs_out");
    static final String RATE = "_per_sec";

    /** One latency row second by second; {@code seconds} on the series' axis. */
    public record RowSeries(List<Double> seconds, List<Long> p50, List<Long> p95, List<Long> p99, List<Long> max,
            List<Long> count, List<Long> failed) {
    }

    /** The columns of {@code samples}; {@code latencies} may be null (a run without the DSL). */
    public static VitalsSeries of(long startedMillis, List<Sample> samples, LiveLatencies latencies) {
        List<Double> seconds = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        for (Sample s : samples) {
            seconds.add((s.atMillis() - startedMillis) / 1000.0);
            users.add(s.users());
        }
        return new VitalsSeries(startedMillis, seconds, users, server(samples), injector(samples),
                latencies == null ? Map.of() : latencies(startedMillis, latencies));
    }

    private static Map<String, List<Number>> server(List<Sample> samples) {
        Set<String> names = new LinkedHashSet<>();
        for (Sample s : samples) {
            if (s.server() != null) {
                s.server().forEach((k, v) -> {
                    if (v instanceof Number) {
                        names.add(k);
                    }
                });
            }
        }
        Map<String, List<Number>> out = new LinkedHashMap<>();
        for (String name : names) {
            List<Number> column = new ArrayList<>();
            for (Sample s : samples) {
                column.add(s.server() != null && s.server().get(name) instanceof Number n ? n : null);
            }
            out.put(name, column);
        }
        for (String counter : COUNTERS) {
            if (names.contains(counter)) {
                out.put(counter + RATE, rate(samples, counter));
            }
        }
        return out;
    }

    /** Δcounter / Δt between each sample and the one before it with a server part. */
    private static List<Number> rate(List<Sample> samples, String counter) {
        List<Number> out = new ArrayList<>();
        Sample before = null;
        for (Sample s : samples) {
            Double r = null;
            if (s.server() != null) {
                if (before != null) {
                    r = rate(before, s, counter);
                }
                before = s;
            }
            out.add(r);
        }
        return out;
    }

    private static Double rate(Sample a, Sample b, String counter) {
        if (!(a.server().get(counter) instanceof Number x) || !(b.server().get(counter) instanceof Number y)) {
            return null;
        }
        double millis = a.server().get("uptime_msec") instanceof Number ua && b.server().get("uptime_msec") instanceof Number ub
                ? ub.doubleValue() - ua.doubleValue() : b.atMillis() - a.atMillis();
        double delta = y.doubleValue() - x.doubleValue();
        return millis <= 0 || delta < 0 ? null : round(delta * 1000 / millis);
    }

    private static Map<String, List<Number>> injector(List<Sample> samples) {
        List<Number> heap = new ArrayList<>();
        List<Number> heapMax = new ArrayList<>();
        List<Number> cpu = new ArrayList<>();
        List<Number> gc = new ArrayList<>();
        InjectorReading before = null;
        long beforeMillis = 0;
        for (Sample s : samples) {
            InjectorReading r = s.injector();
            heap.add(round(r.heapUsedBytes() / 1e6));
            heapMax.add(r.heapMaxBytes() < 0 ? null : round(r.heapMaxBytes() / 1e6));
            double millis = s.atMillis() - beforeMillis;
            boolean rate = before != null && millis > 0;
            cpu.add(rate && r.cpuNanos() >= 0 && before.cpuNanos() >= 0
                    ? round((r.cpuNanos() - before.cpuNanos()) / 1e4 / millis / r.processors()) : null);
            gc.add(rate ? round((r.gcMillis() - before.gcMillis()) * 1000.0 / millis) : null);
            before = r;
            beforeMillis = s.atMillis();
        }
        Map<String, List<Number>> out = new LinkedHashMap<>();
        out.put("heap_used_mb", heap);
        out.put("heap_max_mb", heapMax);
        out.put("cpu_percent", cpu);
        out.put("gc_msec_per_sec", gc);
        return out;
    }

    /** Rows that timed something; rows that only carry a verdict (0 ms every time) are left out. */
    private static Map<String, RowSeries> latencies(long startedMillis, LiveLatencies latencies) {
        Map<String, RowSeries> out = new LinkedHashMap<>();
        for (String row : latencies.rows()) {
            List<Map.Entry<Long, LiveLatencies.Summary>> series = latencies.series(row);
            if (series.stream().allMatch(e -> e.getValue().maxMs() == 0)) {
                continue;
            }
            RowSeries r = new RowSeries(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Map.Entry<Long, LiveLatencies.Summary> e : series) {
                LiveLatencies.Summary s = e.getValue();
                // the middle of the second the entries ended in
                r.seconds().add(round((e.getKey() * 1000 + 500 - startedMillis) / 1000.0));
                r.p50().add(s.p50Ms());
                r.p95().add(s.p95Ms());
                r.p99().add(s.p99Ms());
                r.max().add(s.maxMs());
                r.count().add(s.count());
                r.failed().add(s.failed());
            }
            out.put(row, r);
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.godotload.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.gatling.LiveLatencies;

/** The columns of vitals.json: absent stays absent, zero stays zero, rates from two readings. */
class VitalsSeriesTest {
    private static final long T0 = 1_765_000_000_000L;

    private static InjectorReading injector(long heapMb, long cpuMillis, long gcMillis) {
        return new InjectorReading(heapMb * 1_000_000, 0, -1, cpuMillis * 1_000_000, gcMillis, 2);
    }

    private static Map<String, Object> server(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private final List<Sample> samples = List.of(
            new Sample(T0, 0, server("peers", 1L, "packets_in", 10L, "uptime_msec", 1000L, "engine", "Godot 4.6"),
                    injector(100, 0, 0)),
            new Sample(T0 + 1000, 3, null, injector(110, 1000, 10)),
            new Sample(T0 + 2000, 5, server("peers", 0L, "packets_in", 30L, "uptime_msec", 3000L, "loop_lag_msec", 0.0),
                    injector(120, 1500, 10)),
            new Sample(T0 + 3000, 5, server("peers", 6L, "packets_in", 4L, "uptime_msec", 100L, "loop_lag_msec", 2.5),
                    injector(120, 1500, 10)));

    @Test
    void aFieldTheTargetDidNotReportIsAbsentAndAReportedZeroIsZero() {
        VitalsSeries v = VitalsSeries.of(T0, samples, null);

        assertThat(v.seconds()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(v.users()).containsExactly(0, 3, 5, 5);
        assertThat(v.server().get("peers")).containsExactly(1L, null, 0L, 6L);
        assertThat(v.server().get("loop_lag_msec")).containsExactly(null, null, 0.0, 2.5);
        assertThat(v.server()).as("text fields are not charted").doesNotContainKey("engine")
                .as("no rate for a counter the target does not report").doesNotContainKey("packets_out_per_sec");
        assertThat(v.latencies()).isEmpty();
    }

    @Test
    void ratesComeFromTwoReadingsOnTheServersClockAndNeverFromARestartedCounter() {
        VitalsSeries v = VitalsSeries.of(T0, samples, null);

        // 20 packets over the server's 2,000 ms between the readings at 0 s and 2 s; none at 3 s: the counter went down
        assertThat(v.server().get("packets_in_per_sec")).containsExactly(null, null, 10.0, null);
    }

    @Test
    void theInjectorsCpuIsAShareOfTheMachineAndGcIsMillisecondsPerSecond() {
        VitalsSeries v = VitalsSeries.of(T0, samples, null);

        assertThat(v.injector().get("heap_used_mb")).containsExactly(100.0, 110.0, 120.0, 120.0);
        assertThat(v.injector().get("heap_max_mb")).as("no -Xmx: absent").containsOnlyNulls();
        // 1,000 ms of CPU in 1,000 ms on 2 processors is half the machine
        assertThat(v.injector().get("cpu_percent")).containsExactly(null, 50.0, 25.0, 0.0);
        assertThat(v.injector().get("gc_msec_per_sec")).containsExactly(null, 10.0, 0.0, 0.0);
    }

    @Test
    void latenciesAreOnTheSameAxisAndVerdictRowsAreLeftOut() {
        LiveLatencies latencies = new LiveLatencies();
        latencies.add("chat round trip", T0 + 1200, 10, true);
        latencies.add("chat round trip", T0 + 1700, 30, false);
        latencies.add("chat round trip", T0 + 3100, 5, true);
        latencies.add("contract Main/Chat", T0 + 1200, 0, true);

        VitalsSeries v = VitalsSeries.of(T0, samples, latencies);

        assertThat(v.latencies()).containsOnlyKeys("chat round trip");
        VitalsSeries.RowSeries r = v.latencies().get("chat round trip");
        assertThat(r.seconds()).containsExactly(1.5, 3.5);
        assertThat(r.count()).containsExactly(2L, 1L);
        assertThat(r.failed()).containsExactly(1L, 0L);
        assertThat(r.p50()).containsExactly(10L, 5L);
        assertThat(r.p99()).containsExactly(30L, 5L);
    }

    @Test
    void theJsonWritesAbsentAsNull() {
        String json = VitalsReport.json(VitalsSeries.of(T0, samples, null), "a target", null, Duration.ofSeconds(1));

        assertThat(json.replaceAll("\\s", "")).contains("\"loop_lag_msec\":[null,null,0.0,2.5]")
                .contains("\"peers\":[1,null,0,6]").contains("\"note\":null").contains("\"target\":\"atarget\"");
    }
}

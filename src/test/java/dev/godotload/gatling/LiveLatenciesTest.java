package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LiveLatenciesTest {
    private final LiveLatencies latencies = new LiveLatencies();

    @Test
    void percentilesOfASpanAreWithinThreePercentOfTheExactOnes() {
        // second 100: 1..1000 ms, one of each
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.add("pose fan-out", 100_000 + ms % 1000, ms, true);
        }
        LiveLatencies.Summary s = latencies.between("pose fan-out", 100_000, 101_000);
        assertThat(s.count()).isEqualTo(1000);
        assertThat((double) s.p50Ms()).isCloseTo(500, within(15.0));
        assertThat((double) s.p95Ms()).isCloseTo(950, within(28.5));
        assertThat((double) s.p99Ms()).isCloseTo(990, within(29.7));
        assertThat(s.maxMs()).isEqualTo(1000);
        assertThat(s.failed()).isZero();
    }

    @Test
    void aSpanCountsOnlyTheSecondsItCoversAndItsOwnRow() {
        latencies.add("chat round trip", 5_500, 10, true);
        latencies.add("chat round trip", 6_200, 300, false);
        latencies.add("chat round trip", 7_900, 20, true);
        latencies.add("chat fan-out", 6_100, 999, true);

        LiveLatencies.Summary six = latencies.between("chat round trip", 6_000, 7_000);
        assertThat(six.count()).isEqualTo(1);
        assertThat(six.failed()).isEqualTo(1);
        assertThat(six.p99Ms()).isBetween(291L, 309L);
        assertThat(latencies.between("chat round trip", 5_000, 8_000).count()).isEqualTo(3);
        assertThat(latencies.between("nothing", 0, 10_000).count()).isZero();
        assertThat(latencies.rows()).containsExactly("chat fan-out", "chat round trip");

        List<Map.Entry<Long, LiveLatencies.Summary>> series = latencies.series("chat round trip");
        assertThat(series).extracting(Map.Entry::getKey).containsExactly(5L, 6L, 7L);
        assertThat(series.get(2).getValue().p50Ms()).isEqualTo(20);
    }

    @Test
    void bucketsAreExactForShortWaitsAndNeverOverflow() {
        for (int ms = 0; ms < LiveLatencies.EXACT_MS; ms++) {
            assertThat(LiveLatencies.value(LiveLatencies.bucket(ms))).isEqualTo(ms);
        }
        for (long ms = LiveLatencies.EXACT_MS; ms < 50_000; ms = ms * 5 / 4 + 1) {
            long v = LiveLatencies.value(LiveLatencies.bucket(ms));
            assertThat((double) v).as("bucket value of %d ms", ms).isCloseTo(ms, within(ms * 0.035));
        }
        assertThat(LiveLatencies.bucket(Long.MAX_VALUE / 2)).isEqualTo(LiveLatencies.BUCKETS - 1);
    }
}

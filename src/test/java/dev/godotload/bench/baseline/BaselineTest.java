package dev.godotload.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A small baseline run end to end: two JVMs, every copy delivered, both CPU figures read. */
class BaselineTest {

    @Test
    @Timeout(90)
    void everyUserGetsEveryCopyAndBothJvmsReportTheirCpu(@TempDir Path logs) throws Exception {
        Baseline.Result r = Baseline.run(20, 3, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(30), logs);

        assertThat(r.expected()).isEqualTo(20 * 20 * 3);
        assertThat(r.copies()).as("copies delivered").isEqualTo(r.expected());
        assertThat(r.messages()).isEqualTo(20 * 3);
        assertThat(r.p99Ms()).isPositive();
        assertThat(r.serverCpuSeconds()).isPositive();
        assertThat(r.clientCpuSeconds()).isPositive();
        assertThat(r.cpuMicrosPerCopy()).isPositive().isFinite();
    }

    @Test
    void theResultLineIsReadFieldByField() {
        Baseline.Result r = Baseline.parse("baseline-clients users=2 messages=4 copies=8 expected=8 p50_ms=0.500"
                + " p99_ms=1.250 max_ms=2.000 cpu_s=1.500 elapsed_s=3.000", 0.5);

        assertThat(r).isEqualTo(new Baseline.Result(2, 4, 8, 8, 0.5, 1.25, 2.0, 0.5, 1.5, 3.0));
        assertThat(r.cpuMicrosPerCopy()).isEqualTo(250_000.0);
        assertThat(r.complete()).isTrue();
    }
}

package dev.godotload.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's heap verdict, its CSV and its command line, on handmade series. */
class SoakVerdictTest {
    private static final Duration RAMP = Duration.ofMinutes(6);
    /** With a 6-minute ramp the sixths of the steady load are whole minutes: 10 to 14 and 26 to 30. */
    private static final Duration SOAK = Duration.ofMinutes(30);

    /** A reading every 10 s for 31 minutes, {@code mb(minute)} each. */
    private static List<HeapSample> series(String jvm, DoubleUnaryOperator mb) {
        List<HeapSample> out = new ArrayList<>();
        for (int s = 10; s <= 31 * 60; s += 10) {
            out.add(new HeapSample(s, jvm, mb.applyAsDouble(s / 60.0)));
        }
        return out;
    }

    @Test
    void aSteadyHeapWithNoiseIsFlat() {
        List<HeapSample> h = series("gatling", m -> 100 + (Math.round(m * 6) % 2 == 0 ? 3 : -3));

        Flatness f = Flatness.judge(h, "gatling", RAMP, SOAK);

        assertThat(f.judged()).isTrue();
        assertThat(f.warmSamples()).isEqualTo(25); // minutes 10 to 14, both ends included
        assertThat(f.lastSamples()).isEqualTo(25);
        assertThat(f.allowedMegabytes()).isCloseTo(10.0, offset(0.1)); // 10 % of about 100 MB
        assertThat(f.flat()).isTrue();
        assertThat(f.summary()).startsWith("gatling heap after GC flat: ");
    }

    @Test
    void aSlowLeakIsCaughtFromTenPercentOn() {
        // means: 100 MB over minutes 10 to 14, 110 MB over 26 to 30; 10 MB is right at 10 % of 100
        List<HeapSample> h = series("serve", m -> 92.5 + 0.625 * m);

        Flatness f = Flatness.judge(h, "serve", RAMP, SOAK);

        assertThat(f.growthMegabytes()).isCloseTo(10.0, offset(0.01));
        assertThat(f.allowedMegabytes()).isCloseTo(10.0, offset(0.01));
        assertThat(Flatness.judge(series("serve", m -> 92.5 + 0.63 * m), "serve", RAMP, SOAK).flat()).isFalse();
        assertThat(Flatness.judge(series("serve", m -> 92.5 + 0.62 * m), "serve", RAMP, SOAK).flat()).isTrue();
    }

    @Test
    void aSmallHeapGetsEightMegabytesAndOnlyItsOwnSamplesCount() {
        List<HeapSample> h = new ArrayList<>(series("serve", m -> m < 20 ? 30 : 37.9));
        h.addAll(series("gatling", m -> 500)); // another JVM, another scale

        assertThat(Flatness.judge(h, "serve", RAMP, SOAK).allowedMegabytes()).isEqualTo(Flatness.MEGABYTES);
        assertThat(Flatness.judge(h, "serve", RAMP, SOAK).flat()).isTrue();
        assertThat(Flatness.judge(series("serve", m -> m < 20 ? 30 : 38.1), "serve", RAMP, SOAK).flat()).isFalse();
    }

    @Test
    void aHeapThatFallsAwayIsNotFlatEither() {
        Flatness f = Flatness.judge(series("gatling", m -> m < 20 ? 200 : 150), "gatling", RAMP, SOAK);

        assertThat(f.flat()).isFalse();
        assertThat(f.summary()).contains("NOT FLAT").contains("-50.0 MB");
    }

    @Test
    void tooFewReadingsInAWindowIsNoVerdict() {
        List<HeapSample> h = series("gatling", m -> 100).stream().filter(s -> s.seconds() < 27 * 60).toList();

        Flatness f = Flatness.judge(h, "gatling", RAMP, SOAK);

        assertThat(f.lastSamples()).isEqualTo(6); // minutes 26 to 27
        assertThat(f.flat()).isTrue();
        assertThat(Flatness.judge(h.stream().filter(s -> s.seconds() < 26.3 * 60).toList(), "gatling", RAMP, SOAK).flat())
                .isFalse();
        assertThat(Flatness.judge(List.of(), "gatling", RAMP, SOAK).summary()).startsWith("gatling heap NOT JUDGED: 0 readings");
    }

    @Test
    void theCsvHasItsHeaderAndReadsBack(@TempDir Path dir) throws Exception {
        List<HeapSample> h = List.of(new HeapSample(10.04, "gatling", 83.256), new HeapSample(10.04, "serve", 41.5));
        Path csv = dir.resolve("heap.csv");

        HeapSample.writeCsv(csv, h);

        assertThat(Files.readAllLines(csv)).containsExactly("seconds,jvm,heap_after_gc_mb", "10.0,gatling,83.26",
                "10.0,serve,41.50");
        assertThat(HeapSample.readCsv(csv)).containsExactly(new HeapSample(10.0, "gatling", 83.26),
                new HeapSample(10.0, "serve", 41.5));
        Files.writeString(csv, "seconds,jvm,heap_after_gc_mb\n10,gatling\n");
        assertThatThrownBy(() -> HeapSample.readCsv(csv)).hasMessage("heap.csv line 2: expected 3 cells, got '10,gatling'");
        assertThatThrownBy(() -> new HeapSample(1, "Gatling,2", 3)).hasMessageContaining("lower-case letters");
    }

    @Test
    void badArgumentsAreOneLine() {
        assertThat(SoakCommand.Options.parse(new String[0])).isEqualTo(new SoakCommand.Options(30,
                List.of(SoakCommand.Target.EMBEDDED, SoakCommand.Target.SEPARATE), 200, 20));
        assertThat(SoakCommand.Options.parse(new String[] {"--minutes", "5", "--only", "separate"}).targets())
                .containsExactly(SoakCommand.Target.SEPARATE);
        assertThatThrownBy(() -> SoakCommand.Options.parse(new String[] {"--minutes", "4"}))
                .hasMessage("bad --minutes '4': a whole number from 5 to 1440");
        assertThatThrownBy(() -> SoakCommand.Options.parse(new String[] {"--only", "both"}))
                .hasMessage("bad --only 'both': embedded or separate");
        assertThatThrownBy(() -> SoakCommand.Options.parse(new String[] {"--users"}))
                .hasMessage("--users needs a value; " + SoakCommand.USAGE);
        assertThatThrownBy(() -> SoakCommand.Options.parse(new String[] {"--hours", "1"}))
                .hasMessage("unknown argument '--hours'; " + SoakCommand.USAGE);
    }
}

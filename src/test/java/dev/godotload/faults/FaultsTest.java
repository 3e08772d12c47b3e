package dev.godotload.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final Toxic LATENCY = new Toxic.Latency(Direction.BOTH, Duration.ofMillis(80), Duration.ofMillis(20));

    private static List<Long> affected(double users, long n) {
        Faults f = new Faults(List.of(LATENCY), users);
        return LongStream.range(0, n).filter(f::affects).boxed().toList();
    }

    @Test
    void aFractionOfUsersIsSpreadEvenlyOverTheOrderTheyConnect() {
        assertThat(affected(0.2, 20)).containsExactly(4L, 9L, 14L, 19L);
        assertThat(affected(0.5, 6)).containsExactly(1L, 3L, 5L);
        assertThat(affected(1, 5)).containsExactly(0L, 1L, 2L, 3L, 4L);
        // of the first n users exactly floor(n f), for every n: never bunched at the start or the end
        for (double f : new double[] {0.01, 0.2, 0.3, 1.0 / 3, 0.75, 0.999}) {
            Faults faults = new Faults(List.of(LATENCY), f);
            long count = 0;
            for (long n = 1; n <= 2_000; n++) {
                if (faults.affects(n - 1)) {
                    count++;
                }
                assertThat(count).as("f=%s n=%d", f, n).isEqualTo((long) Math.floor(n * f));
            }
        }
    }

    @Test
    void eachWayGetsTheToxicsThatCoverItInTheOrderWritten() {
        Toxic up = new Toxic.LimitData(Direction.UP, 10);
        Toxic down = new Toxic.Bandwidth(Direction.DOWN, 256_000);
        Faults f = new Faults(List.of(down, LATENCY, up), 1);
        assertThat(f.acting(Direction.UP)).containsExactly(LATENCY, up);
        assertThat(f.acting(Direction.DOWN)).containsExactly(down, LATENCY);
        assertThat(f.spec()).isEqualTo("down.bandwidth:256kbps,latency:80ms:20ms,up.limit_data:10b");
    }

    @Test
    void aToxicThatCannotActIsRefusedWhenMade() {
        assertThatThrownBy(() -> new Toxic.Latency(Direction.BOTH, Duration.ofMillis(80), Duration.ofMillis(90)))
                .hasMessage("expected a jitter from 0ms to 80ms");
        assertThatThrownBy(() -> new Toxic.Slicer(Direction.BOTH, 16, 16, Duration.ZERO))
                .hasMessage("expected a variation smaller than the average size");
        assertThatThrownBy(() -> new Faults(List.of(LATENCY), 0)).hasMessage("a fraction of users above 0 and at most 1");
        assertThatThrownBy(() -> new Faults(List.of(), 1)).hasMessage("at least one toxic");
    }
}

package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsWhatAPersonTypes() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("90")).as("a bare number is seconds").isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("0.1s")).as("exact, not a double's 99.99...").isEqualTo(Duration.ofMillis(100));
        assertThat(Durations.parse(" 2 M ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void refusesWithWhatIsAccepted() {
        for (String bad : new String[] {"", "soon", "-1s", "1.5.s", "1d", "s", "1e3", "99999999999999999h", null}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a duration like 30s, 500ms or 2m");
        }
    }

    @Test
    void boundsAreIncludedAndNamedInTheRefusal() {
        assertThat(Durations.parse("1ms", Duration.ofMillis(1), Duration.ofHours(24))).isEqualTo(Duration.ofMillis(1));
        assertThat(Durations.parse("24h", Duration.ofMillis(1), Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
        for (String bad : new String[] {"0", "0.0004s", "24.001h", "never"}) {
            assertThatThrownBy(() -> Durations.parse(bad, Duration.ofMillis(1), Duration.ofHours(24))).as(bad)
                    .hasMessage("a duration from 1ms to 24h, like 30s, 500ms or 2m");
        }
    }

    @Test
    void showsTheShortestSpelling() {
        assertThat(Durations.show(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.show(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.show(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.show(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.show(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[] {Duration.ofHours(2), Duration.ofMinutes(90), Duration.ofMillis(1500), Duration.ZERO}) {
            assertThat(Durations.parse(Durations.show(d))).as("round trip of %s", d).isEqualTo(d);
        }
    }
}

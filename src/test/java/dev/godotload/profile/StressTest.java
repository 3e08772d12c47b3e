package dev.godotload.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.gatling.Godot;
import dev.godotload.target.LoadProperties;

/** The stress profile's steps, its judge and the line it ends with. */
class StressTest {
    private static final String ROUND_TRIP = "chat round trip";
    private final Godot godot = Godot.builder(Contract.bundled()).build();
    /** 100 users a step; 5 s to join, 10 s held: step k is judged over [15k + 5, 15k + 15) s. */
    private final Stress stress = new Stress(godot, 100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1));

    /** {@code n} round trips of {@code ms} that ended in second {@code second} of the run. */
    private void roundTrips(long second, int n, long ms) {
        for (int i = 0; i < n; i++) {
            godot.latencies().add(ROUND_TRIP, second * 1000 + i % 1000, ms, true);
        }
    }

    @Test
    void theFirstStepOverItsBoundEndsTheStressAndTheLineSaysWhatHeldAndWhatBroke() {
        stress.breaksAt(ROUND_TRIP, 100, 1.0);
        roundTrips(7, 200, 40);    // step 1's hold: fine
        roundTrips(2, 50, 5_000);  // step 1's ramp is not judged
        roundTrips(22, 200, 60);   // step 2's hold: fine
        roundTrips(36, 200, 180);  // step 3's hold: over the bound
        stress.judgeStep(0, 100, 0, false);
        stress.judgeStep(1, 200, 0, false);
        assertThat(stress.breakingPoint().broken()).isNull();
        stress.judgeStep(2, 300, 0, false);

        BreakingPoint bp = stress.breakingPoint();
        assertThat(bp.steps()).extracting(BreakingPoint.Step::users, BreakingPoint.Step::held)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100, true), org.assertj.core.groups.Tuple.tuple(200, true),
                        org.assertj.core.groups.Tuple.tuple(300, false));
        assertThat(bp.steps().get(2).fromSecond()).isEqualTo(35);
        assertThat(bp.line(ROUND_TRIP)).matches(
                "held 200 users with chat round trip p99 (5[89]|6[0-2]) ms; broke at 300 users: chat round trip p99 1(7[4-9]|8[0-6]) ms > 100 ms");
    }

    @Test
    void failuresOverTheirShareBreakAStepToo() {
        stress.breaksAt(ROUND_TRIP, 1_000, 5.0);
        for (int i = 0; i < 100; i++) {
            godot.latencies().add(ROUND_TRIP, 7_000 + i, 10, i >= 10); // 10 % failed
        }
        stress.judgeStep(0, 100, 0, false);
        assertThat(stress.breakingPoint().line(ROUND_TRIP)).isEqualTo("broke at the first step, 100 users: chat round trip"
                + " 10.0% failed > 5.0%");
    }

    @Test
    void aStressThatReachesLoadUsersSaysItDidNotBreak() {
        stress.breaksAt(ROUND_TRIP, 100, 1.0);
        roundTrips(7, 10, 20);
        stress.judgeStep(0, 100, 0, true);
        assertThat(stress.breakingPoint().line(ROUND_TRIP)).isEqualTo("held 100 users with chat round trip p99 20 ms;"
                + " did not break (load.users reached: raise it to find the breaking point)");
    }

    @Test
    void stepsDefaultToATenthOfTheUsersAndTheLastStepTakesTheRest() {
        Stress unset = new Stress(godot, 0, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO);
        assertThat(unset.stepOf(1_000)).isEqualTo(100);
        assertThat(unset.stepsOf(1_000)).isEqualTo(10);
        assertThat(unset.stepOf(5)).isEqualTo(1);
        assertThat(stress.stepsOf(250)).isEqualTo(3);
    }

    @Test
    void theProfileIsReadFromLoadProfileAndABadOneIsOneLine() {
        assertThat(LoadProfile.read(props(Map.of()), godot, 1)).isEqualTo(new LoadProfile.Ramp(1));
        assertThat(LoadProfile.read(props(Map.of("load.profile", "SMOKE")), godot, 1)).isInstanceOf(LoadProfile.Smoke.class);
        assertThat(LoadProfile.read(props(Map.of("load.profile", "ramp", "load.waves", "4")), godot, 1))
                .isEqualTo(new LoadProfile.Ramp(4));
        assertThat(LoadProfile.read(props(Map.of("load.profile", "stress")), godot, 1)).isInstanceOf(Stress.class);
        assertThatThrownBy(() -> LoadProfile.read(props(Map.of("load.profile", "soak")), godot, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad -Dload.profile='soak': expected smoke (seconds, a handful of users), ramp"
                        + " (load.users over load.ramp, the default), spike (a burst of joins on a steady crowd) or stress"
                        + " (steps up to load.users until a bound breaks)");
        assertThatThrownBy(() -> LoadProfile.read(props(Map.of("load.profile", "stress", "load.stress.hold", "0s")), godot, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad -Dload.stress.hold='0s'");
    }

    @Test
    void smokeIsAHandfulOfUsersForAFewRounds() {
        LoadProfile smoke = new LoadProfile.Smoke();
        assertThat(smoke.users(1_000)).isEqualTo(5);
        assertThat(smoke.users(3)).isEqualTo(3);
        assertThat(smoke.ramp(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(new LoadProfile.Spike().describe(101, Duration.ofSeconds(30))).isEqualTo("spike: 50 users over 30 s, then 51 at once");
        assertThat(new LoadProfile.Ramp(3).describe(90, Duration.ofSeconds(30))).isEqualTo("90 users over 30 s in 3 waves");
    }

    private static LoadProperties props(Map<String, String> values) {
        return new LoadProperties(values::get);
    }
}

package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IntegrityVerdictTest {

    private final MergeHistory history = new MergeHistory();

    private IntegrityVerdict verdict(long version, int[]... groups) {
        return IntegrityVerdict.check(history.ops(), history.anomalies(), version, List.of(groups));
    }

    private static int[] g(int... props) {
        return props;
    }

    @Test
    void acknowledgedMergesThatArePresentAreClean() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 2, g(2, 3));
        history.attempted(6, 1, g(7, 9));
        history.acknowledged(5, 1, 1);
        history.acknowledged(5, 2, 2);
        history.acknowledged(6, 1, 3);

        IntegrityVerdict v = verdict(3, g(1, 2, 3), g(7, 9));

        assertThat(v.clean()).isTrue();
        assertThat(v.attempted()).isEqualTo(3);
        assertThat(v.acknowledged()).isEqualTo(3);
        assertThat(v.lost()).isEmpty();
        assertThat(v.unexpected()).isEmpty();
        assertThat(v.summary()).startsWith("world integrity OK: 3 merges attempted, 3 acknowledged");
    }

    @Test
    void anAcknowledgedMergeMissingFromTheStateIsLostAndNamed() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 2, g(4, 5, 6));
        history.acknowledged(5, 1, 1);
        history.acknowledged(5, 2, 2);

        IntegrityVerdict v = verdict(2, g(1, 2), g(4, 5));

        assertThat(v.clean()).isFalse();
        assertThat(v.lost()).hasSize(1);
        IntegrityVerdict.LostEdit lost = v.lost().get(0);
        assertThat(lost.opId()).isEqualTo(2);
        assertThat(lost.peer()).isEqualTo(5);
        assertThat(lost.version()).isEqualTo(2);
        assertThat(lost.foundApart()).containsExactly(g(4, 5), g(6));
        assertThat(v.problems(10)).containsExactly("lost: op 2 of peer 5 (v2, props [4, 5, 6]) found apart as [4, 5] [6]");
        assertThat(v.summary()).startsWith("world integrity VIOLATED").contains("1 lost");
    }

    @Test
    void lostEvenWhenEveryPropIsAlone() {
        history.attempted(9, 1, g(10, 20));
        history.acknowledged(9, 1, 1);

        IntegrityVerdict v = verdict(1);

        assertThat(v.lost()).extracting(IntegrityVerdict.LostEdit::opId).containsExactly(1L);
        assertThat(v.lost().get(0).foundApart()).containsExactly(g(10), g(20));
    }

    @Test
    void aGroupNoAttemptedMergeLinksIsUnexpected() {
        history.attempted(5, 1, g(1, 2));
        history.acknowledged(5, 1, 1);

        IntegrityVerdict v = verdict(1, g(1, 2, 3));

        assertThat(v.clean()).isFalse();
        assertThat(v.lost()).isEmpty();
        assertThat(v.unexpected()).hasSize(1);
        assertThat(v.unexpected().get(0).group()).containsExactly(1, 2, 3);
        assertThat(v.unexpected().get(0).explainedParts()).containsExactly(g(1, 2), g(3));
    }

    @Test
    void aChainOfMergesExplainsAGroupEvenIfNoSingleMergeHoldsIt() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(6, 1, g(3, 2));
        history.attempted(7, 1, g(3, 40));
        history.acknowledged(5, 1, 1);
        history.acknowledged(6, 1, 2);
        history.acknowledged(7, 1, 3);

        assertThat(verdict(3, g(1, 2, 3, 40)).clean()).isTrue();
    }

    @Test
    void aRejectedMergeExplainsNothing() {
        history.attempted(5, 1, g(4, 5));
        history.rejected(5, 1, "unknown prop 5");

        IntegrityVerdict v = verdict(0, g(4, 5));

        assertThat(v.rejected()).isEqualTo(1);
        assertThat(v.unexpected()).hasSize(1);
    }

    @Test
    void anUnansweredMergeMayBePresentOrAbsent() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 2, g(3, 4));

        IntegrityVerdict v = verdict(1, g(1, 2));

        assertThat(v.clean()).isTrue();
        assertThat(v.indeterminate()).isEqualTo(2);
        assertThat(v.recovered()).extracting(IntegrityVerdict.RecoveredEdit::opId).containsExactly(1L);
    }

    @Test
    void anUnansweredMergeExplainsAGroup() {
        history.attempted(5, 1, g(1, 2));
        assertThat(verdict(1, g(1, 2)).unexpected()).isEmpty();
    }

    @Test
    void aRepeatedOpIdRejectedTheSecondTimeIsFine() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 1, g(1, 2));
        history.acknowledged(5, 1, 1);
        history.rejected(5, 1, "duplicate op_id 1");

        IntegrityVerdict v = verdict(1, g(1, 2));

        assertThat(v.clean()).isTrue();
        assertThat(v.acknowledged()).isEqualTo(1);
        assertThat(v.rejected()).isEqualTo(1);
    }

    @Test
    void aRepeatedOpIdAcknowledgedTwiceIsAnAnomaly() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 1, g(1, 2));
        history.acknowledged(5, 1, 1);
        history.acknowledged(5, 1, 2);

        IntegrityVerdict v = verdict(2, g(1, 2));

        assertThat(v.clean()).isFalse();
        assertThat(v.anomalies()).containsExactly(
                "op 1 of peer 5 acknowledged twice (v1 and v2): a repeated op_id must be rejected");
    }

    @Test
    void theSameOpIdFromTwoPeersIsTwoMerges() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(6, 1, g(3, 4));
        history.acknowledged(5, 1, 1);
        history.acknowledged(6, 1, 2);

        IntegrityVerdict v = verdict(2, g(1, 2), g(3, 4));

        assertThat(v.clean()).isTrue();
        assertThat(v.acknowledged()).isEqualTo(2);
    }

    @Test
    void anAnswerToAMergeNeverAttemptedOrAnsweredTwiceIsAnAnomaly() {
        history.acknowledged(5, 77, 1);
        history.attempted(5, 1, g(1, 2));
        history.acknowledged(5, 1, 2);
        history.rejected(5, 1, "late");

        IntegrityVerdict v = verdict(2, g(1, 2));

        assertThat(v.anomalies()).containsExactly(
                "peer 5 op 77: edit_applied v1 for a merge it never attempted",
                "peer 5 op 1: edit_rejected (late) after it was already answered");
        assertThat(v.clean()).isFalse();
    }

    @Test
    void twoMergesAcknowledgedWithOneVersionIsAnAnomaly() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(6, 1, g(3, 4));
        history.acknowledged(5, 1, 7);
        history.acknowledged(6, 1, 7);

        assertThat(verdict(7, g(1, 2), g(3, 4)).anomalies())
                .containsExactly("version 7 acknowledged twice: op 1 of peer 5 and op 1 of peer 6");
    }

    @Test
    void aReadBackOlderThanAnAcknowledgementIsAnAnomaly() {
        history.attempted(5, 1, g(1, 2));
        history.acknowledged(5, 1, 9);

        assertThat(verdict(8, g(1, 2)).anomalies())
                .containsExactly("the state read back is version 8, older than acknowledged version 9");
    }

    @Test
    void aMalformedStateIsAnAnomaly() {
        history.attempted(5, 1, g(1, 2));
        history.attempted(5, 2, g(2, 3));

        assertThat(verdict(2, g(1, 2), g(2, 3)).anomalies()).contains("the state lists prop 2 in two groups");
        assertThat(verdict(2, g(2, 1)).anomalies())
                .contains("the state's group [2, 1] is not sorted ascending without repeats");
        assertThat(verdict(2, g(2, 3), g(1, 5)).anomalies())
                .contains("the state's groups are not sorted by their first prop at [1, 5]");
        assertThat(verdict(2, g(7)).anomalies()).contains("the state lists a group of 1 prop(s): [7]");
    }

    @Test
    void problemsAreCapped() {
        for (int i = 1; i <= 30; i++) {
            history.attempted(5, i, g(2 * i, 2 * i + 1));
            history.acknowledged(5, i, i);
        }
        IntegrityVerdict v = verdict(30);
        assertThat(v.lost()).hasSize(30);
        assertThat(v.problems(5)).hasSize(5);
    }

    /** Whatever the server acknowledged and whatever subset of unanswered merges it applied: clean. */
    @Property(tries = 200)
    void anHonestServerIsAlwaysClean(@ForAll @IntRange(min = 1, max = 200) int merges, @ForAll long seed) {
        Random random = new Random(seed);
        World world = new World(60);
        MergeHistory h = new MergeHistory();
        int applied = 0;
        for (int i = 1; i <= merges; i++) {
            int[] glued = random.ints(1, 61).distinct().limit(2 + random.nextInt(4)).toArray();
            h.attempted(i % 7, i, glued);
            int fate = random.nextInt(4);
            if (fate == 0) {
                h.rejected(i % 7, i, "refused");
            } else if (fate == 1) {
                if (random.nextBoolean()) {
                    world.apply(glued);
                    applied++;
                }
            } else {
                h.acknowledged(i % 7, i, world.apply(glued));
                applied++;
            }
        }
        IntegrityVerdict v = IntegrityVerdict.check(h.ops(), h.anomalies(), world.version(), world.groups());
        assertThat(v.clean()).as(v.problems(5).toString()).isTrue();
        assertThat(world.version()).isEqualTo(applied);
    }

    /** Dropping one acknowledged merge from the server's state is caught whenever nothing else joins its props. */
    @Property(tries = 200)
    void aDroppedAcknowledgedMergeIsLost(@ForAll @IntRange(min = 1, max = 60) int merges, @ForAll long seed) {
        Random random = new Random(seed);
        MergeHistory h = new MergeHistory();
        List<int[]> all = new ArrayList<>();
        for (int i = 1; i <= merges; i++) {
            int[] glued = random.ints(1, 301).distinct().limit(2 + random.nextInt(3)).toArray();
            all.add(glued);
            h.attempted(1, i, glued);
            h.acknowledged(1, i, i);
        }
        int dropped = random.nextInt(merges);
        World server = new World(300);
        for (int i = 0; i < merges; i++) {
            if (i != dropped) {
                server.apply(all.get(i));
            } else {
                server.skipVersion();
            }
        }
        boolean stillTogether = true;
        int[] d = all.get(dropped);
        for (int p : d) {
            stillTogether &= server.together(d[0], p);
        }
        IntegrityVerdict v = IntegrityVerdict.check(h.ops(), h.anomalies(), server.version(), server.groups());
        assertThat(v.lost().isEmpty()).isEqualTo(stillTogether);
        assertThat(v.unexpected()).isEmpty();
    }
}

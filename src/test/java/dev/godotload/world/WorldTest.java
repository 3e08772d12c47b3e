package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WorldTest {
    /** Groups as text, e.g. {@code [[1, 2, 3], [5, 7]]}, so AssertJ compares contents, not arrays' identities. */
    static List<String> groups(World w) {
        return w.groups().stream().map(Arrays::toString).toList();
    }

    private static int[] ids(int... ids) {
        return ids;
    }

    @Test
    void aFreshWorldHasEveryPropAloneAtVersionZero() {
        World w = new World(10);
        assertThat(w.props()).isEqualTo(10);
        assertThat(w.version()).isZero();
        assertThat(w.groups()).isEmpty();
        assertThat(w.together(3, 3)).isTrue();
        assertThat(w.together(3, 4)).isFalse();
    }

    @Test
    void gluingIsTransitive() {
        World w = new World(10);
        w.apply(ids(1, 2));
        w.apply(ids(2, 3));
        w.apply(ids(7, 5));
        assertThat(w.together(1, 3)).isTrue();
        assertThat(w.together(3, 5)).isFalse();
        assertThat(groups(w)).containsExactly("[1, 2, 3]", "[5, 7]");
    }

    @Test
    void twoGroupsJoinWhenAMergeTouchesBoth() {
        World w = new World(10);
        w.apply(ids(1, 2));
        w.apply(ids(3, 4));
        w.apply(ids(4, 2));
        assertThat(groups(w)).containsExactly("[1, 2, 3, 4]");
    }

    @Test
    void groupsAreSortedWithinAndByFirstIdAndLeaveSingletonsOut() {
        World w = new World(12);
        w.apply(ids(9, 4));
        w.apply(ids(11, 3, 8, 1));
        w.apply(ids(6, 10));
        assertThat(groups(w)).containsExactly("[1, 3, 8, 11]", "[4, 9]", "[6, 10]");
    }

    @Test
    void aLongChainEndsInOneGroup() {
        int props = 5_000;
        World w = new World(props);
        for (int p = props; p > 1; p--) { // each merge hangs a new prop on the chain
            w.apply(ids(p, p - 1));
        }
        assertThat(w.groups()).hasSize(1);
        assertThat(w.groups().get(0)).containsExactly(IntStream.rangeClosed(1, props).toArray());
        assertThat(w.version()).isEqualTo(props - 1);
    }

    @Test
    void everyApplyRaisesTheVersionByOneEvenWhenNothingNewIsGlued() {
        World w = new World(5);
        assertThat(w.apply(ids(1, 2))).isEqualTo(1);
        assertThat(w.apply(ids(2, 1))).isEqualTo(2);
        assertThat(w.apply(ids(3, 4, 5))).isEqualTo(3);
        assertThat(w.version()).isEqualTo(3);
    }

    @Test
    void rejectionsSayWhy() {
        World w = new World(100);
        assertThat(w.rejection(ids())).isEqualTo("too few props: 0 (a merge glues 2 to 64)");
        assertThat(w.rejection(ids(5))).isEqualTo("too few props: 1 (a merge glues 2 to 64)");
        assertThat(w.rejection(IntStream.rangeClosed(1, 65).toArray())).isEqualTo("too many props: 65 (a merge glues 2 to 64)");
        assertThat(w.rejection(ids(1, 0))).isEqualTo("unknown prop 0 (props are 1 to 100)");
        assertThat(w.rejection(ids(101, 1))).isEqualTo("unknown prop 101 (props are 1 to 100)");
        assertThat(w.rejection(ids(1, -7))).isEqualTo("unknown prop -7 (props are 1 to 100)");
        assertThat(w.rejection(ids(4, 5, 4))).isEqualTo("prop 4 listed twice");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        World w = new World(100);
        assertThat(w.rejection(ids(1, 100))).isNull();
        assertThat(w.rejection(IntStream.rangeClosed(1, 64).toArray())).isNull();
    }

    @Test
    void aRejectedApplyChangesNothing() {
        World w = new World(10);
        w.apply(ids(1, 2));
        assertThatThrownBy(() -> w.apply(ids(3, 11))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown prop 11 (props are 1 to 10)");
        assertThatThrownBy(() -> w.apply(ids(3, 3))).hasMessage("prop 3 listed twice");
        assertThat(w.version()).isEqualTo(1);
        assertThat(groups(w)).containsExactly("[1, 2]");
    }

    @Test
    void replayTakesTheStoredVersionsGapsIncluded() {
        World w = new World(10);
        w.replay(3, ids(1, 2));
        w.replay(10, ids(2, 9));
        assertThat(w.version()).isEqualTo(10);
        assertThat(groups(w)).containsExactly("[1, 2, 9]");
        assertThat(w.apply(ids(4, 5))).isEqualTo(11);
    }

    @Test
    void replayRefusesAVersionThatDoesNotRise() {
        World w = new World(10);
        w.replay(5, ids(1, 2));
        assertThatThrownBy(() -> w.replay(5, ids(3, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge version 5 does not follow 5");
        assertThatThrownBy(() -> w.replay(4, ids(3, 4))).hasMessage("merge version 4 does not follow 5");
        assertThatThrownBy(() -> new World(10).replay(0, ids(3, 4))).hasMessage("merge version 0 does not follow 0");
        assertThat(w.version()).isEqualTo(5);
        assertThat(groups(w)).containsExactly("[1, 2]");
    }

    @Test
    void replayRefusesAMergeThatCouldNotHaveBeenApplied() {
        World w = new World(10);
        assertThatThrownBy(() -> w.replay(1, ids(1, 11))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored merge 1: unknown prop 11 (props are 1 to 10)");
        assertThat(w.version()).isZero();
    }

    @Test
    void skipVersionRaisesTheVersionAndGluesNothing() {
        World w = new World(10);
        w.apply(ids(1, 2));
        assertThat(w.skipVersion()).isEqualTo(2);
        assertThat(w.version()).isEqualTo(2);
        assertThat(groups(w)).containsExactly("[1, 2]");
        assertThat(w.apply(ids(3, 4))).isEqualTo(3);
    }

    @Test
    void aWorldHasTwoToAMillionProps() {
        assertThatThrownBy(() -> new World(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a world has 2 to 1000000 props, not 1");
        assertThatThrownBy(() -> new World(World.MAX_PROPS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new World(2).apply(ids(2, 1))).isEqualTo(1);
    }

    @Test
    void togetherRefusesAnUnknownProp() {
        World w = new World(10);
        assertThatThrownBy(() -> w.together(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown prop 0 (props are 1 to 10)");
    }

    @Test
    void groupsAreCopies() {
        World w = new World(10);
        w.apply(ids(1, 2));
        w.groups().get(0)[0] = 9;
        assertThat(groups(w)).containsExactly("[1, 2]");
    }
}

package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The contract's promise: the grouping depends on which merges were applied, never on their order. */
class WorldProperties {
    /** Few props, so random merges overlap and groups chain. */
    private static final int PROPS = 40;

    @Provide
    Arbitrary<List<int[]>> merges() {
        Arbitrary<int[]> merge = Arbitraries.integers().between(1, PROPS).set().ofMinSize(World.MIN_GLUED).ofMaxSize(6)
                .map(s -> s.stream().mapToInt(Integer::intValue).toArray());
        return merge.list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void anyOrderOfTheSameMergesGivesTheSameGroups(@ForAll("merges") List<int[]> merges, @ForAll Random random) {
        List<int[]> shuffled = new ArrayList<>(merges);
        Collections.shuffle(shuffled, random);
        World inOrder = applied(merges);
        World reordered = applied(shuffled);
        assertThat(WorldTest.groups(reordered)).isEqualTo(WorldTest.groups(inOrder));
        assertThat(reordered.version()).isEqualTo(merges.size());
    }

    /** Nothing lost, nothing invented: groups are exactly the connected components of the merges. */
    @Property(tries = 300)
    void groupsAreTheConnectedComponentsOfTheMerges(@ForAll("merges") List<int[]> merges) {
        assertThat(WorldTest.groups(applied(merges))).isEqualTo(components(merges));
    }

    private static World applied(List<int[]> merges) {
        World w = new World(PROPS);
        merges.forEach(w::apply);
        return w;
    }

    /** A breadth-first search over "glued in one merge", the slow obvious way. */
    private static List<String> components(List<int[]> merges) {
        List<List<Integer>> linked = new ArrayList<>();
        for (int p = 0; p <= PROPS; p++) {
            linked.add(new ArrayList<>());
        }
        for (int[] m : merges) {
            for (int a : m) {
                for (int b : m) {
                    linked.get(a).add(b);
                }
            }
        }
        boolean[] seen = new boolean[PROPS + 1];
        List<String> out = new ArrayList<>();
        for (int start = 1; start <= PROPS; start++) {
            if (seen[start]) {
                continue;
            }
            List<Integer> group = new ArrayList<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int p = todo.poll();
                group.add(p);
                for (int q : linked.get(p)) {
                    if (!seen[q]) {
                        seen[q] = true;
                        todo.add(q);
                    }
                }
            }
            if (group.size() > 1) {
                out.add(Arrays.toString(group.stream().mapToInt(Integer::intValue).sorted().toArray()));
            }
        }
        return out;
    }
}

package dev.godotload.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SelectionsTest {
    private static Map<Integer, String> catalog(int n) {
        Map<Integer, String> c = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            c.put(i * 10, "prop " + i);
        }
        return c;
    }

    @Test
    void selectionsAreDistinctSortedCatalogIdsOfTheAskedSize() {
        Selections s = new Selections(catalog(20), 2, 8);
        Random random = new Random(7);
        int[] sizes = new int[9];
        for (int n = 0; n < 5000; n++) {
            int[] pick = s.select(random);
            sizes[pick.length]++;
            assertThat(pick).isSorted().doesNotHaveDuplicates();
            assertThat(Arrays.stream(pick).allMatch(id -> id % 10 == 0 && id >= 10 && id <= 200)).isTrue();
        }
        for (int k = 2; k <= 8; k++) {
            assertThat(sizes[k]).as("selections of %d", k).isGreaterThan(500);
        }
        assertThat(sizes[0] + sizes[1]).isZero();
    }

    @Test
    void recordsCarryTheSelectionAndItsNames() {
        Selections s = new Selections(catalog(2), 2, 2);
        Map<String, Object> r = s.next();
        assertThat((int[]) r.get("selection")).containsExactly(10, 20);
        assertThat(r.get("selection_names")).isEqualTo("prop 1 + prop 2");
    }

    /** Gatling's csv() only runs inside Gatling, so the file is read here as plain lines. */
    @Test
    void theBundledCatalogNamesPropsOneToFiftyThousandOnce() throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("user-files/resources/prop-catalog.csv"));
        assertThat(lines.get(0)).isEqualTo("id,name");
        Map<Integer, String> c = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 2);
            assertThat(c.put(Integer.parseInt(f[0]), f[1])).as("id %s once", f[0]).isNull();
            assertThat(f[1]).isNotBlank().doesNotContain("\"");
        }
        assertThat(new Selections(c, 2, 8).ids()).hasSize(50_000).startsWith(1).endsWith(50_000);
    }

    @Test
    void aCatalogTooSmallOrABadRangeIsRefused() {
        assertThatThrownBy(() -> new Selections(catalog(3), 2, 8))
                .hasMessage("the catalog has 3 items; selections of up to 8 need at least that many");
        assertThatThrownBy(() -> new Selections(catalog(3), 3, 2)).hasMessageContaining("1 <= min <= max");
    }
}

package dev.godotload.demo;

import static io.gatling.javaapi.core.CoreDsl.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A feeder of random selections from a catalog: a CSV with an {@code id} column of whole numbers
 * and a {@code name} column, e.g. {@code user-files/resources/prop-catalog.csv}. Each record is
 * {@code selection} (an {@code int[]} of {@code min} to {@code max} distinct ids, ascending) and
 * {@code selection_names} (their names joined with " + ", for logs). Never runs dry; thread-safe.
 */
public final class Selections implements Iterator<Map<String, Object>> {
    /** The session attribute each feed sets: the selected ids. */
    public static final String KEY = "selection";
    private final int[] ids;
    private final Map<Integer, String> names;
    private final int min;
    private final int max;

    Selections(Map<Integer, String> catalog, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("a selection takes min to max items with 1 <= min <= max, got " + min + " to " + max);
        }
        if (catalog.size() < max) {
            throw new IllegalArgumentException("the catalog has " + catalog.size() + " items; selections of up to " + max
                    + " need at least that many");
        }
        this.names = Map.copyOf(catalog);
        this.ids = catalog.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        this.min = min;
        this.max = max;
    }

    /** Reads the catalog with Gatling's CSV feeder (so it is found where every feeder is). */
    public static Selections fromCatalog(String csvResource, int min, int max) {
        Map<Integer, String> catalog = new HashMap<>();
        int line = 1;
        for (Map<String, Object> record : csv(csvResource).readRecords()) {
            line++;
            Object id = record.get("id");
            Object name = record.get("name");
            if (id == null || name == null) {
                throw new IllegalArgumentException(csvResource + " needs the columns id,name");
            }
            int value;
            try {
                value = Integer.parseInt(id.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csvResource + " line " + line + ": id '" + id + "' is not a whole number");
            }
            if (catalog.put(value, name.toString().trim()) != null) {
                throw new IllegalArgumentException(csvResource + " line " + line + ": id " + value + " appears twice");
            }
        }
        return new Selections(catalog, min, max);
    }

    /** The catalog's ids, ascending. */
    public int[] ids() {
        return ids.clone();
    }

    /** The largest id in the catalog: a world must have at least that many props. */
    public int maxId() {
        return ids[ids.length - 1];
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        int[] s = select(ThreadLocalRandom.current());
        List<String> n = new ArrayList<>(s.length);
        for (int id : s) {
            n.add(names.get(id));
        }
        return Map.of(KEY, s, "selection_names", String.join(" + ", n));
    }

    int[] select(RandomGenerator random) {
        int k = min + random.nextInt(max - min + 1);
        // a partial Fisher-Yates over a copy: k distinct picks, no retries
        int[] pool = ids.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = Arrays.copyOf(pool, k);
        Arrays.sort(out);
        return out;
    }
}

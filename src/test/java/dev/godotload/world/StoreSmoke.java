package dev.godotload.world;

import java.util.Arrays;

/**
 * Run by {@link JarWorldStoreIT} with only the runnable jar and the test classes on the class path:
 * writes three merges to a new store, reopens it, and prints what it reads back.
 */
final class StoreSmoke {
    private StoreSmoke() {
    }

    public static void main(String[] args) {
        String location = args[0];
        try (SqliteWorldStore store = SqliteWorldStore.open(location, 10)) {
            store.append(new StoredMerge(1, 1, 1, new int[] {1, 2})).join();
            store.append(new StoredMerge(2, 1, 2, new int[] {2, 3})).join();
            store.append(new StoredMerge(4, 1, 3, new int[] {9, 5})).join();
            System.out.println(store.description());
        }
        try (SqliteWorldStore store = SqliteWorldStore.open(location, 10)) {
            World w = store.load();
            System.out.println("version " + w.version());
            w.groups().forEach(g -> System.out.println(Arrays.toString(g)));
        }
    }
}

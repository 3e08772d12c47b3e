package dev.godotload.world;

import java.io.PrintStream;

/**
 * The process {@link SqliteWorldStoreCrashTest} kills: it appends merges as fast as the store takes
 * them and prints {@code acked <version>} for each one the store acknowledged, until it is killed or
 * has appended them all.
 */
final class AckingWriter {
    static final int PROPS = 1_000;
    /** Enough to still be appending when the test kills it; small enough to end by itself if not killed. */
    static final int MERGES = 200_000;
    private static final long IDLE_MS = 60_000;

    private AckingWriter() {
    }

    /** The merge of each version: the test rebuilds the expected world from the same function. */
    static int[] glued(long version) {
        int a = 1 + (int) (version * 7 % PROPS);
        int b = 1 + (int) ((version * 13 + 1) % PROPS);
        return a == b ? new int[] {a, a % PROPS + 1} : new int[] {a, b};
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        try (SqliteWorldStore store = SqliteWorldStore.open(args[0], PROPS)) {
            for (long v = 1; v <= MERGES; v++) {
                long version = v;
                // Printed on the store's thread once the commit returned: the acknowledgement a client would get.
                store.append(new StoredMerge(v, 1, v, glued(v))).thenRun(() -> out.println("acked " + version));
            }
            store.flush().join();
            out.println("done");
            out.flush();
            Thread.sleep(IDLE_MS); // not killed yet: wait a bounded while, as a killed one would have
        }
    }
}

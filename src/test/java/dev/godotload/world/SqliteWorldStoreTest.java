package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWorldStoreTest {
    private static final int PROPS = 100;
    private static final long WAIT_S = 30;

    @TempDir
    Path dir;

    private static StoredMerge merge(long version, int... glued) {
        return new StoredMerge(version, 7, 1_000 + version, glued);
    }

    /** A valid merge for any version: two neighbouring props, so long runs chain into groups. */
    private static StoredMerge chained(long version) {
        int a = 1 + (int) (version % (PROPS - 1));
        return merge(version, a, a + 1);
    }

    private static Connection jdbc(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri());
    }

    private static long count(Path file, String sql) throws SQLException {
        try (Connection c = jdbc(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void execute(Path file, String... sql) throws SQLException {
        try (Connection c = jdbc(file); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> f) throws InterruptedException {
        try {
            f.get(WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not complete within " + WAIT_S + " s");
        }
        throw new AssertionError("the future completed normally");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_S, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The directory's names and the file's bytes, to show a refused file was left as it was. */
    private record Snapshot(List<String> names, byte[] bytes) {
        static Snapshot of(Path file) throws Exception {
            try (Stream<Path> files = Files.list(file.getParent())) {
                return new Snapshot(files.map(p -> p.getFileName().toString()).sorted().toList(), Files.readAllBytes(file));
            }
        }

        void assertUnchanged(Path file) throws Exception {
            Snapshot now = of(file);
            assertThat(now.names()).as("files beside it").isEqualTo(names);
            assertThat(Arrays.equals(now.bytes(), bytes)).as("its bytes are unchanged").isTrue();
        }
    }

    /** Opening is refused with a one-line message starting with the path, and the file is left alone. */
    private static String refused(Path file, int props) throws Exception {
        Snapshot before = Snapshot.of(file);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SqliteWorldStore.open(file.toString(), props).close());
        assertThat(t).isInstanceOf(WorldStoreException.class);
        assertThat(t.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        before.assertUnchanged(file);
        return t.getMessage();
    }

    private Path storeWith(String name, int merges) {
        Path file = dir.resolve(name);
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            for (int v = 1; v <= merges; v++) {
                store.append(chained(v));
            }
            store.flush().join();
        }
        return file;
    }

    @Test
    void mergesSurviveAReopenWithTheirVersionsGapsIncluded() throws Exception {
        Path file = dir.resolve("world.db");
        World expected = new World(PROPS);
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            assertThat(store.props()).isEqualTo(PROPS);
            assertThat(store.description()).isEqualTo("SQLite " + file.toAbsolutePath().normalize() + " (WAL, synchronous=FULL)");
            assertThat(store.load().version()).isZero();
            for (long v : new long[] {1, 2, 5, 9}) {
                int[] glued = {(int) v, (int) v + 10, 50};
                store.append(merge(v, glued)).get(WAIT_S, TimeUnit.SECONDS);
                expected.replay(v, glued);
            }
        }
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            World loaded = store.load();
            assertThat(loaded.version()).isEqualTo(9);
            assertThat(WorldTest.groups(loaded)).isEqualTo(WorldTest.groups(expected)).isNotEmpty();
            store.append(merge(10, 3, 4)).get(WAIT_S, TimeUnit.SECONDS); // appends go on above the stored version
            assertThat(store.load().together(3, 4)).isTrue();
        }
    }

    @Test
    void theFileIsMarkedAsOursAndKeepsTheMergeAsSent() throws Exception {
        Path file = dir.resolve("a world? 100% mine.db"); // sqlite-jdbc would read a bare '?' as settings
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            store.append(new StoredMerge(1, 1_480_066_776, 1L << 40, new int[] {100, 3, 42})).get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(count(file, "PRAGMA application_id")).isEqualTo(0x474C5744);
        assertThat(count(file, "PRAGMA user_version")).isEqualTo(1);
        assertThat(count(file, "SELECT props FROM world")).isEqualTo(PROPS);
        try (Connection c = jdbc(file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, peer, op_id, glued FROM merges")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(1_480_066_776);
            assertThat(rs.getLong(3)).isEqualTo(1L << 40);
            assertThat(GluedBlob.decode(rs.getBytes(4))).containsExactly(100, 3, 42);
            assertThat(rs.getBytes(4)).hasSize(12);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aFutureCompletesOnlyOnceItsTransactionCommitted() throws Exception {
        Path file = dir.resolve("world.db");
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SqliteWorldStore.CommitHook hook = batch -> {
            inTransaction.countDown();
            await(release);
        };
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS, hook)) {
            CompletableFuture<Void> f = store.append(merge(1, 1, 2));
            await(inTransaction); // the row is written, COMMIT not yet run
            assertThat(f).isNotDone();
            assertThat(store.flush()).isNotDone();
            assertThat(count(file, "SELECT count(*) FROM merges")).as("seen from another connection").isZero();
            release.countDown();
            f.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(count(file, "SELECT count(*) FROM merges WHERE version = 1")).isEqualTo(1);
        }
    }

    @Test
    void groupCommitWritesEverythingQueuedInBoundedBatches() throws Exception {
        Path file = dir.resolve("world.db");
        int merges = 3_000;
        AtomicBoolean first = new AtomicBoolean(true);
        CountDownLatch release = new CountDownLatch(1);
        SqliteWorldStore.CommitHook hook = batch -> {
            if (first.getAndSet(false)) {
                await(release); // hold the first transaction open while the rest queue up
            }
        };
        List<Long> completed = Collections.synchronizedList(new ArrayList<>());
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS, hook)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (long v = 1; v <= merges; v++) {
                long version = v;
                futures.add(store.append(chained(v)).thenRun(() -> completed.add(version)));
            }
            CompletableFuture<Void> flushed = store.flush();
            assertThat(flushed).isNotDone();
            release.countDown();
            flushed.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            // The first batch is whatever was queued when the writer woke; the rest fill 1,024-merge batches.
            assertThat(store.largestBatch()).isEqualTo(GroupCommitter.MAX_BATCH);
            assertThat(store.transactions()).isBetween(3L, 4L);
        }
        assertThat(completed).hasSize(merges).isSorted();
        assertThat(count(file, "SELECT count(*) FROM merges")).isEqualTo(merges);
    }

    @Test
    void appendWaitsForRoomWhenTheQueueIsFull() throws Exception {
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        SqliteWorldStore.CommitHook hook = batch -> {
            if (first.getAndSet(false)) {
                inTransaction.countDown();
                await(release);
            }
        };
        try (SqliteWorldStore store = SqliteWorldStore.open(":memory:", PROPS, hook)) {
            store.append(chained(1));
            await(inTransaction); // the writer holds merge 1; the queue is empty
            for (long v = 2; v <= GroupCommitter.QUEUE_CAPACITY + 1; v++) {
                store.append(chained(v));
            }
            long overflow = GroupCommitter.QUEUE_CAPACITY + 2;
            CompletableFuture<CompletableFuture<Void>> appended = CompletableFuture.supplyAsync(() -> store.append(chained(overflow)));
            Thread.sleep(200);
            assertThat(appended).as("append waits while the queue is full").isNotDone();
            release.countDown();
            appended.get(WAIT_S, TimeUnit.SECONDS).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(store.load().version()).isEqualTo(overflow);
        }
    }

    @Test
    void closeFromAnAcknowledgementsCallbackStillCommitsWhatWasQueued() throws Exception {
        Path file = dir.resolve("world.db");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        SqliteWorldStore.CommitHook hook = batch -> {
            if (first.getAndSet(false)) {
                await(release);
            }
        };
        long before = writerThreads();
        SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS, hook);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        futures.add(store.append(chained(1)).thenRun(store::close)); // runs on the writer thread
        for (long v = 2; v <= 50; v++) {
            futures.add(store.append(chained(v)));
        }
        release.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT_S, TimeUnit.SECONDS);
        store.close(); // waits for the writer to end
        assertThat(writerThreads()).isEqualTo(before);
        assertThat(count(file, "SELECT count(*) FROM merges")).isEqualTo(50);
    }

    @Test
    void flushWaitsForEverythingAppendedBeforeIt() throws Exception {
        try (SqliteWorldStore store = SqliteWorldStore.open(dir.resolve("world.db").toString(), PROPS)) {
            assertThat(store.flush()).isCompleted(); // nothing to wait for
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (long v = 1; v <= 500; v++) {
                futures.add(store.append(chained(v)));
            }
            store.flush().get(WAIT_S, TimeUnit.SECONDS);
            assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(store.load().version()).isEqualTo(500);
        }
    }

    @Test
    void anInMemoryStoreWorksAndSaysItIsNotDurable() throws Exception {
        try (SqliteWorldStore store = SqliteWorldStore.open(":memory:", PROPS);
                SqliteWorldStore other = SqliteWorldStore.open(":memory:", PROPS)) {
            assertThat(store.description()).isEqualTo("SQLite :memory: (not durable)");
            store.append(merge(1, 1, 2)).get(WAIT_S, TimeUnit.SECONDS);
            store.append(merge(2, 2, 3)).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(WorldTest.groups(store.load())).containsExactly("[1, 2, 3]");
            assertThat(other.load().version()).as("each :memory: store is its own").isZero();
        }
    }

    @Test
    void anEmptyOrMissingFileBecomesANewWorld() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        try (SqliteWorldStore store = SqliteWorldStore.open(empty.toString(), PROPS)) {
            assertThat(store.load().version()).isZero();
        }
        assertThat(count(empty, "PRAGMA application_id")).isEqualTo(0x474C5744);

        // A SQLite file with nothing in it (as one cut short before its schema committed) is claimed too.
        Path blank = dir.resolve("blank.db");
        execute(blank, "CREATE TABLE t (x)", "DROP TABLE t");
        assertThat(Files.size(blank)).isPositive();
        try (SqliteWorldStore store = SqliteWorldStore.open(blank.toString(), PROPS)) {
            store.append(merge(1, 1, 2)).get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(count(blank, "SELECT count(*) FROM merges")).isEqualTo(1);
    }

    @Test
    void randomBytesAreNotADatabase() throws Exception {
        Path file = dir.resolve("noise.db");
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        Files.write(file, noise);
        assertThat(refused(file, PROPS))
                .isEqualTo(file + " is not a godot-load world database: file is not a database; left untouched");
    }

    @Test
    void aTextFileIsNotADatabase() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "props: 1000\nthis is not SQLite\n");
        assertThat(refused(file, PROPS))
                .isEqualTo(file + " is not a godot-load world database: file is not a database; left untouched");
    }

    @Test
    void aSqliteHeaderOverGarbageIsRefusedBySqliteItself() throws Exception {
        Path file = dir.resolve("fake.db");
        byte[] bytes = new byte[8192];
        new Random(11).nextBytes(bytes);
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        Files.write(file, bytes);
        assertThat(refused(file, PROPS))
                .isEqualTo(file + " is not a godot-load world database: file is not a database; left untouched");
    }

    @Test
    void anotherApplicationsDatabaseIsLeftUntouched() throws Exception {
        Path file = dir.resolve("app.db");
        execute(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes (text) VALUES ('keep me')");
        assertThat(refused(file, PROPS)).isEqualTo(file + " is another application's database (application_id 0x00000000,"
                + " 1 schema objects), not a godot-load world; left untouched");
        assertThat(count(file, "SELECT count(*) FROM notes")).isEqualTo(1);

        Path marked = dir.resolve("marked.db");
        execute(marked, "PRAGMA application_id = 305419896");
        assertThat(refused(marked, PROPS)).contains("is another application's database (application_id 0x12345678, 0 schema objects)");
    }

    @Test
    void aCorruptPageIsFoundByQuickCheck() throws Exception {
        Path file = storeWith("world.db", 2_000);
        assertThat(dir.resolve("world.db-wal")).as("checkpointed on close").doesNotExist();
        long pageSize = count(file, "PRAGMA page_size");
        long pages = Files.size(file) / pageSize;
        assertThat(pages).as("enough rows for several pages").isGreaterThan(8);
        // A leaf of the merges table in the middle of the file: its cell pointers (after the 8-byte
        // page header) now point past the end of the page.
        long page = pages / 2;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((page - 1) * pageSize + 16);
            byte[] junk = new byte[16];
            Arrays.fill(junk, (byte) 0xA5);
            raf.write(junk);
        }
        assertThat(refused(file, PROPS)).startsWith(file + " is corrupt (quick_check: ").endsWith("); left untouched");
    }

    @Test
    void aStoredMergeThatCouldNotHaveBeenAppliedIsCorrupt() throws Exception {
        Path file = storeWith("world.db", 3);
        execute(file, "UPDATE merges SET glued = x'0100000088130000' WHERE version = 2"); // props 1 and 5000
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            assertThatThrownBy(store::load).isInstanceOf(WorldStoreException.class).hasMessage(file
                    + " is corrupt (stored merge 2: unknown prop 5000 (props are 1 to 100)); left untouched");
        }
    }

    @Test
    void aWorldOfAnotherSizeIsRefused() throws Exception {
        Path file = dir.resolve("w.db");
        SqliteWorldStore.open(file.toString(), 1_000).close();
        assertThat(refused(file, 500)).isEqualTo(file + " holds a world of 1000 props, not 500; use --props 1000 or another --db");
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path file = storeWith("world.db", 2);
        execute(file, "PRAGMA user_version = 2");
        assertThat(refused(file, PROPS)).isEqualTo(file
                + " was written by a newer godot-load (world schema 2, this one reads up to 1); left untouched");
    }

    @Test
    void ourMarkWithoutOurSchemaIsCorrupt() throws Exception {
        Path file = dir.resolve("half.db");
        execute(file, "PRAGMA application_id = " + 0x474C5744, "PRAGMA user_version = 1", "CREATE TABLE other (x)");
        assertThat(refused(file, PROPS)).isEqualTo(file
                + " is corrupt (a godot-load world without its schema (version 1)); left untouched");
    }

    @Test
    void placesThatCannotHoldAFileAreRefused() {
        Path nowhere = dir.resolve("missing").resolve("world.db");
        assertThatThrownBy(() -> SqliteWorldStore.open(nowhere.toString(), PROPS)).isInstanceOf(WorldStoreException.class)
                .hasMessage(nowhere + " cannot be created: no directory " + nowhere.getParent());
        assertThatThrownBy(() -> SqliteWorldStore.open(dir.toString(), PROPS)).isInstanceOf(WorldStoreException.class)
                .hasMessage(dir + " is not a godot-load world database: not a regular file; left untouched");
        assertThatThrownBy(() -> SqliteWorldStore.open(":memory:", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(nowhere.getParent()).doesNotExist();
    }

    @Test
    void aMergeThatCouldNotBeReplayedIsRefusedAndTheStoreGoesOn() throws Exception {
        try (SqliteWorldStore store = SqliteWorldStore.open(dir.resolve("world.db").toString(), PROPS)) {
            store.append(merge(5, 1, 2)).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(failureOf(store.append(merge(6, 1, PROPS + 1)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("merge version 6: unknown prop 101 (props are 1 to 100)");
            assertThat(failureOf(store.append(merge(6, 3)))).hasMessage("merge version 6: too few props: 1 (a merge glues 2 to 64)");
            assertThat(failureOf(store.append(merge(5, 3, 4)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("merge version 5 does not follow 5");
            store.append(merge(6, 3, 4)).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(WorldTest.groups(store.load())).containsExactly("[1, 2]", "[3, 4]");
        }
    }

    @Test
    void closeIsIdempotentAndRefusesWhatComesAfter() throws Exception {
        Path file = dir.resolve("world.db");
        SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS);
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (long v = 1; v <= 200; v++) {
            queued.add(store.append(chained(v)));
        }
        store.close(); // commits what was queued
        assertThat(queued).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        store.close();
        assertThat(failureOf(store.append(chained(201)))).isInstanceOf(WorldStoreException.class)
                .hasMessage(file + ": the world store is closed; merge version 201 not stored");
        assertThatThrownBy(store::load).isInstanceOf(WorldStoreException.class).hasMessage(file + ": the world store is closed");
        assertThat(store.flush()).isCompleted();
        assertThat(count(file, "SELECT count(*) FROM merges")).isEqualTo(200);
        assertThat(dir.resolve("world.db-wal")).as("closed: the WAL is checkpointed and removed").doesNotExist();
    }

    @Test
    void closeEndsTheWriterThread() throws Exception {
        long before = writerThreads();
        SqliteWorldStore store = SqliteWorldStore.open(":memory:", PROPS);
        assertThat(writerThreads()).isEqualTo(before + 1);
        store.close();
        assertThat(writerThreads()).isEqualTo(before);
    }

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(GroupCommitter.THREAD_NAME) && t.isAlive()).count();
    }

    @Test
    void aFailedCommitFailsItsBatchAndEveryLaterMerge() throws Exception {
        Path file = dir.resolve("world.db");
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            store.append(merge(1, 1, 2)).get(WAIT_S, TimeUnit.SECONDS);
            // Someone else writes version 2 behind the store's back: its own insert of 2 hits the primary key.
            execute(file, "INSERT INTO merges (version, peer, op_id, glued) VALUES (2, 9, 9, x'0300000004000000')");

            Throwable commit = failureOf(store.append(merge(2, 5, 6)));
            assertThat(commit).isInstanceOf(WorldStoreException.class)
                    .hasMessageStartingWith(file + ": commit of merge versions 2 to 2 failed: ")
                    .hasMessageContaining("UNIQUE constraint failed: merges.version")
                    .hasMessageEndingWith("; the store takes no more merges");
            CompletableFuture<Void> later = store.append(merge(3, 7, 8));
            assertThat(later).isCompletedExceptionally();
            assertThat(failureOf(later)).isInstanceOf(WorldStoreException.class)
                    .hasMessage(file + ": merge version 3 not stored: the store stopped when an earlier commit failed");
            assertThat(failureOf(store.flush())).isSameAs(commit);

            // What did commit is still there to read.
            World w = store.load();
            assertThat(WorldTest.groups(w)).containsExactly("[1, 2]", "[3, 4]");
            assertThat(w.version()).isEqualTo(2);
        }
        assertThat(count(file, "SELECT count(*) FROM merges")).isEqualTo(2);
    }

    @Test
    void aBatchThatFailsBeforeCommitLeavesNoRowBehind() throws Exception {
        Path file = dir.resolve("world.db");
        AtomicBoolean failNext = new AtomicBoolean(false);
        SqliteWorldStore.CommitHook hook = batch -> {
            if (failNext.get()) {
                throw new SQLException("disk I/O error (simulated)");
            }
        };
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS, hook)) {
            store.append(merge(1, 1, 2)).get(WAIT_S, TimeUnit.SECONDS);
            failNext.set(true);
            assertThat(failureOf(store.append(merge(2, 3, 4)))).isInstanceOf(WorldStoreException.class)
                    .hasMessage(file + ": commit of merge versions 2 to 2 failed: disk I/O error (simulated); the store takes no more merges");
            failNext.set(false);
            assertThat(failureOf(store.append(merge(3, 5, 6)))).isInstanceOf(WorldStoreException.class)
                    .hasMessageContaining("not stored: the store stopped");
        }
        assertThat(count(file, "SELECT count(*) FROM merges")).as("the failed batch was rolled back").isEqualTo(1);
        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), PROPS)) {
            assertThat(store.load().version()).isEqualTo(1);
        }
    }
}

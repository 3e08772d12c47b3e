package dev.godotload.world;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world's merges in a SQLite file (or {@code :memory:}, for tests): one append-only row per merge,
 * written by one thread with group commit, in WAL mode with {@code synchronous=FULL}, so a completed
 * {@link #append} to a file survives a kill -9 and a power cut.
 *
 * <p>{@link #open} refuses, in one line and without writing to it, a file that is not a database,
 * another application's database, a corrupt one, one from a newer godot-load, or a world of another
 * size.
 */
public final class SqliteWorldStore implements WorldStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteWorldStore.class);

    /** Lets tests stop or fail a batch inside its transaction, after its rows are written and before COMMIT. */
    interface CommitHook {
        CommitHook NONE = batch -> { };

        void beforeCommit(List<StoredMerge> batch) throws SQLException;
    }

    private final String location;
    private final String description;
    private final int props;
    private final Connection connection;
    private final PreparedStatement insert;
    private final CommitHook hook;
    /**
     * One connection serves the writer and {@link #load}: a read inside the writer's open transaction
     * would see merges not yet committed, so each holds this for its whole transaction.
     */
    private final ReentrantLock db = new ReentrantLock();
    private final GroupCommitter committer;
    private volatile boolean closed;

    private SqliteWorldStore(String location, SqliteWorldFile.Opened opened, CommitHook hook) throws SQLException {
        this.location = location;
        this.description = opened.description();
        this.props = opened.props();
        this.connection = opened.connection();
        this.insert = connection.prepareStatement("INSERT INTO merges (version, peer, op_id, glued) VALUES (?, ?, ?, ?)");
        this.hook = hook;
        this.committer = new GroupCommitter(location, opened.version(), this::commit, this::release);
    }

    /**
     * Opens or creates the world database at {@code location}, a file path or {@code :memory:}.
     *
     * @param props the world's prop count: a new file is created with it, an existing one must hold it
     * @throws WorldStoreException the file cannot be used; the message is one line starting with {@code location}
     */
    public static SqliteWorldStore open(String location, int props) {
        return open(location, props, CommitHook.NONE);
    }

    static SqliteWorldStore open(String location, int props, CommitHook hook) {
        SqliteWorldFile.Opened opened = SqliteWorldFile.open(location, props);
        try {
            SqliteWorldStore store = new SqliteWorldStore(location, opened, hook);
            log.debug("opened {}: {} props, version {}", store.description, store.props, opened.version());
            return store;
        } catch (SQLException e) {
            SqliteWorldFile.closeQuietly(opened.connection(), e);
            throw SqliteWorldFile.failure(location, e);
        }
    }

    @Override
    public World load() {
        db.lock();
        try {
            if (closed) {
                throw new WorldStoreException(location + ": the world store is closed");
            }
            long start = System.nanoTime();
            World world = new World(props);
            int merges = 0;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version, glued FROM merges ORDER BY version")) {
                while (rs.next()) {
                    world.replay(rs.getLong(1), GluedBlob.decode(rs.getBytes(2)));
                    merges++;
                }
            } catch (SQLException e) {
                throw SqliteWorldFile.failure(location, e);
            } catch (IllegalArgumentException e) {
                throw new WorldStoreException(location + " is corrupt (" + e.getMessage() + "); left untouched", e);
            }
            log.info("world store {}: {} props, version {}, {} merges replayed in {} ms", description, props, world.version(),
                    merges, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return world;
        } finally {
            db.unlock();
        }
    }

    @Override
    public int props() {
        return props;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refused at once (a failed future) when the merge could not be replayed: an
     * {@link IllegalArgumentException} if its props are not 2 to 64 distinct ids of this world or its
     * version does not rise above the last one appended, a {@link WorldStoreException} once the store
     * is closed or has stopped after a failed commit. Waits when {@value GroupCommitter#QUEUE_CAPACITY}
     * merges are already queued.
     */
    @Override
    public CompletableFuture<Void> append(StoredMerge merge) {
        String why = World.rejection(props, merge.glued());
        if (why != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("merge version " + merge.version() + ": " + why));
        }
        return committer.append(merge);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return committer.flush();
    }

    @Override
    public String description() {
        return description;
    }

    /** Commits what is queued, stops the writer thread and closes the database. Idempotent. */
    @Override
    public void close() {
        committer.close();
    }

    /** Transactions committed so far (each holds one batch): for tests of group commit. */
    long transactions() {
        return committer.transactions();
    }

    /** The most merges one transaction held so far. */
    int largestBatch() {
        return committer.largestBatch();
    }

    /** The writer thread's sink: one batch, one transaction. */
    private void commit(List<StoredMerge> batch) throws SQLException {
        db.lock();
        try (Statement s = connection.createStatement()) {
            // IMMEDIATE takes the write lock now, so a busy database fails here, before any row is written.
            s.execute("BEGIN IMMEDIATE");
            try {
                for (StoredMerge m : batch) {
                    insert.setLong(1, m.version());
                    insert.setInt(2, m.peer());
                    insert.setLong(3, m.opId());
                    insert.setBytes(4, GluedBlob.encode(m.glued()));
                    insert.executeUpdate();
                }
                hook.beforeCommit(batch);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                SqliteWorldFile.rollbackQuietly(connection, e);
                throw e;
            }
        } finally {
            db.unlock();
        }
    }

    /** Run by the writer thread after its last batch. */
    private void release() {
        db.lock();
        try {
            closed = true;
            try (insert) {
                // closed before the connection that prepared it
            } catch (SQLException e) {
                log.warn("{}: closing: {}", location, SqliteWorldFile.sqliteMessage(e));
            }
            try {
                connection.close(); // the last connection to close checkpoints the WAL into the file
            } catch (SQLException e) {
                log.warn("{}: closing: {}", location, SqliteWorldFile.sqliteMessage(e));
            }
            log.debug("closed {}", description);
        } finally {
            db.unlock();
        }
    }
}

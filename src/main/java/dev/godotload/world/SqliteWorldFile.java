package dev.godotload.world;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Opens a world database: creates the schema in a new (missing or empty) file, and checks an existing
 * file before anything writes to it. A file that fails a check is reported in one line and never
 * written: it may be someone's only copy of something.
 */
final class SqliteWorldFile {
    /** {@code PRAGMA application_id}: "GLWD", so {@code file(1)} and we can tell our files from others. */
    static final int APPLICATION_ID = 0x474C5744;
    /** {@code PRAGMA user_version}: the schema below. */
    static final int SCHEMA_VERSION = 1;
    static final String MEMORY = ":memory:";
    /** How long a statement waits for another connection's lock (a reader's checkpoint, a second process). */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private static final String URL_PREFIX = "jdbc:sqlite:";
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private static final String[] SCHEMA = {
        // One row: the prop count is fixed when the world is created.
        "CREATE TABLE world (id INTEGER PRIMARY KEY CHECK (id = 1),"
                + " props INTEGER NOT NULL CHECK (props BETWEEN " + World.MIN_GLUED + " AND " + World.MAX_PROPS + ")) STRICT",
        // Append-only: one row per acknowledged merge; version is the rowid, so replay reads in order.
        "CREATE TABLE merges (version INTEGER PRIMARY KEY CHECK (version > 0), peer INTEGER NOT NULL,"
                + " op_id INTEGER NOT NULL, glued BLOB NOT NULL CHECK (length(glued) % " + GluedBlob.BYTES_PER_ID + " = 0"
                + " AND length(glued) BETWEEN " + World.MIN_GLUED * GluedBlob.BYTES_PER_ID
                + " AND " + World.MAX_GLUED * GluedBlob.BYTES_PER_ID + ")) STRICT",
    };

    /** What {@link #open} hands the store: the connection (autocommit on) and what the file holds. */
    record Opened(Connection connection, String description, int props, long version) {
    }

    /** What a checked file holds: nothing yet (a SQLite file with no schema), or a world. */
    private record Contents(boolean empty, int props, long version) {
        static final Contents EMPTY = new Contents(true, 0, 0);
    }

    private SqliteWorldFile() {
    }

    static Opened open(String location, int props) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a world database needs a file path or " + MEMORY);
        }
        if (props < World.MIN_GLUED || props > World.MAX_PROPS) {
            throw new IllegalArgumentException("a world has " + World.MIN_GLUED + " to " + World.MAX_PROPS + " props, not " + props);
        }
        return MEMORY.equals(location) ? openMemory(props) : openFile(location, props);
    }

    private static Opened openMemory(int props) {
        Connection c = connect(MEMORY, URL_PREFIX + MEMORY, false);
        try {
            createSchema(c, props);
            Contents contents = inspect(c, MEMORY, props);
            // SQLite keeps an in-memory database's journal in memory: there is no WAL to ask for.
            return new Opened(c, "SQLite " + MEMORY + " (not durable)", contents.props(), contents.version());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e instanceof WorldStoreException w ? w : failure(MEMORY, e);
        }
    }

    private static Opened openFile(String location, int props) {
        Path path = pathOf(location);
        boolean fresh = checkFile(location, path);
        if (!fresh) {
            Connection ro = connect(location, probeUrlOf(path), true);
            try {
                inspect(ro, location, props);
            } catch (SQLException e) {
                throw failure(location, e);
            } finally {
                closeQuietly(ro, null);
            }
        }
        Connection c = connect(location, urlOf(path), false);
        try {
            Contents contents = inspect(c, location, props); // again: the file may have changed in between
            String journal = durable(c, location);
            if (contents.empty()) {
                createSchema(c, props);
                contents = inspect(c, location, props);
            }
            String description = "SQLite " + path.toAbsolutePath().normalize() + " (" + journal + ", synchronous=FULL)";
            return new Opened(c, description, contents.props(), contents.version());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e instanceof WorldStoreException w ? w : failure(location, e);
        }
    }

    private static Path pathOf(String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new WorldStoreException(location + ": not a file path: " + e.getReason(), e);
        }
    }

    /** A file: URI, so a '?' or '%' in the path is part of the name, not a parameter. */
    private static String urlOf(Path path) {
        return URL_PREFIX + path.toAbsolutePath().normalize().toUri();
    }

    /**
     * For the read-only look at an existing file. Without a WAL beside it, the file is the whole
     * database and is read as immutable: no lock, no -shm or -wal created next to a file we may refuse.
     * With one, SQLite must read the WAL too (a writer died or is running), so only read-only; a
     * read-write connection would checkpoint that WAL into the file when it closed.
     */
    private static String probeUrlOf(Path path) {
        Path wal = path.resolveSibling(path.getFileName() + "-wal");
        return urlOf(path) + (Files.exists(wal) ? "" : "?immutable=1");
    }

    /**
     * Whether the file is new to us (missing or 0 bytes); refuses what is not a regular file or does
     * not start like a SQLite database, before SQLite sees it.
     */
    private static boolean checkFile(String location, Path path) {
        if (!Files.exists(path)) {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new WorldStoreException(location + " cannot be created: no directory " + dir);
            }
            return true;
        }
        if (!Files.isRegularFile(path)) {
            throw new WorldStoreException(location + " is not a godot-load world database: not a regular file; left untouched");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SQLITE_MAGIC.length);
        } catch (IOException e) {
            throw new WorldStoreException(location + " cannot be read: " + oneLine(e.toString()), e);
        }
        if (head.length == 0) {
            return true;
        }
        if (!Arrays.equals(head, SQLITE_MAGIC)) {
            throw notADatabase(location, null);
        }
        return false;
    }

    private static Connection connect(String location, String url, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return config.createConnection(url);
        } catch (SQLException e) {
            throw failure(location, e);
        }
    }

    /**
     * What the file holds, or a one-line refusal; only reads. Order matters: a foreign file is named
     * foreign whatever its state, and ours is checked whole before its contents are trusted.
     */
    private static Contents inspect(Connection c, String location, int props) throws SQLException {
        int objects = intQuery(c, "SELECT count(*) FROM sqlite_schema"); // SQLITE_NOTADB surfaces here
        int applicationId = intQuery(c, "PRAGMA application_id");
        int userVersion = intQuery(c, "PRAGMA user_version");
        if (applicationId != APPLICATION_ID) {
            if (applicationId == 0 && userVersion == 0 && objects == 0) {
                return Contents.EMPTY; // a SQLite file with nothing in it, e.g. ours cut short before the schema committed
            }
            throw new WorldStoreException(location + " is another application's database (application_id "
                    + String.format("0x%08X", applicationId) + ", " + objects + " schema objects), not a godot-load world; left untouched");
        }
        if (userVersion > SCHEMA_VERSION) {
            throw new WorldStoreException(location + " was written by a newer godot-load (world schema " + userVersion
                    + ", this one reads up to " + SCHEMA_VERSION + "); left untouched");
        }
        String check = quickCheck(c);
        if (!"ok".equals(check)) {
            throw corrupt(location, "quick_check: " + check);
        }
        if (userVersion < SCHEMA_VERSION || !hasTable(c, "world") || !hasTable(c, "merges")) {
            throw corrupt(location, "a godot-load world without its schema (version " + userVersion + ")");
        }
        int stored = storedProps(c, location);
        if (stored != props) {
            throw new WorldStoreException(location + " holds a world of " + stored + " props, not " + props
                    + "; use --props " + stored + " or another --db");
        }
        long version = longQuery(c, "SELECT coalesce(max(version), 0) FROM merges");
        return new Contents(false, stored, version);
    }

    private static String quickCheck(Connection c) throws SQLException {
        StringBuilder problems = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
            while (rs.next()) {
                problems.append(problems.length() == 0 ? "" : "; ").append(rs.getString(1).replace("*** in database main ***", ""));
            }
        }
        return oneLine(problems.toString());
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (var s = c.prepareStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static int storedProps(Connection c, String location) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT props FROM world WHERE id = 1")) {
            if (!rs.next()) {
                throw corrupt(location, "its world table has no prop count");
            }
            return rs.getInt(1);
        }
    }

    /** WAL: a commit appends to one file and syncs it once; FULL: the sync happens before COMMIT returns. */
    private static String durable(Connection c, String location) throws SQLException {
        String journal;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                journal = rs.next() ? rs.getString(1) : "?";
            }
            s.execute("PRAGMA synchronous=FULL");
            // No-ops but on macOS, where a plain fsync leaves the data in the drive's cache.
            s.execute("PRAGMA fullfsync=ON");
            s.execute("PRAGMA checkpoint_fullfsync=ON");
        }
        if (intQuery(c, "PRAGMA synchronous") != 2) {
            throw new WorldStoreException(location + ": SQLite refused synchronous=FULL");
        }
        // A file system without shared memory for WAL keeps the rollback journal, which is as durable.
        return "wal".equalsIgnoreCase(journal) ? "WAL" : "journal_mode=" + journal;
    }

    /** One transaction: a crash leaves either nothing (an empty file, claimed again next time) or the whole schema. */
    private static void createSchema(Connection c, int props) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                s.execute("INSERT INTO world (id, props) VALUES (1, " + props + ")");
                s.execute("PRAGMA application_id=" + APPLICATION_ID);
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    static void rollbackQuietly(Connection c, Exception cause) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may have rolled back already (an I/O error does); the cause is what matters.
            cause.addSuppressed(e);
        }
    }

    private static int intQuery(Connection c, String sql) throws SQLException {
        return Math.toIntExact(longQuery(c, sql));
    }

    private static long longQuery(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no result from " + sql);
            }
            return rs.getLong(1);
        }
    }

    static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The one-line message for a failure SQLite or the JDBC driver reported. */
    static WorldStoreException failure(String location, Exception e) {
        if (e instanceof SQLException s) {
            int code = s.getErrorCode() & 0xff; // the primary result code, whatever extended code came with it
            if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return notADatabase(location, e);
            }
            if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return corrupt(location, "database disk image is malformed", e);
            }
            return new WorldStoreException(location + ": " + sqliteMessage(s), e);
        }
        return new WorldStoreException(location + ": " + oneLine(e.toString()), e);
    }

    private static WorldStoreException notADatabase(String location, Exception cause) {
        return new WorldStoreException(location + " is not a godot-load world database: file is not a database; left untouched", cause);
    }

    private static WorldStoreException corrupt(String location, String detail) {
        return corrupt(location, detail, null);
    }

    private static WorldStoreException corrupt(String location, String detail, Exception cause) {
        return new WorldStoreException(location + " is corrupt (" + detail + "); left untouched", cause);
    }

    /** sqlite-jdbc's message without its "[SQLITE_X]" prefix, on one line. */
    static String sqliteMessage(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return oneLine(m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", ""));
    }

    static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

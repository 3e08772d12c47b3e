package dev.godotload.server.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import dev.godotload.world.World;

/**
 * The reference server's prop world: where it is stored, how many props it has, and the fault
 * switch for validating the integrity checker.
 *
 * @param database        a SQLite file, {@value #IN_MEMORY} (nothing survives the process), or null for
 *                        a fresh file under {@code ./target} (if that directory exists) or the temp directory
 * @param props           props 1..P of a new world; an existing file must have been made with the same P
 * @param loseAckedMerges the fraction of merges acknowledged but never applied ({@code --fault
 *                        lose-acked-merges=F}); 0 for an honest server
 */
public record WorldOptions(String database, int props, double loseAckedMerges) {
    public static final String IN_MEMORY = ":memory:";

    public WorldOptions {
        if (props < World.MIN_GLUED || props > World.MAX_PROPS) {
            throw new IllegalArgumentException("a world has " + World.MIN_GLUED + " to " + World.MAX_PROPS + " props, not " + props);
        }
        if (!(loseAckedMerges >= 0 && loseAckedMerges <= 1)) {
            throw new IllegalArgumentException(WorldNode.LOSE_ACKED_MERGES + " must be a fraction from 0 to 1, got " + loseAckedMerges);
        }
    }

    /** A fresh file, 1,000 props, no fault. */
    public static WorldOptions defaults() {
        return new WorldOptions(null, World.DEFAULT_PROPS, 0);
    }

    /** 1,000 props in memory: for tests. */
    public static WorldOptions inMemory() {
        return defaults().withDatabase(IN_MEMORY);
    }

    public WorldOptions withDatabase(String file) {
        return new WorldOptions(file, props, loseAckedMerges);
    }

    public WorldOptions withProps(int p) {
        return new WorldOptions(database, p, loseAckedMerges);
    }

    public WorldOptions withLoseAckedMerges(double fraction) {
        return new WorldOptions(database, props, fraction);
    }

    /**
     * Sets the fault from its spelling on the command line, {@code lose-acked-merges=F}; null or
     * blank for none.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public WorldOptions withFault(String spec) {
        if (spec == null || spec.isBlank()) {
            return withLoseAckedMerges(0);
        }
        String prefix = WorldNode.LOSE_ACKED_MERGES + "=";
        if (spec.startsWith(prefix)) {
            try {
                double f = Double.parseDouble(spec.substring(prefix.length()));
                if (f >= 0 && f <= 1) {
                    return withLoseAckedMerges(f);
                }
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new IllegalArgumentException("expected " + prefix + "F with F a fraction from 0 to 1, e.g. " + prefix + "0.01");
    }

    /** The database to open: the configured one, or a new file name that no other run uses. */
    public String resolveDatabase() {
        if (database != null) {
            return database;
        }
        String name = "godot-load-world-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))
                + "-" + ProcessHandle.current().pid() + ".db";
        Path target = Paths.get("target");
        if (Files.isDirectory(target) && Files.isWritable(target)) {
            return target.resolve(name).toString();
        }
        try {
            return Files.createTempDirectory("godot-load-").resolve(name).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the world database: " + e.getMessage(), e);
        }
    }
}

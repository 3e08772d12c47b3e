package dev.godotload.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the current run's Gatling report goes, so files of ours (a verdict) land next to its
 * {@code index.html}. Gatling names the folder {@code <simulation in lower case>-<timestamp>} under
 * its results directory ({@code target/gatling} with the Maven plugin) and writes
 * {@code simulation.log} there while the run goes on; the newest such folder is this run's.
 */
public final class ReportFolder {
    static final String RESULTS_PROPERTY = "gatling.core.directory.results";
    static final String DEFAULT_RESULTS = "target/gatling";

    private ReportFolder() {
    }

    /** The report folder of the run of {@code simulation}, or the results directory if none is found. */
    public static Path of(Class<?> simulation) {
        Path results = Paths.get(System.getProperty(RESULTS_PROPERTY, DEFAULT_RESULTS));
        return newestRun(results, simulation.getSimpleName().toLowerCase(Locale.ROOT)).orElse(results);
    }

    /** The folder of the run going on, whatever its simulation: the newest with a simulation.log. */
    public static Path current() {
        Path results = Paths.get(System.getProperty(RESULTS_PROPERTY, DEFAULT_RESULTS));
        return newestRun(results, "").orElse(results);
    }

    static Optional<Path> newestRun(Path results, String prefix) {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(p -> prefix.isEmpty() || p.getFileName().toString().startsWith(prefix + "-"))
                    .filter(p -> Files.isRegularFile(p.resolve("simulation.log")))
                    .max(Comparator.comparing(ReportFolder::timestamp));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code <timestamp>} after the last dash of a run folder's name: runs of any simulation compare by it. */
    private static String timestamp(Path run) {
        String name = run.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }
}

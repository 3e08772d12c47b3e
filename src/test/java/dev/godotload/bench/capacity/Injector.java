package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Gatling run in its own JVM, started as the Gatling Maven plugin starts it (the test class
 * path, {@code io.gatling.app.Gatling}), so what it costs is what a QA run costs.
 */
public final class Injector implements AutoCloseable {
    public final Jvm jvm;
    public final Path results;

    private Injector(Jvm jvm, Path results) {
        this.jvm = jvm;
        this.results = results;
    }

    /** {@code description} is the report's run description ({@code -rd}). */
    public static Injector start(String simulation, Map<String, String> properties, String heap, Path dir,
            String description) throws IOException {
        Path results = Files.createDirectories(dir.resolve("gatling"));
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        Jvm jvm = Jvm.start("gatling", jvmArgs, List.of("io.gatling.app.Gatling", "-s", simulation, "-rf", results.toString(),
                "-rd", description), dir.resolve("gatling.log"));
        return new Injector(jvm, results);
    }

    /** The report folder the run wrote, or null. */
    public Path report() throws IOException {
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> Files.exists(d.resolve("index.html")))
                    .max(Comparator.comparing(d -> d.getFileName().toString())).orElse(null);
        }
    }

    /** A row of the run's report; an error if the run wrote no report or never recorded the row. */
    GatlingReport row(String name) throws IOException {
        Path report = report();
        if (report == null) {
            throw new IllegalStateException("the Gatling run wrote no report; its console: " + jvm.console);
        }
        GatlingReport r = GatlingReport.read(report, name);
        if (r == null) {
            throw new IllegalStateException("no row '" + name + "' in " + report);
        }
        return r;
    }

    /** The whole run's OK and KO counts, from the global row of the console's last summary. */
    double koPercent() throws IOException {
        String console = jvm.consoleText();
        int at = console.lastIndexOf("> request count");
        if (at < 0) {
            throw new IllegalStateException("no final 'request count' in " + jvm.console);
        }
        String[] cells = console.substring(at, console.indexOf('\n', at)).split("\\|");
        long total = Long.parseLong(cells[1].trim().replace(",", ""));
        String ko = cells[3].trim();
        return ko.equals("-") || total == 0 ? 0 : 100.0 * Long.parseLong(ko.replace(",", "")) / total;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}

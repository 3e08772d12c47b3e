package dev.godotload.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.bench.capacity.Charts;
import dev.godotload.bench.capacity.Injector;
import dev.godotload.bench.capacity.Jvm;
import dev.godotload.bench.capacity.Serve;
import dev.godotload.demo.SharedWorld;

/**
 * {@code bash bench/soak.sh}: SoakSimulation for a long time at steady chat and merge load, against
 * the embedded server (one JVM) and then against {@code serve} in its own JVM, with the heap after
 * GC of each JVM read every 10 s into {@code heap.csv} and {@code heap.png} next to the Gatling
 * report. A soak passes when the run passes its assertions (nothing lost: both delivery ratios 100 %,
 * the world intact) and every JVM's heap is {@link Flatness flat}; else the command exits 1 with
 * one line saying why. docs/benchmarks.md#soak has the results.
 */
public final class SoakCommand {
    static final String SIMULATION = "dev.godotload.simulations.SoakSimulation";
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    static final Duration RAMP = Duration.ofSeconds(60);
    /** A run this long or longer, judged to its end, puts its plot and CSV in docs/soak/; a shorter one is a try. */
    static final int DOCS_MINUTES = 30;
    private static final String HEAP = "1g";

    private SoakCommand() {
    }

    /** What a soak runs against: the server inside the Gatling JVM, or {@code serve} in a JVM of its own. */
    enum Target {
        EMBEDDED, SEPARATE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = "usage: soak.sh [--minutes 30] [--only embedded|separate] [--users 200] [--editors 20]";

    record Options(int minutes, List<Target> targets, int users, int editors) {
        static Options parse(String[] args) {
            int minutes = DOCS_MINUTES;
            List<Target> targets = List.of(Target.EMBEDDED, Target.SEPARATE);
            int users = 200;
            int editors = 20;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    // at least 5: the verdict's windows are sixths of the load after the 1-minute ramp, 40 s or more
                    case "--minutes" -> minutes = whole(args, ++i, 5, 24 * 60);
                    case "--users" -> users = whole(args, ++i, 2, 100_000);
                    case "--editors" -> editors = whole(args, ++i, 1, 100_000);
                    case "--only" -> {
                        String v = value(args, ++i);
                        targets = switch (v) {
                            case "embedded" -> List.of(Target.EMBEDDED);
                            case "separate" -> List.of(Target.SEPARATE);
                            default -> throw new IllegalArgumentException("bad --only '" + v + "': embedded or separate");
                        };
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
                }
            }
            return new Options(minutes, targets, users, editors);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
            }
            return args[i];
        }

        private static int whole(String[] args, int i, int min, int max) {
            String v = value(args, i);
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("bad " + args[i - 1] + " '" + v + "': a whole number from " + min + " to " + max);
        }

        Duration soak() {
            return Duration.ofMinutes(minutes);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path repo = Path.of("").toAbsolutePath();
        Path jar = Path.of(System.getProperty("soak.jar", repo.resolve("target/godot-load.jar").toString()));
        List<String> failures = new ArrayList<>();
        for (Target t : o.targets()) {
            String failure = soak(t, o, jar, repo.resolve("target/soak").resolve(t.label()), repo.resolve("docs/soak"));
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            System.err.println(String.join("\n", failures));
            System.exit(1);
        }
        System.out.println("soak: passed (" + o.targets().stream().map(Target::label).toList() + ", " + o.minutes() + " minutes)");
    }

    /** One soak against {@code target}; the line that says why it failed, or null. */
    static String soak(Target target, Options o, Path jar, Path dir, Path docs) throws Exception {
        String name = "soak " + target.label();
        Files.createDirectories(dir);
        Path csv = dir.resolve("heap.csv");
        Files.writeString(csv, HeapSample.CSV_HEADER + "\n");
        int props = catalogProps();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("load.users", Integer.toString(o.users()));
        properties.put("load.editors", Integer.toString(o.editors()));
        properties.put("load.duration", o.minutes() + "m");
        properties.put("load.ramp", RAMP.toSeconds() + "s");
        // so that the integrity verdict lands next to this run's index.html
        properties.put("gatling.core.directory.results", dir.resolve("gatling").toString());
        List<HeapSample> samples = new ArrayList<>();
        // load.maxWait's 2 minutes, then the report: Gatling reads about 150,000 records a second here, 40 million
        // for 30 minutes
        Duration bound = RAMP.plus(o.soak()).plusMinutes(2).plus(Duration.ofMinutes(5).plus(o.soak().dividedBy(3)));
        Serve serve = null;
        Injector gatling = null;
        try {
            List<Jvm> sampled = new ArrayList<>();
            if (target == Target.SEPARATE) {
                serve = Serve.start(jar, dir.resolve("serve.log"), HEAP, "--props", Integer.toString(props));
                properties.put("godot.url", serve.url());
                sampled.add(serve.jvm);
            }
            gatling = Injector.start(SIMULATION, properties, HEAP, dir, name + ", " + o.minutes() + " minutes");
            sampled.add(0, gatling.jvm);
            System.out.printf(Locale.ROOT, "%s: %d chatters and %d editors for %d minutes; Gatling pid %d%s; heap every %d s"
                    + " into %s%n", name, o.users(), o.editors(), o.minutes(), gatling.jvm.pid(),
                    serve == null ? "" : ", serve pid " + serve.jvm.pid() + " at " + serve.url(), SAMPLE_EVERY.toSeconds(), csv);
            long start = System.nanoTime();
            long deadline = start + bound.toNanos();
            long next = start + SAMPLE_EVERY.toNanos();
            while (System.nanoTime() < deadline && gatling.jvm.process.isAlive()) {
                long wait = next - System.nanoTime();
                if (wait > 0 && gatling.jvm.process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                next += SAMPLE_EVERY.toNanos();
                for (Jvm jvm : sampled) {
                    jvm.cpuSeconds(); // the last reading before it ends is its total
                    HeapSample h = read(jvm, seconds);
                    if (h != null) {
                        samples.add(h);
                        Files.writeString(csv, h.csvLine() + "\n", StandardOpenOption.APPEND);
                    }
                }
                if (Math.round(seconds) % 60 < SAMPLE_EVERY.toSeconds()) {
                    System.out.println(name + ": " + progress(samples, seconds));
                }
            }
            if (gatling.jvm.process.isAlive()) {
                return name + ": FAILED: the Gatling run did not end within " + bound.toMinutes() + " minutes; see "
                        + gatling.jvm.console;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            for (Jvm jvm : sampled) {
                System.out.printf(Locale.ROOT, "%s: %s used %.0f s of CPU in %.0f s (%.0f %% of one core)%n", name, jvm.name,
                        jvm.cpuSeconds(), wall, 100 * jvm.cpuSeconds() / wall);
            }
            return verdict(name, o, gatling, samples, docs.resolve(target.label()));
        } finally {
            if (gatling != null) {
                gatling.close();
            }
            if (serve != null) {
                serve.close();
            }
        }
    }

    /**
     * The largest prop id of the simulation's catalog, for a separate server's world (the embedded
     * one gets it from the simulation). Read here: Gatling's feeders exist only inside a run.
     */
    static int catalogProps() throws IOException {
        try (java.io.InputStream in = SoakCommand.class.getResourceAsStream("/prop-catalog.csv")) {
            if (in == null) {
                throw new IllegalStateException("prop-catalog.csv is not on the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1)
                    .mapToInt(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))).max()
                    .orElseThrow(() -> new IllegalStateException("prop-catalog.csv lists no prop"));
        }
    }

    /** A reading, or null when the JVM is on its way out (the run's end) or cannot be read this time. */
    private static HeapSample read(Jvm jvm, double seconds) {
        try {
            return new HeapSample(seconds, jvm.name, jvm.liveHeapBytes() / 1024.0 / 1024.0);
        } catch (Exception e) {
            if (jvm.process.isAlive()) {
                // a JMX proxy wraps what went wrong on the other side
                Throwable why = e instanceof java.lang.reflect.UndeclaredThrowableException u ? u.getUndeclaredThrowable() : e;
                System.out.println("soak: no heap reading of " + jvm.name + " at " + Math.round(seconds) + " s: " + why);
            }
            return null;
        }
    }

    private static String progress(List<HeapSample> samples, double seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.0f min", seconds / 60));
        for (int i = Math.max(0, samples.size() - 2); i < samples.size(); i++) {
            HeapSample h = samples.get(i);
            if (Math.abs(h.seconds() - seconds) < 1) {
                b.append(String.format(Locale.ROOT, ", %s %.1f MB", h.jvm(), h.megabytes()));
            }
        }
        return b.toString();
    }

    /** The run's end: the CSV and the plot next to the report, the verdicts, the docs copy for a full soak. */
    private static String verdict(String name, Options o, Injector gatling, List<HeapSample> samples, Path docsStem)
            throws IOException {
        Path report = gatling.report();
        if (report == null) {
            return name + ": FAILED: the Gatling run wrote no report; see " + gatling.jvm.console;
        }
        List<String> jvms = samples.stream().map(HeapSample::jvm).distinct().toList();
        List<Flatness> flatness = jvms.stream().map(j -> Flatness.judge(samples, j, RAMP, o.soak())).toList();
        Path csv = report.resolve("heap.csv");
        Path png = report.resolve("heap.png");
        HeapSample.writeCsv(csv, samples);
        plot(png, name, samples, flatness);
        System.out.println(name + ": report " + report.resolve("index.html") + ", heap " + csv + " and " + png);
        flatness.forEach(f -> System.out.println(name + ": " + f.summary()));
        String console = gatling.jvm.consoleText();
        console.lines().filter(l -> l.startsWith("godot-load: ") && (l.contains("delivery ratio") || l.contains("integrity")))
                .forEach(l -> System.out.println(name + ": " + l.substring("godot-load: ".length())));
        // a soak stopped early (no readings at its end) is no result to publish
        if (o.minutes() >= DOCS_MINUTES && !flatness.isEmpty() && flatness.stream().allMatch(Flatness::judged)) {
            Files.createDirectories(docsStem.getParent());
            Files.copy(png, docsStem.resolveSibling(docsStem.getFileName() + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(csv, docsStem.resolveSibling(docsStem.getFileName() + ".csv"), StandardCopyOption.REPLACE_EXISTING);
        }
        int exit = gatling.jvm.process.exitValue();
        if (exit != 0) {
            List<String> broken = console.lines().filter(l -> l.contains(" : false (actual")).toList();
            return name + ": FAILED: the Gatling run " + (broken.isEmpty() ? "ended with status " + exit + "; see "
                    + gatling.jvm.console : "broke " + broken.size() + " assertion(s), first: " + broken.get(0).strip());
        }
        String lost = integrity(report);
        if (lost != null) {
            return name + ": FAILED: " + lost;
        }
        for (Flatness f : flatness) {
            if (!f.flat()) {
                return name + ": FAILED: " + f.summary();
            }
        }
        if (flatness.isEmpty()) {
            return name + ": FAILED: no heap was read; see the lines above";
        }
        return null;
    }

    /** What world-integrity.json says is wrong, or null when the world is intact. */
    private static String integrity(Path report) throws IOException {
        Path file = report.resolve(SharedWorld.VERDICT_FILE);
        if (!Files.exists(file)) {
            return "no " + SharedWorld.VERDICT_FILE + " in " + report;
        }
        JsonNode v = new ObjectMapper().readTree(file.toFile());
        if (!v.path("checked").asBoolean() || !v.path("clean").asBoolean()) {
            return "the world is not intact: " + v.path("lostCount").asLong() + " lost, " + v.path("unexpectedCount").asLong()
                    + " unexpected, " + v.path("anomalyCount").asLong() + " anomalies; see " + file;
        }
        return null;
    }

    private static void plot(Path png, String name, List<HeapSample> samples, List<Flatness> flatness) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        StringBuilder title = new StringBuilder(name + ": heap after GC");
        for (Flatness f : flatness) {
            List<HeapSample> mine = samples.stream().filter(s -> s.jvm().equals(f.jvm())).toList();
            series.add(new Charts.Series(f.jvm(), mine.stream().mapToDouble(s -> s.seconds() / 60).toArray(),
                    mine.stream().mapToDouble(HeapSample::megabytes).toArray()));
            if (f.judged()) {
                title.append(String.format(Locale.ROOT, "; %s %+.1f MB (±%.1f)", f.jvm(), f.growthMegabytes(),
                        f.allowedMegabytes()));
            }
        }
        Charts.line(png, title.toString(), "minutes", "MB", false, series);
    }
}

package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Gatling run of a bundled simulation in its own JVM, started as the Gatling Maven plugin starts
 * it; its console goes to {@code <dir>/injector-<name>.log}.
 */
final class GatlingRun {
    private static final long TIMEOUT_SECONDS = 240;

    final String name;
    final Process process;
    final Path console;

    private GatlingRun(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /** {@code properties} are {@code -D} options, e.g. {@code godot.url=ws://...}. */
    static GatlingRun start(Path dir, String name, String simulation, List<String> properties) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results-" + name));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-opens=java.base/java.lang=ALL-UNNAMED", // as the Gatling plugin starts it
                "-cp", testClassPath()));
        for (String p : properties) {
            command.add("-D" + p);
        }
        // what ReportFolder reads: files of ours (the vitals, a verdict) then land in this run's report, not the build's
        command.add("-Dgatling.core.directory.results=" + results);
        command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation, "-rf", results.toString(),
                "-rd", name + " of a godot-load test"));
        Path console = dir.resolve("injector-" + name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        return new GatlingRun(name, p, console);
    }

    /** Waits for the run to end (bounded); its exit code: 0 when its assertions passed, 2 when one failed. */
    int await() throws Exception {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Gatling run " + name + " still running after " + TIMEOUT_SECONDS + " s");
        }
        return process.exitValue();
    }

    String consoleText() throws Exception {
        return Files.readString(console);
    }

    /** Surefire and Failsafe hand a forked test its class path in this property (java.class.path may be one booter jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(cp.split(File.pathSeparator)).as("Gatling on the test class path").anyMatch(e -> e.contains("gatling-app"));
        return cp;
    }
}

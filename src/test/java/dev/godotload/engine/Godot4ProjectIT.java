package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.godotload.engine.web.EngineSetupException;
import dev.godotload.engine.web.WebRunner;

/**
 * {@code godot/server-godot4} and {@code godot/client-bot-godot4} in the real Godot 4.6 engine (the
 * web template in headless Chromium, through {@code java -jar godot-load.jar godot4}): both load
 * without parse errors; the bot passes against the Java reference server; and the Godot 4 server,
 * behind {@code java -jar godot-load.jar bridge}, passes the bot running in a second engine. Any
 * engine error line fails a run: a wrong path-cache md5 or CONFIRM_PATH shows only that way.
 * Skipped, saying why, where the engine cannot be set up (no Chromium, no npm registry).
 */
class Godot4ProjectIT {
    private static final Path JAR = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
    private static final Path OUT = Path.of("target", "godot4-it");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)(^|[^A-Z_])(SCRIPT ERROR|ERROR):");
    private static String unavailable;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void engine() throws IOException {
        Files.createDirectories(OUT);
        try {
            WebRunner.create(System.getenv(), line -> { });
        } catch (EngineSetupException e) {
            unavailable = e.getMessage();
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) {
            stop(p);
        }
    }

    @Test
    void bothProjectsLoadWithoutAnEngineError() throws Exception {
        assumeTrue(unavailable == null, unavailable);
        for (String project : List.of("godot/server-godot4", "godot/client-bot-godot4")) {
            Run r = run("check-" + Path.of(project).getFileName(), Duration.ofSeconds(120), "godot4", project, "--check");
            assertThat(r.status).as(r.output).isZero();
            assertThat(r.output).contains("check passed").doesNotContainPattern(ERROR_LINE);
        }
    }

    @Test
    void theClientBotPassesAgainstTheJavaReferenceServer() throws Exception {
        assumeTrue(unavailable == null, unavailable);
        Process server = start("serve", "serve", "--port", "0", "--godot", "4.3", "--db", ":memory:", "--summary-every", "0");
        String url = await(server, "serve", Pattern.compile("listening on (ws://[0-9.]+:\\d+)"), Duration.ofSeconds(30));
        Run bot = run("bot-vs-java", Duration.ofSeconds(150), "godot4", "godot/client-bot-godot4", "--timeout", "120s",
                "--fail-on-error", "--", "--url", url, "--timeout", "60");
        assertThat(bot.status).as(bot.output).isZero();
        assertThat(bot.output).contains("RESULT: PASS").doesNotContain("FAIL:").doesNotContainPattern(ERROR_LINE);
    }

    @Test
    void theGodot4ServerInTheBrowserPassesTheClientBotThroughTheBridge() throws Exception {
        assumeTrue(unavailable == null, unavailable);
        Process bridge = start("bridge", "bridge", "--port", "0");
        String engineUrl = await(bridge, "bridge", Pattern.compile("engine URL (ws://[0-9.]+:\\d+/)"), Duration.ofSeconds(30));
        Process server = start("server", "godot4", "godot/server-godot4", "--timeout", "300s", "--", "--bridge", engineUrl);
        String clientUrl = await(bridge, "bridge", Pattern.compile("clients on (ws://[0-9.]+:\\d+)"), Duration.ofSeconds(120));
        assertThat(output("server")).contains("godot-load godot4 server ready on bridge " + engineUrl);

        Run bot = run("bot-vs-godot4", Duration.ofSeconds(150), "godot4", "godot/client-bot-godot4", "--timeout", "120s",
                "--fail-on-error", "--", "--url", clientUrl, "--timeout", "60", "--engine-stats", "required");
        stop(server);
        stop(bridge);
        String serverOutput = output("server");
        assertThat(bot.status).as(bot.output).isZero();
        assertThat(bot.output).contains("RESULT: PASS").doesNotContain("FAIL:").doesNotContainPattern(ERROR_LINE);
        assertThat(serverOutput).as("the Godot 4 server's output").doesNotContainPattern(ERROR_LINE)
                .contains("peer ").contains(" disconnected (0 peers)");
    }

    private record Run(int status, String output) {
    }

    private static List<String> command(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** Runs the jar to its end (stdout and stderr in one file); killed when it overruns. */
    private Run run(String name, Duration limit, String... args) throws IOException, InterruptedException {
        assertThat(JAR).exists();
        Path log = OUT.resolve(name + ".out");
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        boolean ended = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            stop(p);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("%s ended within %s:\n%s", name, limit, out).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** Starts the jar in the background, its output in OUT/name.out. */
    private Process start(String name, String... args) throws IOException {
        assertThat(JAR).exists();
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(OUT.resolve(name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    private static String output(String name) throws IOException {
        return Files.readString(OUT.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    /** Waits until the process's output matches; returns group 1. */
    private static String await(Process p, String name, Pattern pattern, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(output(name));
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not print " + pattern + " within " + limit + ":\n" + output(name));
    }

    /** SIGTERM (the jar's shutdown hooks stop the browser and the listeners), then SIGKILL. */
    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

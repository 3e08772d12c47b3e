package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godot4}'s command line and its failures before any engine runs (the engine runs in Godot4JarIT). */
class Godot4CommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result godot4(Map<String, String> env, String... args) throws UsageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Godot4Command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheProjectTheOptionsAndTheUserArguments() throws Exception {
        assertThat(Godot4Command.parse(List.of("proj")))
                .isEqualTo(new Godot4Command.Options(Path.of("proj"), Duration.ofSeconds(60), false, false, false, List.of()));
        assertThat(Godot4Command.parse(List.of("--timeout", "5m", "proj", "--fail-on-error", "--timings", "--", "--port", "0", "--")))
                .isEqualTo(new Godot4Command.Options(Path.of("proj"), Duration.ofMinutes(5), true, false, true,
                        List.of("--port", "0", "--")));
        assertThat(Godot4Command.parse(List.of("proj", "--check")).check()).isTrue();
    }

    @Test
    void durations() throws Exception {
        assertThat(Godot4Command.duration("--timeout", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Godot4Command.duration("--timeout", "1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Godot4Command.duration("--timeout", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Godot4Command.duration("--timeout", "1.5s")).as("decimals, as in the -D knobs").isEqualTo(Duration.ofMillis(1500));
        for (String bad : new String[] {"0", "0s", "-1s", "1.5.s", "forever", "25h", ""}) {
            assertThatThrownBy(() -> Godot4Command.duration("--timeout", bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--timeout takes a duration from 1ms to 24h");
        }
    }

    @Test
    void aWrongCommandLineIsTheUsageAndStatus2() {
        for (String[] args : new String[][] {{"godot4"}, {"godot4", "a", "b"}, {"godot4", "p", "--verbose"},
                {"godot4", "p", "--timeout"}, {"godot4", "p", "--timeout", "never"}, {"godot4", "p", "--check", "--", "x"}}) {
            Result r = main(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).startsWith("godot-load godot4: ").contains("usage: java -jar godot-load.jar " + Godot4Command.USAGE);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void theHelpNamesTheCommand() {
        assertThat(main("help").out()).contains("godot4 PROJECT_DIR [--timeout 60s]", "real Godot 4.6 engine");
    }

    @Test
    void notAProjectIsOneLineAndStatus2() throws Exception {
        Result r = godot4(Map.of(), dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("godot-load godot4: " + dir + " is not a Godot project: it has no project.godot\n");
        Result missing = godot4(Map.of(), dir.resolve("nope").toString());
        assertThat(missing.err()).isEqualTo("godot-load godot4: " + dir.resolve("nope") + " is not a folder\n");
    }

    @Test
    void aGodot3ProjectIsRefusedSayingSo() throws Exception {
        Files.writeString(dir.resolve("project.godot"), "config_version=4\n");
        Result r = godot4(Map.of(), dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("godot-load godot4: " + dir + " is a Godot 3 (or older) project (config_version=4);"
                + " the Godot 4.6 engine runs Godot 4 projects (config_version=5)\n");
    }

    @Test
    void withoutChromiumItIsOneLineAndStatus1() throws Exception {
        Files.writeString(dir.resolve("project.godot"), "config_version=5\n");
        Result r = godot4(Map.of("PATH", dir.toString()), dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("godot-load godot4: Chromium is not installed").contains("apt-get install -y chromium")
                .endsWith("binary\n").hasLineCount(1);
    }
}

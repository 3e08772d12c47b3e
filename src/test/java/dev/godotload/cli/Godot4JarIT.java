package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code java -jar godot-load.jar godot4 ...} as a user runs it, in the real engine (skipped without Chromium). */
class Godot4JarIT {
    private record Run(int status, String out, String err) {
    }

    private static Run jar(String... args) throws Exception {
        boolean chromium = System.getenv("CHROMIUM_BIN") != null || List.of(System.getenv().getOrDefault("PATH", "")
                .split(File.pathSeparator)).stream().anyMatch(d -> Files.isExecutable(Path.of(d, "chromium"))
                || Files.isExecutable(Path.of(d, "chromium-browser")));
        assumeTrue(chromium, "skipped, Chromium is not installed (apt-get install -y chromium)");
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("godot4-out", ".txt");
        Path err = Files.createTempFile("godot4-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void runsAProjectAndExitsWithItsExitCode() throws Exception {
        Run r = jar("godot4", "src/test/resources/godot4/hello", "--timings", "--", "one", "two words");
        assertThat(r.status()).as(r.err()).isEqualTo(7);
        assertThat(r.out().lines().toList()).contains("user args: [\"one\",\"two words\"]", "greetings, load test")
                .doesNotContain("a line on stderr");
        assertThat(r.err()).contains("a line on stderr", "godot-load godot4: timings: ");
        System.out.println(r.err().lines().filter(l -> l.contains("timings")).findFirst().orElse(""));
    }

    @Test
    void aTimeoutIsOneLineAndStatus124() throws Exception {
        Run r = jar("godot4", "src/test/resources/godot4/forever", "--timeout", "3s");
        assertThat(r.status()).as(r.err()).isEqualTo(124);
        assertThat(r.err().lines().toList()).contains("godot-load godot4: the engine did not exit within 3 s; stopped it");
    }

    @Test
    void checkFailsABrokenProjectNamingTheScripts() throws Exception {
        Run r = jar("godot4", "src/test/resources/godot4/check-broken", "--check");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("godot-load godot4: check FAILED for src/test/resources/godot4/check-broken",
                "res://broken_syntax.gd:4", "res://unknown_name.gd:4");
    }
}

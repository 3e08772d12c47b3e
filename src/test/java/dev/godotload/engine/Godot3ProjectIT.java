package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code godot/server-godot3} in the real Godot 3 engine, checked by its own GDScript bots
 * ({@code tests/run.sh}: three phases, 57 checks, and no engine error lines in the logs). Runs where
 * the engine is installed (CI installs it); skipped elsewhere, saying why.
 */
class Godot3ProjectIT {
    @Test
    void theGodot3ServerProjectPassesItsRealEngineSelfTest() throws Exception {
        boolean installed;
        try {
            Godot3Server.binary(System.getenv());
            installed = true;
        } catch (EngineUnavailableException e) {
            installed = false;
        }
        assumeTrue(installed, "godot3-server is not installed");
        Path out = Path.of("target", "godot3-selftest");
        Files.createDirectories(out);
        Process p = new ProcessBuilder("bash", "godot/server-godot3/tests/run.sh", out.toString())
                .redirectErrorStream(true).start();
        String output;
        boolean finished;
        try {
            finished = p.waitFor(120, TimeUnit.SECONDS);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("run.sh finished within 120 s:\n%s", output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("RESULT: PASS").doesNotContain("FAIL:");
    }
}

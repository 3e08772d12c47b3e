package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar carries SQLite: sqlite-jdbc's classes, its driver registration and its native
 * libraries all survive shading, so a store opens with nothing but the jar (and these test classes).
 */
class JarWorldStoreIT {
    @TempDir
    Path dir;

    @Test
    void aStoreWorksFromTheRunnableJarAlone() throws Exception {
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar")).toAbsolutePath();
        assertThat(jar).exists();
        Path testClasses = Path.of(StoreSmoke.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = dir.resolve("world.db");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + testClasses, StoreSmoke.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).containsExactly(
                    "SQLite " + file.toAbsolutePath().normalize() + " (WAL, synchronous=FULL)",
                    "version 4",
                    "[1, 2, 3]",
                    "[5, 9]");
        } finally {
            p.destroyForcibly();
        }
    }
}

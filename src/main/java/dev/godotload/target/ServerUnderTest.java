package dev.godotload.target;

import java.util.Locale;

import dev.godotload.engine.EngineErrors;
import dev.godotload.wire.GodotVersion;

/**
 * The server a run drives, one type per kind: a server someone else started ({@code -Dgodot.url}),
 * the embedded reference server (the default), or a real engine this run starts
 * ({@code -Dgodot.target=godot3} or {@code godot4-web}). Each kind checks the knobs that make no
 * sense for it, starts what it owns, and describes itself for the console.
 */
sealed interface ServerUnderTest permits RemoteServer, EmbeddedReferenceServer, Godot3Engine, Godot4WebEngine {

    /** Picks the kind from {@code -Dgodot.target} and {@code -Dgodot.url}; one line when they disagree. */
    static ServerUnderTest choose(LoadProperties p) {
        String target = p.string("godot.target");
        String url = p.string("godot.url");
        if (target == null) {
            return url != null ? new RemoteServer(url) : new EmbeddedReferenceServer();
        }
        ServerUnderTest kind = switch (target.toLowerCase(Locale.ROOT)) {
            case "reference" -> new EmbeddedReferenceServer();
            case "godot3" -> new Godot3Engine(p.path("godot.project", Godot3Engine.DEFAULT_PROJECT));
            case "godot4-web" -> new Godot4WebEngine(p.path("godot.project", Godot4WebEngine.DEFAULT_PROJECT));
            default -> throw new IllegalArgumentException("bad -Dgodot.target='" + target + "': expected reference (the "
                    + "embedded reference server), godot3 (the real Godot 3 engine) or godot4-web (the real Godot 4.6 in "
                    + "headless Chromium)");
        };
        if (url != null) {
            throw new IllegalArgumentException("-Dgodot.url and -Dgodot.target=" + target
                    + " both choose the target; give one (godot.url drives a server that is already running)");
        }
        return kind;
    }

    /** The Godot line users speak when {@code -Dgodot.version} is not given. */
    default String defaultVersion() {
        return GodotVersion.DEFAULT.label();
    }

    /** Refuses, in one line, a knob this kind cannot honour. */
    default void check(TargetSettings settings, LoadProperties p) {
    }

    /** Whether this run starts (and stops) the server itself. */
    boolean owned();

    /**
     * Starts what this run owns and returns the URL users connect to.
     *
     * @throws TargetUnavailableException one line saying what failed
     */
    String start(TargetSettings settings);

    /** One phrase for the console, e.g. "the embedded reference server at ws://… (…)". */
    String description(TargetSettings settings, String url);

    /** The error lines a real engine this run started logged so far that nobody expected; null without one. */
    default EngineErrors engineErrors() {
        return null;
    }

    /** Stops what {@link #start} started; idempotent. */
    void close();
}

package dev.godotload.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.godotload.engine.web.EngineLine;

/**
 * Counts a running engine's error lines as they arrive, each joined with the {@code at:} line the
 * engine prints after it. A project run with the injected bridge ({@link BridgeInjection}) has two
 * errors that are not: the game's {@code create_server} fails in the browser ({@code listen} in
 * {@code tcp_server.cpp}), and handing SceneMultiplayer that unconnected peer is refused
 * ({@code set_multiplayer_peer}); the bridge serves the game's clients instead. Those two are set
 * apart, with one line for the log that says why; every other error line is counted.
 */
final class EngineErrorCounter implements Consumer<EngineLine> {
    /** The two errors of a game whose {@code create_server} fails in the browser, as Godot 4.6 prints them. */
    private static final List<Expected> LISTEN_FAILURE = List.of(
            new Expected("ERROR: Condition \"err != OK\" is true. Returning: ERR_CANT_CREATE", "at: listen (core/io/tcp_server.cpp:"),
            new Expected("ERROR: Supplied MultiplayerPeer must be connecting or connected.",
                    "at: set_multiplayer_peer (modules/multiplayer/scene_multiplayer.cpp:"));
    static final String EXPECTED_NOTE = "godot-load: expected, not counted: a browser cannot listen, so the game's create_server() "
            + "fails (ERR_CANT_CREATE at tcp_server.cpp listen) and SceneMultiplayer keeps the bridge's peer (set_multiplayer_peer); "
            + "the bridge serves the game's clients";

    private record Expected(String error, String atPrefix) {
        boolean matches(String errorLine, String atLine) {
            return errorLine.equals(error) && atLine != null && atLine.startsWith(atPrefix);
        }
    }

    private final boolean listenFailureExpected;
    private final Consumer<String> log;
    private final List<String> first = new ArrayList<>();
    private long count;
    private long expected;
    private String pending;

    /**
     * @param listenFailureExpected the project runs with the injected bridge
     * @param log where the one explaining line goes (the engine's log)
     */
    EngineErrorCounter(boolean listenFailureExpected, Consumer<String> log) {
        this.listenFailureExpected = listenFailureExpected;
        this.log = log;
    }

    @Override
    public synchronized void accept(EngineLine line) {
        if (pending != null) {
            String error = pending;
            pending = null;
            String text = line.text().strip();
            if (text.startsWith("at:")) {
                judge(error, text);
                return;
            }
            judge(error, null);
        }
        if (line.isEngineError()) {
            pending = line.text();
        }
    }

    /** Counts an error line still waiting for its {@code at:} line (the run ended). */
    synchronized void finish() {
        if (pending != null) {
            judge(pending, null);
            pending = null;
        }
    }

    synchronized EngineErrors errors() {
        return new EngineErrors(count, first);
    }

    /** How many of the expected listen-failure lines were seen. */
    synchronized long expected() {
        return expected;
    }

    private void judge(String error, String at) {
        if (listenFailureExpected && LISTEN_FAILURE.stream().anyMatch(e -> e.matches(error, at))) {
            if (expected++ == 0) {
                log.accept(EXPECTED_NOTE);
            }
            return;
        }
        count++;
        if (first.size() < EngineErrors.KEPT) {
            first.add(at == null ? error : error + " (" + at + ")");
        }
    }
}

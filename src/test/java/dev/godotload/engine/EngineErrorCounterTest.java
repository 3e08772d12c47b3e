package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.engine.web.EngineLine;

/** Which engine error lines count, as Godot 4.6 prints them in the browser. */
class EngineErrorCounterTest {
    private final List<String> log = new ArrayList<>();

    private static EngineLine err(String text) {
        return new EngineLine(EngineLine.Stream.ERR, text, Duration.ZERO);
    }

    private static EngineLine out(String text) {
        return new EngineLine(EngineLine.Stream.OUT, text, Duration.ZERO);
    }

    private static final List<EngineLine> LISTEN_FAILURE = List.of(
            err("ERROR: Condition \"err != OK\" is true. Returning: ERR_CANT_CREATE"),
            err("   at: listen (core/io/tcp_server.cpp:54)"),
            err("Plaza: cannot listen on port 9080: Can't create"),
            err("ERROR: Supplied MultiplayerPeer must be connecting or connected."),
            err("   at: set_multiplayer_peer (modules/multiplayer/scene_multiplayer.cpp:192)"));

    @Test
    void withTheInjectedBridgeTheListenFailureIsExpectedAndExplainedOnce() {
        EngineErrorCounter c = new EngineErrorCounter(true, log::add);
        LISTEN_FAILURE.forEach(c);
        c.accept(out("Plaza: player 5 joined (1 here)"));
        c.finish();
        assertThat(c.errors()).isEqualTo(new EngineErrors(0, List.of()));
        assertThat(c.expected()).isEqualTo(2);
        assertThat(log).containsExactly(EngineErrorCounter.EXPECTED_NOTE);
        assertThat(c.errors().summary()).isEqualTo("godot-load: engine errors: 0");
    }

    @Test
    void withoutItTheSameLinesAreErrors() {
        EngineErrorCounter c = new EngineErrorCounter(false, log::add);
        LISTEN_FAILURE.forEach(c);
        c.finish();
        assertThat(c.errors().first()).containsExactly(
                "ERROR: Condition \"err != OK\" is true. Returning: ERR_CANT_CREATE (at: listen (core/io/tcp_server.cpp:54))",
                "ERROR: Supplied MultiplayerPeer must be connecting or connected. (at: set_multiplayer_peer"
                        + " (modules/multiplayer/scene_multiplayer.cpp:192))");
        assertThat(log).isEmpty();
    }

    @Test
    void theSameMessageFromAnotherPlaceCountsAndSoDoesEveryOtherError() {
        EngineErrorCounter c = new EngineErrorCounter(true, log::add);
        c.accept(err("ERROR: Condition \"err != OK\" is true. Returning: ERR_CANT_CREATE"));
        c.accept(err("   at: create_server (modules/websocket/websocket_multiplayer_peer.cpp:99)"));
        c.accept(err("SCRIPT ERROR: Invalid call. Nonexistent function 'foo' in base 'Nil'."));
        c.accept(err("   at: _ready (res://main.gd:12)"));
        c.accept(err("USER ERROR: my own"));
        c.accept(out("a line"));
        c.accept(err("ERROR: Supplied MultiplayerPeer must be connecting or connected."));
        c.finish();
        assertThat(c.errors().count()).isEqualTo(4);
        assertThat(c.errors().first()).containsExactly(
                "ERROR: Condition \"err != OK\" is true. Returning: ERR_CANT_CREATE"
                        + " (at: create_server (modules/websocket/websocket_multiplayer_peer.cpp:99))",
                "SCRIPT ERROR: Invalid call. Nonexistent function 'foo' in base 'Nil'. (at: _ready (res://main.gd:12))",
                "USER ERROR: my own",
                "ERROR: Supplied MultiplayerPeer must be connecting or connected.");
        assertThat(c.expected()).isZero();
        assertThat(c.errors().summary()).isEqualTo("godot-load: engine errors: 4 (first: ERROR: Condition \"err != OK\" is true."
                + " Returning: ERR_CANT_CREATE (at: create_server (modules/websocket/websocket_multiplayer_peer.cpp:99)) | SCRIPT ERROR:"
                + " Invalid call. Nonexistent function 'foo' in base 'Nil'. (at: _ready (res://main.gd:12)) | USER ERROR: my own | …)");
    }

    @Test
    void onlyTheFirstHundredTextsAreKept() {
        EngineErrorCounter c = new EngineErrorCounter(false, log::add);
        for (int i = 0; i < 150; i++) {
            c.accept(err("ERROR: number " + i));
        }
        c.finish();
        assertThat(c.errors().count()).isEqualTo(150);
        assertThat(c.errors().first()).hasSize(EngineErrors.KEPT).endsWith("ERROR: number 99");
    }
}

package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.server.Game;
import dev.godotload.server.transport.ConnectionLimits;
import dev.godotload.wire.GodotVersion;

class ServeCommandTest {
    @Test
    void defaultsAreGodotsAndLoopback() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of());
        assertThat(o.transport().host()).isEqualTo("127.0.0.1");
        assertThat(o.transport().port()).isEqualTo(9080);
        assertThat(o.transport().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.transport().maxMessageBytes()).isEqualTo(65535);
        assertThat(o.transport().subprotocols()).isEmpty();
        assertThat(o.settings().version()).isEqualTo(GodotVersion.GODOT_4_3);
        assertThat(o.settings().stressMode()).isTrue();
        assertThat(o.settings().requiresAuth()).isFalse();
        assertThat(o.summaryEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.world().database()).as("a fresh file, named at start").isNull();
        assertThat(o.world().props()).isEqualTo(1000);
        assertThat(o.world().loseAckedMerges()).isZero();
        assertThat(o.transport().limits()).as("no limits, as in Godot").isEqualTo(ConnectionLimits.NONE);
        assertThat(o.settings().authTimeout()).as("Godot's auth_timeout").isEqualTo(Duration.ofSeconds(3));
        assertThat(o.game()).isEqualTo(Game.SOCIAL);
    }

    @Test
    void gamePlazaServesThePlazaWithoutAWorld() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--game", "plaza", "--port", "0", "--summary-every", "0"));
        assertThat(o.game()).isEqualTo(Game.PLAZA);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = ServeCommand.run(o, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                System.err, new java.util.concurrent.CountDownLatch(0));
        assertThat(status).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).containsPattern(
                "listening on ws://127\\.0\\.0\\.1:\\d+ \\(Godot 4\\.3 protocol, game plaza\\); Ctrl-C stops it\\R"
                        + "game: plaza, a player spawned for every peer and synchronized by it, as godot/plaza-godot4\\R");
        assertThat(ServeCommand.USAGE).contains("[--game social|plaza]");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--game", "chess")))
                .hasMessage("--game must be social or plaza, got 'chess'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--game", "plaza", "--godot", "3"))).hasMessage(
                "--game plaza: Godot 3 has no MultiplayerSpawner or MultiplayerSynchronizer; use --godot 4.x");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--game", "plaza", "--props", "50"))).hasMessage(
                "--db, --props and --fault set up the social game's world; --game plaza has none");
    }

    @Test
    void theLimitsGoToTheTransportWhateverTheLine() throws Exception {
        assertThat(ServeCommand.parse(List.of("--max-peers", "500", "--max-msgs-per-sec", "100")).transport().limits())
                .isEqualTo(new ConnectionLimits(500, 100));
        assertThat(ServeCommand.parse(List.of("--godot", "3", "--max-peers", "2")).transport().limits())
                .isEqualTo(new ConnectionLimits(2, 0));
        assertThat(ServeCommand.USAGE).contains("[--max-peers N] [--max-msgs-per-sec N]");
    }

    @Test
    void theBannerNamesTheLimitsGiven() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--port", "0", "--db", ":memory:", "--summary-every", "0",
                "--max-peers", "500", "--max-msgs-per-sec", "100"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = ServeCommand.run(o, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                System.err, new java.util.concurrent.CountDownLatch(0));
        assertThat(status).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).containsPattern(
                "listening on ws://127\\.0\\.0\\.1:\\d+ \\(Godot 4\\.3 protocol, stress mode on, max peers 500, "
                        + "max 100 msgs/s per peer\\); Ctrl-C stops it");
    }

    @Test
    void worldOptions() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--db", ":memory:", "--props", "250", "--fault",
                "lose-acked-merges=0.01"));
        assertThat(o.world().database()).isEqualTo(":memory:");
        assertThat(o.world().props()).isEqualTo(250);
        assertThat(o.world().loseAckedMerges()).isEqualTo(0.01);
    }

    @Test
    void everyOptionLandsWhereItBelongs() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--host", "::1", "--port", "0", "--godot", "4.2",
                "--stress-mode", "off", "--auth-token", "t0k", "--subprotocol", "godot-chat", "--summary-every", "0"));
        assertThat(o.transport().host()).isEqualTo("::1");
        assertThat(o.transport().port()).isZero();
        assertThat(o.transport().subprotocols()).containsExactly("godot-chat");
        assertThat(o.settings().version()).isEqualTo(GodotVersion.GODOT_4_0);
        assertThat(o.settings().stressMode()).isFalse();
        assertThat(o.settings().requiresAuth()).isTrue();
        assertThat(o.summaryEvery()).isZero();
        assertThat(o.settings().serverRelay()).as("Godot's default").isTrue();
        assertThat(ServeCommand.parse(List.of("--server-relay", "off")).settings().serverRelay()).isFalse();
    }

    @Test
    void godot3TakesItsLinesTransportDefaultsAndKeepsTheOptionsGiven() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--port", "0", "--godot", "3", "--host", "::1",
                "--subprotocol", "binary", "--stress-mode", "off"));
        assertThat(o.settings().version()).isEqualTo(GodotVersion.GODOT_3);
        assertThat(o.settings().stressMode()).isFalse();
        assertThat(o.settings().requiresAuth()).isFalse();
        assertThat(o.transport().dialect()).isEqualTo(dev.godotload.server.transport.TransportDialect.GODOT_3);
        assertThat(o.transport().handshakeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.transport().maxMessageBytes()).isEqualTo(65535);
        assertThat(o.transport().host()).isEqualTo("::1");
        assertThat(o.transport().port()).isZero();
        assertThat(o.transport().subprotocols()).containsExactly("binary");
        assertThat(ServeCommand.parse(List.of("--godot", "3.2.3")).settings().version()).isEqualTo(GodotVersion.GODOT_3);
        assertThat(ServeCommand.protocolName(GodotVersion.GODOT_3)).isEqualTo("3");
        assertThat(ServeCommand.protocolName(GodotVersion.GODOT_4_0)).isEqualTo("4.0-4.2");
        assertThat(ServeCommand.USAGE).contains("[--godot 4.3|4.2|3]");
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--port", "70000")))
                .hasMessage("--port must be 0 to 65535 (0 picks a free port), got '70000'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--godot", "3", "--auth-token", "t0k")))
                .hasMessage("--auth-token: Godot 3 has no authentication; use --godot 4.x for a token");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--godot", "2")))
                .hasMessageStartingWith("--godot: unknown Godot version '2'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--host", " ")))
                .hasMessage("host is blank");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--stress-mode", "maybe")))
                .hasMessage("--stress-mode takes on or off, got 'maybe'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--server-relay", "sometimes")))
                .hasMessage("--server-relay takes on or off, got 'sometimes'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--godot", "3", "--server-relay", "off")))
                .hasMessage("--server-relay off: Godot 3's WebSocket server always relays; use --godot 4.x");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--summary-every", "soon")))
                .hasMessage("--summary-every takes a duration from 0s to 24h, like 30s, 500ms or 2m (0 turns the summary off), got 'soon'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--contract", "nope.json")))
                .hasMessage("--contract: contract nope.json: no such file or classpath resource");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--port"))).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--props", "1"))).hasMessage("--props must be 2 to 1000000, got '1'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--fault", "lose-acked-merges=2"))).hasMessage(
                "--fault lose-acked-merges=2: expected lose-acked-merges=F with F a fraction from 0 to 1, e.g. lose-acked-merges=0.01");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--fault", "drop-everything"))).hasMessageStartingWith(
                "--fault drop-everything: expected lose-acked-merges=F");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--db", " "))).hasMessage("--db takes a file name or :memory:");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--color"))).hasMessage("unknown option --color");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--max-peers", "0")))
                .hasMessage("--max-peers must be 1 to 1000000 (leave it out for no limit), got '0'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--max-peers", "lots")))
                .hasMessage("--max-peers must be 1 to 1000000 (leave it out for no limit), got 'lots'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--max-msgs-per-sec", "-5")))
                .hasMessage("--max-msgs-per-sec must be 1 to 1000000 (leave it out for no limit), got '-5'");
        assertThatThrownBy(() -> ServeCommand.parse(List.of("--max-msgs-per-sec", "1e9")))
                .hasMessage("--max-msgs-per-sec must be 1 to 1000000 (leave it out for no limit), got '1e9'");
    }
}

package dev.godotload.target;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import dev.godotload.server.Game;
import dev.godotload.server.ReferenceServer;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldNode;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.world.WorldStoreException;

/** The default: the reference server in this JVM on a free loopback port, for the run's length. */
final class EmbeddedReferenceServer implements ServerUnderTest {
    private ReferenceServer server;

    @Override
    public void check(TargetSettings s, LoadProperties p) {
        if (s.game() == Game.PLAZA && s.version().isGodot3()) {
            throw new IllegalArgumentException("bad -Dgodot.game=plaza: Godot 3 has no MultiplayerSpawner or "
                    + "MultiplayerSynchronizer; use -Dgodot.version=4.x");
        }
        if (!s.game().hasWorld() && (p.string("godot.db") != null || p.string("godot.props") != null
                || p.string("godot.fault") != null)) {
            throw new IllegalArgumentException("-Dgodot.db, -Dgodot.props and -Dgodot.fault set up the social game's world; "
                    + "-Dgodot.game=" + s.game().label() + " has none");
        }
    }

    @Override
    public boolean owned() {
        return true;
    }

    @Override
    public synchronized String start(TargetSettings s) {
        if (server == null) {
            ServerSettings settings = ServerSettings.defaults(s.contract()).withVersion(s.version())
                    .withStressMode(s.stressMode()).withServerRelay(s.serverRelay());
            if (s.authToken() != null) {
                settings = settings.withAuthToken(s.authToken());
            }
            TransportOptions transport = TransportOptions.defaults(s.version()).withPort(0).withLimits(s.limits());
            if (s.subprotocol() != null) {
                transport = transport.withSubprotocols(List.of(s.subprotocol()));
            }
            try {
                server = ReferenceServer.start(transport, settings, s.game(), s.world(), Duration.ZERO);
            } catch (UncheckedIOException | WorldStoreException e) {
                throw new TargetUnavailableException("cannot start the embedded reference server: " + e.getMessage());
            }
        }
        return server.url();
    }

    @Override
    public synchronized String description(TargetSettings s, String url) {
        if (!s.game().hasWorld()) {
            return "the embedded reference server at " + url + " (Godot " + s.version().label() + " protocol, the "
                    + s.game().label() + ": " + s.game().summary() + (s.serverRelay() ? "" : ", server relay off")
                    + (s.limits().describe().isEmpty() ? "" : ", " + s.limits().describe()) + ")";
        }
        return "the embedded reference server at " + url + " (Godot " + s.version().label() + " protocol, stress mode "
                + (s.stressMode() ? "on" : "off") + (s.serverRelay() ? "" : ", server relay off") + ", " + s.world().props() + " props in "
                + (server != null ? server.worldDescription() : "?")
                + (s.world().loseAckedMerges() > 0 ? ", FAULT " + WorldNode.LOSE_ACKED_MERGES + "=" + s.world().loseAckedMerges() : "")
                + (s.limits().describe().isEmpty() ? "" : ", " + s.limits().describe()) + ")";
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.godotload.server.multiplayer.Godot3Harness;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.testing.RawClient;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.DelPeer;

/**
 * A real {@link ReferenceServer} speaking Godot 3 on 127.0.0.1, port 0, and the clients a test
 * opened against it; {@link #close()} closes them all, then the server.
 */
final class RunningGodot3Server implements AutoCloseable {
    final ReferenceServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Peers that joined through {@link #join()} and have not left. */
    private final List<Godot3WirePeer> joined = new ArrayList<>();

    private RunningGodot3Server(ReferenceServer server) {
        this.server = server;
    }

    static ServerSettings settings() {
        return Godot3Harness.settings();
    }

    static TransportOptions transport() {
        return TransportOptions.defaults(GodotVersion.GODOT_3).withPort(0);
    }

    static RunningGodot3Server start() {
        return start(transport(), settings());
    }

    static RunningGodot3Server start(TransportOptions transport, ServerSettings settings) {
        assertThat(transport.host()).isEqualTo("127.0.0.1");
        return new RunningGodot3Server(ReferenceServer.start(transport, settings, Game.SOCIAL, WorldOptions.inMemory(), Duration.ZERO));
    }

    int port() {
        return server.port();
    }

    /** Connects and reads the SYS_ID; nothing else. */
    Godot3WirePeer connect() throws Exception {
        Godot3WirePeer p = Godot3WirePeer.connect(port());
        opened.add(p);
        return p;
    }

    /**
     * Connects and checks {@code _send_add}: the newcomer gets SYS_ADD(1), then SYS_ADD(old) for every
     * peer that joined before and is still there, in ascending id order; each old peer gets SYS_ADD(new).
     */
    Godot3WirePeer join() throws Exception {
        Godot3WirePeer p = connect();
        p.expect(1, 0, new AddPeer(1));
        for (int old : new TreeSet<>(joined.stream().map(o -> o.id).toList())) {
            p.expect(1, 0, new AddPeer(old));
        }
        for (Godot3WirePeer old : joined) {
            old.expect(1, 0, new AddPeer(p.id));
        }
        joined.add(p);
        return p;
    }

    /** Drops {@code p} (TCP abort); every other joined peer gets SYS_DEL(p). */
    void leave(Godot3WirePeer p) throws InterruptedException {
        p.close();
        joined.remove(p);
        for (Godot3WirePeer other : joined) {
            other.expect(1, 0, new DelPeer(p.id));
        }
    }

    /** A plain TCP connection to the server, with nothing sent. */
    RawClient raw() throws Exception {
        RawClient c = RawClient.connect(port(), -1);
        opened.add(c);
        return c;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        server.close();
    }
}

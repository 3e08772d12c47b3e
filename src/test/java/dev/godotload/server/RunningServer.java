package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.godotload.contract.Contract;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.testing.RawClient;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.Packet;

/**
 * A real {@link ReferenceServer} on 127.0.0.1, port 0, and the clients a test opened against it;
 * {@link #close()} closes them all, then the server.
 */
final class RunningServer implements AutoCloseable {
    final ReferenceServer server;
    final Godot4Packets codec;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Peers that joined through {@link #join()} and have not left. */
    private final List<WirePeer> joined = new ArrayList<>();

    private RunningServer(ReferenceServer server, Godot4Packets codec) {
        this.server = server;
        this.codec = codec;
    }

    static ServerSettings settings() {
        return ServerSettings.defaults(Contract.bundled());
    }

    static RunningServer start(ServerSettings settings) {
        return start(TransportOptions.defaults().withPort(0), settings);
    }

    static RunningServer start(TransportOptions transport, ServerSettings settings) {
        assertThat(transport.host()).isEqualTo("127.0.0.1");
        ReferenceServer server = ReferenceServer.start(transport, settings, Game.SOCIAL, WorldOptions.inMemory(), Duration.ZERO);
        // The clients speak the server's line: that decides the CONFIRM_PATH form.
        GodotVersion v = settings.version();
        return new RunningServer(server, Godot4Packets.of(v));
    }

    int port() {
        return server.port();
    }

    /** Connects and reads the peer id; nothing else. */
    WirePeer connect() throws Exception {
        WirePeer p = WirePeer.connect(port(), codec);
        opened.add(p);
        return p;
    }

    /**
     * Connects, and checks the ADD_PEER exchange with every peer that joined before and is still
     * there: the newcomer gets one {@code 07 01 <old>} per old peer (in any order), each old peer
     * gets {@code 07 01 <new>}. Once it returns the server has admitted the newcomer
     * ({@link WirePeer#barrier()}).
     */
    WirePeer join() throws Exception {
        WirePeer p = connect();
        Set<Integer> announced = new HashSet<>();
        for (int i = 0; i < joined.size(); i++) {
            Packet packet = p.nextPacket();
            assertThat(packet).as("announcement %d to the newcomer %d", i, p.id).isInstanceOf(AddPeer.class);
            announced.add(((AddPeer) packet).id());
        }
        assertThat(announced).containsExactlyInAnyOrderElementsOf(joined.stream().map(o -> o.id).toList());
        for (WirePeer old : joined) {
            old.expect("07 01" + WirePeer.le(p.id));
        }
        p.barrier(); // admitted, even when there was nobody to announce it to
        joined.add(p);
        return p;
    }

    /**
     * Drops {@code p} (TCP abort) and checks that every other joined peer gets {@code 07 02 <p>};
     * there must be one, or nothing would show that the server has seen {@code p} go.
     */
    void leave(WirePeer p) throws InterruptedException {
        p.close();
        joined.remove(p);
        assertThat(joined).as("a peer to witness the departure").isNotEmpty();
        for (WirePeer other : joined) {
            other.expect("07 02" + WirePeer.le(p.id));
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

package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;
import dev.godotload.wire.variant.Vector3;

/** {@code serve --game plaza} on loopback: two clients see each other's players come, move and go. */
class PlazaServerTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.DEFAULT);
    private static final String NO_RPCS = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String SPAWNER = "Main/PlayerSpawner";

    private static ReferenceServer plaza() {
        return ReferenceServer.start(TransportOptions.defaults().withPort(0), ServerSettings.defaults(Contract.bundled()),
                Game.PLAZA, WorldOptions.inMemory(), Duration.ZERO);
    }

    private static String spawn(int netId, int peer) {
        return WirePeer.hex(CODEC.encode(Spawn.ofScene(0, 1, netId, Integer.toString(peer), List.of(), List.of())));
    }

    private static String hex(dev.godotload.wire.packet.Packet p) {
        return WirePeer.hex(CODEC.encode(p));
    }

    @Test
    void twoPlayersMeetMoveAndPart() throws Exception {
        try (ReferenceServer server = plaza()) {
            assertThat(server.game()).isEqualTo(Game.PLAZA);
            assertThat(server.worldDescription()).isNull();
            WirePeer a = WirePeer.connect(server.port(), CODEC);
            a.expect(hex(new SimplifyPath(1, SPAWNER, NO_RPCS)));
            a.expect(spawn(1, a.id));
            a.send(new ConfirmPath(true, NodeRef.cached(1)));
            a.send(new SimplifyPath(3, "Main/Players/" + a.id + "/Sync", NO_RPCS));
            a.expect(hex(new ConfirmPath(true, NodeRef.cached(3))));

            WirePeer b = WirePeer.connect(server.port(), CODEC);
            b.expect(hex(new AddPeer(a.id)));
            b.expect(hex(new SimplifyPath(1, SPAWNER, NO_RPCS)));
            b.expect(spawn(1, a.id));
            b.expect(spawn(2, b.id));
            a.expect(hex(new AddPeer(b.id)));
            a.expect(spawn(2, b.id));

            // a streams its pose to b through the server, as a Godot client relays a SYNC to another peer
            Sync pose = new Sync(1, List.of(new SyncState(0x8000_0003, List.of(new Vector3(4, 0, 0), new Vector3(0, 0, 0), 99L))));
            a.send(new Relay(b.id, pose));
            b.expect(hex(new Relay(a.id, pose)));

            a.close();
            b.expect(hex(new DelPeer(a.id)));
            b.expect(hex(new Despawn(1)));
            WirePeer.expectNothing(b);
            b.close();
        }
    }

    @Test
    void thePlazaNeedsGodot4() {
        ServerSettings godot3 = ServerSettings.defaults(Contract.bundled()).withVersion(GodotVersion.GODOT_3);
        assertThatThrownBy(() -> ReferenceServer.start(TransportOptions.defaults(GodotVersion.GODOT_3).withPort(0), godot3,
                Game.PLAZA, WorldOptions.inMemory(), Duration.ZERO))
                .hasMessage("the plaza needs Godot 4: Godot 3 has no MultiplayerSpawner or MultiplayerSynchronizer");
    }
}

package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;
import dev.godotload.wire.variant.Vector3;

/**
 * A plaza player's client: what it does with the server's SPAWNs and DESPAWNs, another player's
 * relayed synchronizer path and SYNCs, and what it sends for its own synchronizer, as
 * {@code SceneReplicationInterface} does on a Godot 4 client.
 */
class Godot4ReplicaPeerTest {
    private static final int ME = 1000;
    private static final int OTHER = 2000;
    private static final String MY_SYNC = "Main/Players/1000/Sync";
    private static final String OTHER_SYNC = "Main/Players/2000/Sync";
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);
    private static final String NO_RPCS = "d41d8cd98f00b204e9800998ecf8427e";

    private final Godot4Peer peer = (Godot4Peer) GodotPeer.of(GodotVersion.GODOT_4_4,
            Contract.load("plaza-contract.json"));

    private PeerEvent receive(Packet p) {
        return peer.receive(CODEC.encode(p));
    }

    private void joinAndSpawnBoth() {
        receive(new PeerId(ME));
        receive(new AddPeer(OTHER));
        assertThat(receive(new SimplifyPath(3, "Main/PlayerSpawner", NO_RPCS)))
                .isEqualTo(new PeerEvent.PathAnnounced(1, "Main/PlayerSpawner", 3, true));
        assertThat(CODEC.decode(peer.takeReply())).isEqualTo(new ConfirmPath(true, NodeRef.cached(3)));
        PeerEvent other = receive(Spawn.ofScene(0, 3, 7, "2000", List.of(), List.of()));
        assertThat(other).isInstanceOf(PeerEvent.Spawned.class);
        assertThat(((PeerEvent.Spawned) other).node().path()).isEqualTo("Main/Players/2000");
        PeerEvent mine = receive(Spawn.ofScene(0, 3, 8, "1000", List.of(), List.of()));
        assertThat(((PeerEvent.Spawned) mine).node().netId()).isEqualTo(8);
        assertThat(peer.spawnedCount()).isEqualTo(2);
    }

    @Test
    void confirmsAnotherPlayersSynchronizerAndNamesItsValues() {
        joinAndSpawnBoth();
        assertThat(receive(new Relay(OTHER, new SimplifyPath(1, OTHER_SYNC, NO_RPCS))))
                .isEqualTo(new PeerEvent.PathAnnounced(OTHER, OTHER_SYNC, 1, true));
        // the confirmation goes back to that player, through the server
        assertThat(CODEC.decode(peer.takeReply())).isEqualTo(new Relay(OTHER, new ConfirmPath(true, NodeRef.cached(1))));

        PeerEvent e = receive(new Relay(OTHER, new Sync(4, List.of(new SyncState(0x8000_0001,
                List.of(new Vector3(1, 0, 2), new Vector3(0, 3, 0), 123456L))))));
        PeerEvent.Synced synced = (PeerEvent.Synced) e;
        assertThat(synced.from()).isEqualTo(OTHER);
        assertThat(synced.time()).isEqualTo(4);
        assertThat(synced.states()).hasSize(1);
        assertThat(synced.states().get(0).node()).isEqualTo("Main/Players/2000");
        assertThat(synced.states().get(0).value("stamp")).isEqualTo(123456L);
        assertThat(synced.states().get(0).value(".:position")).isEqualTo(new Vector3(1, 0, 2));
    }

    @Test
    void aSyncForASynchronizerNotKnownYetIsSkippedAndAWrongShapeIsRefused() {
        joinAndSpawnBoth();
        PeerEvent unknown = receive(new Relay(OTHER, new Sync(1, List.of(new SyncState(0x8000_0009, List.of(1L))))));
        assertThat(((PeerEvent.Synced) unknown).states()).isEmpty();
        receive(new Relay(OTHER, new SimplifyPath(1, OTHER_SYNC, NO_RPCS)));
        assertThat(receive(new Relay(OTHER, new Sync(2, List.of(new SyncState(0x8000_0001, List.of(1L)))))))
                .isInstanceOf(PeerEvent.Ignored.class);
    }

    @Test
    void aSynchronizerOfANodeNotSpawnedHereIsNotConfirmed() {
        receive(new PeerId(ME));
        receive(new AddPeer(OTHER));
        assertThat(receive(new Relay(OTHER, new SimplifyPath(1, OTHER_SYNC, NO_RPCS))))
                .isInstanceOf(PeerEvent.Ignored.class);
        assertThat(peer.hasReplies()).isFalse();
    }

    @Test
    void streamsItsOwnStateToEachPeerThatConfirmed() {
        joinAndSpawnBoth();
        Map<String, Object> pose = Map.of("position", new Vector3(1, 2, 3), "rotation", new Vector3(0, 1, 0), "stamp", 99L);
        List<Integer> reached = new ArrayList<>();
        List<byte[]> first = peer.sync(MY_SYNC, pose, reached::add);
        // first frame: the synchronizer's path to the server and, relayed, to the other player; no state yet
        assertThat(first).extracting(CODEC::decode).containsExactly(
                new SimplifyPath(1, MY_SYNC, NO_RPCS), new Relay(OTHER, new SimplifyPath(1, MY_SYNC, NO_RPCS)));
        assertThat(reached).isEmpty();

        receive(new ConfirmPath(true, NodeRef.cached(1)));
        List<byte[]> second = peer.sync(MY_SYNC, pose, reached::add);
        Sync expected = new Sync(2, List.of(new SyncState(0x8000_0001, List.of(new Vector3(1, 2, 3), new Vector3(0, 1, 0), 99L))));
        assertThat(second).extracting(CODEC::decode).containsExactly(expected);
        assertThat(reached).containsExactly(1);

        receive(new Relay(OTHER, new ConfirmPath(true, NodeRef.cached(1))));
        reached.clear();
        List<byte[]> third = peer.sync(MY_SYNC, pose, reached::add);
        Sync next = new Sync(3, expected.states());
        assertThat(third).extracting(CODEC::decode).containsExactly(next, new Relay(OTHER, next));
        assertThat(reached).containsExactly(1, OTHER);
    }

    @Test
    void syncRefusesMissingPropertiesAndSynchronizersNotSpawned() {
        joinAndSpawnBoth();
        assertThatThrownBy(() -> peer.sync(MY_SYNC, Map.of("position", new Vector3(1, 2, 3)), p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".:rotation is missing");
        assertThatThrownBy(() -> peer.sync("Main/Players/3000/Sync", Map.of(), p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no synchronizer Main/Players/3000/Sync");
    }

    @Test
    void despawnForgetsTheNodeAndItsSynchronizer() {
        joinAndSpawnBoth();
        PeerEvent e = receive(new Despawn(7));
        assertThat(((PeerEvent.Despawned) e).node().path()).isEqualTo("Main/Players/2000");
        assertThat(peer.spawnedCount()).isEqualTo(1);
        assertThat(peer.hasSynchronizer(OTHER_SYNC)).isFalse();
        assertThat(receive(new Despawn(7))).isInstanceOf(PeerEvent.Ignored.class);
    }

    @Test
    void spawnsFromAnotherPeerOrAnUnknownSpawnerAreRefused() {
        receive(new PeerId(ME));
        receive(new AddPeer(OTHER));
        assertThat(receive(Spawn.ofScene(0, 3, 7, "2000", List.of(), List.of()))).isInstanceOf(PeerEvent.Ignored.class);
        receive(new SimplifyPath(3, "Main/PlayerSpawner", NO_RPCS));
        assertThat(receive(new Relay(OTHER, Spawn.ofScene(0, 3, 7, "2000", List.of(), List.of()))))
                .isInstanceOf(PeerEvent.Ignored.class);
        assertThat(receive(Spawn.ofScene(1, 3, 7, "2000", List.of(), List.of()))).isInstanceOf(PeerEvent.Ignored.class);
        receive(Spawn.ofScene(0, 3, 7, "2000", List.of(), List.of()));
        assertThat(receive(Spawn.ofScene(0, 3, 7, "2001", List.of(), List.of()))).isInstanceOf(PeerEvent.Ignored.class);
    }
}

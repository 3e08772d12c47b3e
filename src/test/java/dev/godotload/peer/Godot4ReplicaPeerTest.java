package dev.godotload.peer;

import static dev.godotload.testing.GoldenData.hex;
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

    /**
     * Client B of the real 4.6 plaza ({@code godot4-real/plaza-session.jsonl}, lines 194-221): fed what the
     * real server sent it, this peer owes the same confirmations and, for its own synchronizer, sends the same
     * announcements, byte for byte, as the real client did.
     */
    @Test
    void answersTheRealPlazaServerAsTheRealClientBDid() {
        int a = 1218438767;
        assertThat(peer.receive(hex("82355a04"))).isEqualTo(new PeerEvent.IdAssigned(73020802));
        assertThat(peer.receive(hex("07016fe69f48"))).isEqualTo(new PeerEvent.PeerJoined(a));
        peer.receive(hex("01643431643863643938663030623230346539383030393938656366383432376500010000004d61696e2f506c61796572537061776e657200"));
        assertThat(((PeerEvent.Spawned) peer.receive(hex("04000100000001000000000000000b0000003132313834333837363700")))
                .node().path()).isEqualTo("Main/Players/1218438767");
        assertThat(((PeerEvent.Spawned) peer.receive(hex("040001000000020000000000000009000000373330323038303200")))
                .node().path()).isEqualTo("Main/Players/73020802");
        assertThat(peer.receive(hex("07036fe69f4801643431643863643938663030623230346539383030393938656366383432376500"
                + "010000004d61696e2f506c61796572732f313231383433383736372f53796e6300")))
                .isEqualTo(new PeerEvent.PathAnnounced(a, "Main/Players/1218438767/Sync", 1, true));
        assertThat(hex(peer.takeReply())).isEqualTo("020101000000");                 // i 213
        assertThat(hex(peer.takeReply())).isEqualTo("07036fe69f48020101000000");     // i 216
        List<byte[]> first = peer.sync("Main/Players/73020802/Sync",
                Map.of("position", Vector3.ZERO, "rotation", Vector3.ZERO, "stamp", 1L), p -> { });
        assertThat(first).extracting(b -> hex(b)).containsExactly(
                "01643431643863643938663030623230346539383030393938656366383432376500010000004d61696e2f506c61796572732f"
                        + "37333032303830322f53796e6300", // i 217
                "07036fe69f4801643431643863643938663030623230346539383030393938656366383432376500010000004d61696e2f506c"
                        + "61796572732f37333032303830322f53796e6300"); // i 218
        // i 233: A's state relayed to B, named
        PeerEvent.Synced synced = (PeerEvent.Synced) peer.receive(hex("07036fe69f48060d00010000802300000009000000c1f675c0"
                + "000000005cf48dbf0900000000000000b50a5bc000000000428116"));
        assertThat(synced.states().get(0).node()).isEqualTo("Main/Players/1218438767");
        assertThat(synced.states().get(0).value("stamp")).isEqualTo(5761L);
        // i 236: A's mood changed
        PeerEvent.Synced delta = (PeerEvent.Synced) peer.receive(hex("07036fe69f4816010000800100000000000000100000000400"
                + "000007000000637572696f757300"));
        assertThat(delta.states().get(0).properties()).containsExactly(".:mood");
        assertThat(delta.states().get(0).values()).containsExactly("curious");
    }

    /** What the server spawned is kept once for the run; each user holds a bit, so one user's DESPAWN is its own. */
    @Test
    void usersOfARunShareTheSpawnedNodesAndHoldThemEachForItself() {
        PeerDirectory run = new PeerDirectory();
        Contract plaza = Contract.load("plaza-contract.json");
        Godot4Peer a = (Godot4Peer) GodotPeer.of(GodotVersion.GODOT_4_4, plaza, run);
        Godot4Peer b = (Godot4Peer) GodotPeer.of(GodotVersion.GODOT_4_4, plaza, run);
        for (Godot4Peer p : List.of(a, b)) {
            p.receive(CODEC.encode(new PeerId(p == a ? ME : OTHER)));
            p.receive(CODEC.encode(new SimplifyPath(3, "Main/PlayerSpawner", NO_RPCS)));
            p.receive(CODEC.encode(Spawn.ofScene(0, 3, 7, "2000", List.of(), List.of())));
            p.receive(CODEC.encode(Spawn.ofScene(0, 3, 8, "1000", List.of(), List.of())));
        }
        assertThat(a.spawnedNode("Main/Players/2000")).isSameAs(b.spawnedNode("Main/Players/2000"));
        a.receive(CODEC.encode(new Despawn(7)));
        assertThat(a.spawnedNode("Main/Players/2000")).isNull();
        assertThat(a.hasSynchronizer(OTHER_SYNC)).isFalse();
        assertThat(b.spawnedNode("Main/Players/2000")).isNotNull();
        assertThat(b.hasSynchronizer(OTHER_SYNC)).isTrue();
        assertThat(a.spawnedNodes()).extracting(SpawnedNode::path).containsExactly("Main/Players/1000");
        assertThat(b.spawnedNodes()).extracting(SpawnedNode::path).containsExactlyInAnyOrder("Main/Players/2000",
                "Main/Players/1000");
    }
}

package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.node.PlazaNode;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;
import dev.godotload.wire.variant.Vector3;

import ch.qos.logback.classic.Level;

/**
 * The plaza served as Godot 4.6 serves it: {@code _admit_peer}'s order (ADD_PEER, the spawned nodes
 * to the newcomer, then {@code peer_connected}, whose player goes to everyone), the spawner's
 * SIMPLIFY_PATH before its first SPAWN to each peer, SYNC and DELTA from the owner applied and from
 * anyone else refused, DESPAWN after DEL_PEER.
 */
class ReplicationTest {
    /** The MD5 of no RPC names: what Godot's get_rpc_md5 gives a spawner or a synchronizer. */
    private static final String NO_RPCS = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String SPAWNER = "Main/PlayerSpawner";

    private final LogCapture log = new LogCapture();
    private final ServerHarness h = ServerHarness.plaza(ServerSettings.defaults(ServerHarness.CONTRACT));

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    private SceneReplication replication() {
        return h.server.replication();
    }

    private String spawn(int netId, int peer) {
        return h.hex(Spawn.ofScene(0, 1, netId, Integer.toString(peer), List.of(), List.of()));
    }

    private String simplifySpawner() {
        return h.hex(new SimplifyPath(1, SPAWNER, NO_RPCS));
    }

    @Test
    void eachNewcomerGetsThePlayersSoFarThenItsOwnAndTheOthersGetItsPlayer() {
        FakeLink a = h.connect(2);
        // SIMPLIFY_PATH of the spawner (id 1, md5 of no RPCs), then SPAWN: scene 0, spawner id 1, net id 1,
        // no synchronizer ids, the name "2" with its NUL (2 bytes), no state.
        assertThat(a.take()).containsExactly(
                "01" + "6434316438636439386630306232303465393830303939386563663834323765" + "00" + "01000000"
                        + "4d61696e2f506c61796572537061776e6572" + "00",
                "04" + "00" + "01000000" + "01000000" + "00000000" + "02000000" + "3200");

        FakeLink b = h.connect(3);
        assertThat(a.backing.get(1)).as("one SPAWN of player 3, encoded once for both").isSameAs(b.backing.get(3));
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(3)), spawn(2, 3));
        assertThat(b.take()).containsExactly(h.hex(new AddPeer(2)), simplifySpawner(), spawn(1, 2), spawn(2, 3));

        FakeLink c = h.connect(4);
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(4)), spawn(3, 4));
        assertThat(b.take()).containsExactly(h.hex(new AddPeer(4)), spawn(3, 4));
        assertThat(c.take()).containsExactly(h.hex(new AddPeer(2)), h.hex(new AddPeer(3)), simplifySpawner(),
                spawn(1, 2), spawn(2, 3), spawn(3, 4));
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.SPAWN)).isEqualTo(9);
        assertThat(replication().spawnedPaths()).containsExactly("Main/Players/2", "Main/Players/3", "Main/Players/4");
    }

    @Test
    void aPlayerLeavesWithDelPeerThenDespawnToTheOthers() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        int netId = replication().netId("Main/Players/3");
        assertThat(netId).isEqualTo(2);
        h.clearSent();

        h.disconnect(b);
        assertThat(a.take()).containsExactly(h.hex(new DelPeer(3)), "0502000000");
        assertThat(c.take()).containsExactly(h.hex(new DelPeer(3)), h.hex(new Despawn(netId)));
        assertThat(b.take()).isEmpty();
        assertThat(replication().spawnedPaths()).containsExactly("Main/Players/2", "Main/Players/4");
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.DESPAWN)).isEqualTo(2);
    }

    @Test
    void aLaterJoinerGetsNoDespawnedPlayerAndGodotsOrderOfTheRest() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.connect(4);
        h.connect(5);
        h.disconnect(b);
        h.clearSent();

        FakeLink f = h.connect(6);
        // spawned_nodes is a HashSet: erasing player 3 moved the last one, player 5, into its place.
        assertThat(f.take()).containsExactly(h.hex(new AddPeer(2)), h.hex(new AddPeer(4)), h.hex(new AddPeer(5)),
                simplifySpawner(), spawn(1, 2), spawn(4, 5), spawn(3, 4), spawn(5, 6));
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(6)), spawn(5, 6));
    }

    @Test
    void theOwnersSyncIsAppliedAfterItsSimplifyPathIsConfirmed() {
        FakeLink a = h.connect(2);
        h.receive(a, new ConfirmPath(true, NodeRef.cached(1))); // the spawner's path, as a Godot client confirms it
        h.clearSent();

        h.receive(a, new SimplifyPath(5, "Main/Players/2/Sync", NO_RPCS));
        assertThat(a.take()).containsExactly(h.hex(new ConfirmPath(true, NodeRef.cached(5))));

        Vector3 position = new Vector3(4, 0, 0.5f);
        Vector3 rotation = new Vector3(0, -0.125f, 0);
        h.receive(a, new Sync(1, List.of(new SyncState(0x8000_0005, List.of(position, rotation, 1234L)))));
        h.receive(a, new Delta(List.of(new DeltaState(0x8000_0005, 1, List.of("happy")))));
        assertThat(replication().state("Main/Players/2/Sync")).containsExactly(Map.entry(".:position", position),
                Map.entry(".:rotation", rotation), Map.entry(".:stamp", 1234L), Map.entry(".:mood", "happy"));
        assertThat(h.server.counters().syncStatesApplied()).isEqualTo(2);
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.SYNC)).isEqualTo(1);
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.DELTA)).isEqualTo(1);

        // update_inbound_sync_time: an older state is skipped quietly, a newer one applied
        h.receive(a, new Sync(0, List.of(new SyncState(0x8000_0005, List.of(rotation, rotation, 1L)))));
        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:stamp", 1234L);
        h.receive(a, new Sync(2, List.of(new SyncState(0x8000_0005, List.of(position, rotation, 1300L)))));
        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:stamp", 1300L);
        assertThat(h.server.counters().syncStatesApplied()).isEqualTo(3);
        assertThat(a.take()).isEmpty();
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void aSyncForAnotherPeersPlayerIsRefusedWithOneWarning() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.receive(a, new SimplifyPath(5, "Main/Players/2/Sync", NO_RPCS));
        h.receive(a, new Sync(1, List.of(new SyncState(0x8000_0005, List.of(new Vector3(1, 2, 3), new Vector3(0, 0, 0), 7L)))));
        // peer 3 announces peer 2's synchronizer (the node exists, so it is confirmed) and sends for it
        h.receive(b, new SimplifyPath(9, "Main/Players/2/Sync", NO_RPCS));
        h.clearSent();
        h.receive(b, new Sync(1, List.of(new SyncState(0x8000_0009, List.of(new Vector3(9, 9, 9), new Vector3(0, 0, 0), 8L)))));
        h.receive(b, new Delta(List.of(new DeltaState(0x8000_0009, 1, List.of("grumpy")))));

        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:position", new Vector3(1, 2, 3))
                .containsEntry(".:stamp", 7L).doesNotContainKey(".:mood");
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 3 sent sync data for Main/Players/2/Sync, whose authority is peer 2; ignored",
                "WARN peer 3 sent a delta for Main/Players/2/Sync, whose authority is peer 2; ignored");
        assertThat(h.server.counters().syncStatesRejected()).isEqualTo(2);
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
    }

    @Test
    void aSyncTheServerCannotPlaceIsSkippedAsGodotSkipsIt() {
        FakeLink a = h.connect(2);
        h.receive(a, new SimplifyPath(5, "Main/Players/2/Sync", NO_RPCS));
        h.receive(a, new SimplifyPath(6, SPAWNER, NO_RPCS));
        h.clearSent();
        Vector3 v = new Vector3(1, 1, 1);
        // a net id the server never gave (no synchronizer has one), and a path that is not a synchronizer: quietly
        h.receive(a, new Sync(1, List.of(new SyncState(3, List.of(v, v, 1L)), new SyncState(0x8000_0006, List.of(v, v, 1L)),
                new SyncState(0x8000_0005, List.of(v, v, 5L)))));
        assertThat(log.lines(Level.WARN)).isEmpty();
        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:stamp", 5L);

        // an id the peer never announced: Godot's path cache logs it
        h.receive(a, new Sync(2, List.of(new SyncState(0x8000_0040, List.of(v, v, 6L)))));
        // too few values: Godot's decoding fails and the rest of the packet goes
        h.receive(a, new Sync(3, List.of(new SyncState(0x8000_0005, List.of(v)), new SyncState(0x8000_0005, List.of(v, v, 7L)))));
        // a DELTA for no synchronizer is an error in Godot, unlike a SYNC; so are bits that name other than the values
        h.receive(a, new Delta(List.of(new DeltaState(0x8000_0006, 1, List.of("happy")), new DeltaState(3, 1, List.of("sly")))));
        h.receive(a, new Delta(List.of(new DeltaState(0x8000_0005, 3, List.of("a", "b")),
                new DeltaState(0x8000_0005, 1, List.of("never")))));
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 sent sync data for cache ID 64, which it never announced; ignored",
                "WARN peer 2 sent sync data for Main/Players/2/Sync with 1 values, and it replicates 3 that way; the rest of "
                        + "the packet is dropped",
                "WARN peer 2 sent a delta for Main/PlayerSpawner (cache ID 6), which names no synchronizer here; ignored",
                "WARN peer 2 sent a delta for net ID 3, which names no synchronizer here; ignored",
                "WARN peer 2 sent a delta for Main/Players/2/Sync naming 1 of its 1 on_change properties, with 2 values; the "
                        + "rest of the packet is dropped");
        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:stamp", 5L).doesNotContainKey(".:mood");
        assertThat(h.server.counters().syncStatesRejected()).isEqualTo(5);
        assertThat(a.take()).isEmpty();
    }

    @Test
    void aSyncAddressedToEveryoneIsRelayedAndApplied() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.receive(a, new SimplifyPath(5, "Main/Players/2/Sync", NO_RPCS));
        h.clearSent();
        Sync sync = new Sync(1, List.of(new SyncState(0x8000_0005, List.of(new Vector3(1, 0, 0), new Vector3(0, 0, 0), 42L))));
        h.receive(a, new Relay(0, sync));
        assertThat(b.take()).containsExactly(h.hex(new Relay(2, sync)));
        assertThat(replication().state("Main/Players/2/Sync")).containsEntry(".:stamp", 42L);
    }

    @Test
    void aWrongChecksumForASynchronizerIsConfirmedInvalidWithTheRpcNodesWarning() {
        FakeLink a = h.connect(2);
        h.clearSent();
        h.receive(a, new SimplifyPath(5, "Main/Players/2/Sync", "0123456789abcdef0123456789abcdef"));
        assertThat(a.take()).containsExactly(h.hex(new ConfirmPath(false, NodeRef.cached(5))));
        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer 2: the rpc node checksum failed for Main/Players/2/Sync ("
                + NO_RPCS + " here, 0123456789abcdef0123456789abcdef there)");
        // a node the server does not have is not confirmed
        h.receive(a, new SimplifyPath(6, "Main/Players/77/Sync", NO_RPCS));
        assertThat(a.take()).isEmpty();
    }

    @Test
    void spawnAndDespawnFromAPeerAreRefused() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.receive(a, new SimplifyPath(6, SPAWNER, NO_RPCS));
        h.clearSent();
        h.receive(a, Spawn.ofScene(0, 6, 1, "intruder", List.of(), List.of()));
        h.receive(a, new Despawn(2));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(replication().spawnedPaths()).containsExactly("Main/Players/2", "Main/Players/3");
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 sent SPAWN of 'intruder' (net ID 1); only a spawner's authority spawns, and that is the server: "
                        + "dropped",
                "WARN peer 2 sent DESPAWN of net ID 2, which it never spawned; dropped");
    }

    @Test
    void whatTheGameMayNotSpawn() {
        NodeHost host = h.server.host();
        assertThatThrownBy(() -> host.spawn("Main/Nowhere", 0, "x", 2))
                .hasMessage("no spawner Main/Nowhere; the scene has [Main/PlayerSpawner]");
        assertThatThrownBy(() -> host.spawn(SPAWNER, 1, "x", 2))
                .hasMessage("spawner Main/PlayerSpawner has no scene 1; its scenes are [res://player.tscn]");
        assertThatThrownBy(() -> host.spawn(SPAWNER, 0, "a.b", 2)).hasMessageContaining("cannot spawn a node named 'a.b'");
        assertThatThrownBy(() -> host.spawn(SPAWNER, 0, "x", 1)).hasMessageContaining("spawn it with a peer");
        host.spawn(SPAWNER, 0, "x", 2);
        assertThatThrownBy(() -> host.spawn(SPAWNER, 0, "x", 3)).hasMessage("Main/Players already has a node named 'x'");
        assertThat(host.despawn(SPAWNER, "x")).isTrue();
        assertThat(host.despawn(SPAWNER, "x")).isFalse();
    }

    @Test
    void twoHundredPeersComeAndGoAndNothingIsLeftBehind() {
        List<FakeLink> links = new ArrayList<>();
        for (int id = 2; id < 202; id++) {
            FakeLink l = h.connect(id);
            h.receive(l, new ConfirmPath(true, NodeRef.cached(1)));
            h.receive(l, new SimplifyPath(5, PlazaNode.playerPath(id) + "/Sync", NO_RPCS));
            links.add(l);
        }
        assertThat(replication().footprint()).isEqualTo(new SceneReplication.Footprint(200, 200, 200, 200, 200 * 200));
        for (FakeLink l : links) {
            h.receive(l, new Sync(1, List.of(new SyncState(0x8000_0005, List.of(new Vector3(1, 0, 0), new Vector3(0, 0, 0), 1L)))));
        }
        assertThat(h.server.counters().syncStatesApplied()).isEqualTo(200);
        for (FakeLink l : links) {
            h.disconnect(l);
        }
        assertThat(replication().footprint()).isEqualTo(new SceneReplication.Footprint(0, 0, 0, 0, 0));
        assertThat(h.server.peers()).isEmpty();
        assertThat(h.server.sendCache().peers()).isZero();
        // the k-th newcomer got the k - 1 players before it, and its own went to all k peers
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.SPAWN)).isEqualTo(200 * 200);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.DESPAWN)).isEqualTo(199 * 200 / 2);
        h.clearSent();
        assertThat(log.lines(Level.WARN)).isEmpty();
    }
}

package dev.godotload.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.contract.NodeSpec;
import dev.godotload.server.multiplayer.FakeLink;
import dev.godotload.server.multiplayer.ServerHarness;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.world.StoredMerge;
import dev.godotload.world.World;

/** {@code Main/World}, {@code Main/Avatars} and {@code Main/Stats} of contract.md. */
class WorldNodeTest {
    private static final String WORLD = "Main/World";
    private static final NodeSpec WORLD_SPEC = ServerHarness.CONTRACT.node(WORLD);

    private final FakeWorldStore store = new FakeWorldStore(100);
    private final World world = store.load();
    private WorldNode node;
    private ServerHarness h;

    private void start(double loseAckedMerges) {
        node = new WorldNode(world, store, loseAckedMerges, () -> 0.5);
        h = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT), node, new AvatarsNode(),
                new StatsNode(node::version, System::nanoTime));
    }

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    private static Rpc call(String node, String method, Object... args) {
        return Rpc.of(NodeRef.path(node), ServerHarness.CONTRACT.node(node).methodId(method), Arrays.asList(args));
    }

    private static Rpc merge(long opId, int... glued) {
        return call(WORLD, "merge_world", opId, new PackedInt32Array(glued));
    }

    /** What the link received since the last call, as {@code method[args]}, path announcements left out. */
    private List<String> rpcs(FakeLink link) {
        List<String> out = new ArrayList<>();
        for (byte[] b : link.sent) {
            Packet p = h.codec.decode(b);
            if (p instanceof Rpc r) {
                NodeRef.Path path = (NodeRef.Path) r.node(); // never confirmed in these tests: always the full path
                out.add(ServerHarness.CONTRACT.node(path.path()).rpc(r.methodId()).name() + r.args());
            }
        }
        link.take();
        return out;
    }

    /** Commits what the store holds and runs what that scheduled on the loop. */
    private void commit() {
        store.commit();
        h.timers.fireAll();
    }

    @Test
    void aMergeIsAcknowledgedOnlyAfterItsCommit() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        h.clearSent();

        h.receive(a, merge(7, 5, 9, 1));
        h.timers.fireAll();
        assertThat(rpcs(a)).isEmpty();
        assertThat(rpcs(b)).isEmpty();
        assertThat(store.committed).isEmpty();

        commit();
        assertThat(store.committed).containsExactly(new StoredMerge(1, 2, 7, new int[] {5, 9, 1}));
        assertThat(rpcs(a)).containsExactly("edit_applied[7, 1]");
        assertThat(rpcs(b)).containsExactly("world_changed[1, 2, PackedInt32Array[5, 9, 1]]");
        assertThat(rpcs(c)).containsExactly("world_changed[1, 2, PackedInt32Array[5, 9, 1]]");
        assertThat(node.applied()).isEqualTo(1);
        assertThat(world.together(1, 9)).isTrue();
    }

    @Test
    void acknowledgementsLeaveInVersionOrderAcrossBatches() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(a, merge(1, 1, 2));
        h.receive(b, merge(1, 3, 4));
        store.commit();
        h.receive(a, merge(2, 5, 6));
        commit();
        assertThat(rpcs(a)).containsExactly("edit_applied[1, 1]", "world_changed[2, 3, PackedInt32Array[3, 4]]",
                "edit_applied[2, 3]");
        assertThat(rpcs(b)).containsExactly("world_changed[1, 2, PackedInt32Array[1, 2]]", "edit_applied[1, 2]",
                "world_changed[3, 2, PackedInt32Array[5, 6]]");
    }

    @Test
    void badMergesAreRejectedWithAReasonAndChangeNothing() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();

        h.receive(a, merge(1, 5));
        h.receive(a, merge(2, 5, 101));
        h.receive(a, merge(3, 0, 5));
        h.receive(a, merge(4, 5, 6, 5));
        h.receive(a, merge(5, new int[65]));
        h.timers.fireAll();

        assertThat(rpcs(a)).containsExactly(
                "edit_rejected[1, too few props: 1 (a merge glues 2 to 64)]",
                "edit_rejected[2, unknown prop 101 (props are 1 to 100)]",
                "edit_rejected[3, unknown prop 0 (props are 1 to 100)]",
                "edit_rejected[4, prop 5 listed twice]",
                "edit_rejected[5, too many props: 65 (a merge glues 2 to 64)]");
        assertThat(rpcs(b)).isEmpty();
        assertThat(store.queued()).isZero();
        assertThat(world.version()).isZero();
        assertThat(node.rejected()).isEqualTo(5);
        assertThat(a.closed()).isFalse();
    }

    @Test
    void aRepeatedOpIdIsRejectedEvenWhileTheFirstIsInFlightAndTheRefusalWaitsForTheFirstAnswer() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(a, merge(9, 1, 2));
        h.receive(a, merge(9, 3, 4));
        h.receive(b, merge(9, 3, 4)); // another peer's op 9 is its own
        h.timers.fireAll();
        assertThat(rpcs(a)).as("the refusal needs no commit, but must not overtake the first answer").isEmpty();
        commit();
        assertThat(rpcs(a)).containsExactly("edit_applied[9, 1]", "edit_rejected[9, duplicate op_id 9]",
                "world_changed[2, 3, PackedInt32Array[3, 4]]");
        assertThat(store.committed).hasSize(2);
        h.receive(a, merge(9, 1, 2));
        h.timers.fireAll();
        assertThat(rpcs(a)).containsExactly("edit_rejected[9, duplicate op_id 9]");
    }

    @Test
    void anAnswerThatNeedsNoCommitWaitsBehindAnEarlierMergeOfTheSamePeerOnly() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(a, merge(1, 1, 2));
        h.receive(a, call("Main/Stats", "request_stats"));
        h.receive(b, call("Main/Stats", "request_stats"));
        h.timers.fireAll();
        assertThat(rpcs(a)).isEmpty();
        assertThat(rpcs(b)).as("b has nothing pending: its answer goes at once").hasSize(1);
        commit();
        List<String> got = rpcs(a);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo("edit_applied[1, 1]");
        assertThat(got.get(1)).startsWith("receive_stats[");
    }

    @Test
    void aPeerThatLeavesWithAnswersPendingGetsNothingAndOthersAreNotHeld() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(a, merge(1, 1, 2));
        h.receive(a, merge(1, 1, 2));
        h.disconnect(a);
        commit();
        assertThat(rpcs(a)).isEmpty();
        assertThat(rpcs(b)).containsExactly("world_changed[1, 2, PackedInt32Array[1, 2]]");
        h.receive(b, merge(1, 3, 4));
        commit();
        assertThat(rpcs(b)).containsExactly("edit_applied[1, 2]");
    }

    @Test
    void theStateIsSentOnceWhatItShowsIsDurable() {
        start(0);
        FakeLink a = h.connect(2);
        h.clearSent();
        h.receive(a, merge(1, 40, 3));
        h.receive(a, merge(2, 3, 12));
        h.receive(a, merge(3, 70, 71));
        h.receive(a, call(WORLD, "request_state"));
        h.timers.fireAll();
        assertThat(rpcs(a)).isEmpty();
        commit();
        assertThat(rpcs(a)).containsExactly("edit_applied[1, 1]", "edit_applied[2, 2]", "edit_applied[3, 3]",
                "receive_state[3, [PackedInt32Array[3, 12, 40], PackedInt32Array[70, 71]]]");
    }

    @Test
    void aFailedStoreStopsMergesAndInFlightOnesGetNoAnswer() {
        start(0);
        FakeLink a = h.connect(2);
        h.clearSent();
        h.receive(a, merge(1, 1, 2));
        store.fail("disk full");
        h.timers.fireAll();
        assertThat(rpcs(a)).isEmpty();
        h.receive(a, merge(2, 3, 4));
        h.receive(a, call(WORLD, "request_state"));
        store.fail("disk full");
        h.timers.fireAll();
        assertThat(rpcs(a)).containsExactly(
                "edit_rejected[2, the world store failed, no merge is applied: disk full]");
        assertThat(world.together(3, 4)).isFalse();
    }

    @Test
    void theFaultSwitchAcknowledgesMergesItNeverApplies() {
        start(1.0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(a, merge(1, 1, 2));
        commit();
        assertThat(rpcs(a)).containsExactly("edit_applied[1, 1]");
        assertThat(rpcs(b)).containsExactly("world_changed[1, 2, PackedInt32Array[1, 2]]");
        assertThat(world.together(1, 2)).isFalse();
        assertThat(store.committed).isEmpty();
        assertThat(node.lostOnPurpose()).isEqualTo(1);
        assertThatThrownBy(() -> new WorldNode(world, store, 1.5, () -> 0)).hasMessageContaining("lose-acked-merges");
    }

    @Test
    void aFractionBelowTheDrawLosesNothing() {
        start(0.4); // the draw is 0.5
        FakeLink a = h.connect(2);
        h.receive(a, merge(1, 1, 2));
        commit();
        assertThat(world.together(1, 2)).isTrue();
        assertThat(node.lostOnPurpose()).isZero();
    }

    @Test
    void posesGoToEveryOtherPeer() {
        start(0);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        h.clearSent();
        Transform3D pose = Transform3D.IDENTITY;
        h.receive(b, call("Main/Avatars", "update_pose", pose, 123L));
        assertThat(rpcs(b)).isEmpty();
        assertThat(rpcs(a)).containsExactly("pose_changed[3, " + pose + ", 123]");
        assertThat(rpcs(c)).containsExactly("pose_changed[3, " + pose + ", 123]");
    }

    @Test
    void statsAnswerWithTheContractsFields() {
        start(0);
        FakeLink a = h.connect(2);
        h.connect(3);
        h.receive(a, merge(1, 1, 2));
        commit();
        h.clearSent();
        h.receive(a, call("Main/Stats", "request_stats"));
        List<byte[]> sent = new ArrayList<>(a.sent);
        Rpc reply = (Rpc) h.codec.decode(sent.get(sent.size() - 1));
        @SuppressWarnings("unchecked")
        Map<Object, Object> stats = (Map<Object, Object>) reply.args().get(0);
        assertThat(stats).containsKeys("peers", "packets_in", "packets_out", "bytes_in", "bytes_out", "rpcs_in", "rpcs_out",
                "world_version", "uptime_msec", "memory_static");
        assertThat(stats.get("peers")).isEqualTo(2L);
        assertThat(stats.get("world_version")).isEqualTo(1L);
        assertThat((Long) stats.get("packets_in")).isPositive();
        assertThat((Long) stats.get("bytes_out")).isPositive();
        assertThat((Long) stats.get("uptime_msec")).isNotNegative();
        assertThat(stats.get("rpcs_in")).as("merge_world and request_stats").isEqualTo(2L);
        assertThat(stats.get("rpcs_out")).as("edit_applied to the author, world_changed to the other peer").isEqualTo(2L);
        a.take();
    }
}

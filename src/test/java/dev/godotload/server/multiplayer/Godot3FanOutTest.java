package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.Godot3Harness.CHAT;
import static dev.godotload.server.multiplayer.Godot3Harness.announceChat;
import static dev.godotload.server.multiplayer.Godot3Harness.fromServer;
import static dev.godotload.server.multiplayer.Godot3Harness.receiveMessage;
import static dev.godotload.server.multiplayer.Godot3Harness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.node.AvatarsNode;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.variant.Transform3D;

/**
 * Encode once, write many, in Godot 3's forms: a body shared behind per-peer headers while peers have
 * not confirmed the path, one message for everyone once they all have; {@code broadcastExcept} as
 * {@code rpc_id(-peer)}.
 */
class Godot3FanOutTest {
    private static final int PEERS = 50;
    private static final String AVATARS = AvatarsNode.PATH;

    private final Godot3Harness h = new Godot3Harness(Godot3Harness.settings(), new AvatarsNode());
    private final List<FakeLink> links = new ArrayList<>();

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    private void connectAll() {
        for (int i = 0; i < PEERS; i++) {
            links.add(h.connect(100 + i));
        }
        h.clearSent();
    }

    @Test
    void beforeConfirmationsEachPeerGetsItsOwnHeaderInFrontOfBodiesEncodedOnce() {
        connectAll();
        ServerCounters counters = h.server.counters();
        long encoded = counters.packetsEncoded();
        long out = counters.packetsOut();

        h.receive(links.get(0), sendMessage("first", 1, 1));

        assertThat(counters.packetsEncoded() - encoded).as("the SIMPLIFY_PATH body and the full-path body").isEqualTo(2);
        assertThat(counters.packetsOut() - out).isEqualTo(2L * PEERS);
        for (int i = 0; i < 2; i++) {
            byte[] body = links.get(0).backing.get(i);
            int message = i;
            assertThat(links).allSatisfy(l -> assertThat(l.backing.get(message)).isSameAs(body));
        }
        for (FakeLink l : links) {
            assertThat(l.take()).containsExactly(fromServer(l.id, announceChat(1)),
                    fromServer(l.id, receiveMessage(NodeRef.path(CHAT), 100, "first", 1, 1)));
        }
    }

    @Test
    void afterConfirmationsABroadcastIsOneMessageEncodedOnce() {
        connectAll();
        h.receive(links.get(0), sendMessage("first", 1, 1));
        h.confirmChat(links.toArray(FakeLink[]::new));
        h.clearSent();
        long encoded = h.server.counters().packetsEncoded();

        h.receive(links.get(7), sendMessage("compact", 1, 2));

        assertThat(h.server.counters().packetsEncoded() - encoded).isEqualTo(1);
        byte[] shared = links.get(0).backing.get(0);
        assertThat(links).allSatisfy(l -> assertThat(l.backing.get(0)).isSameAs(shared));
        String expected = fromServer(0, receiveMessage(NodeRef.cached(1), 107, "compact", 1, 2));
        assertThat(links).allSatisfy(l -> assertThat(l.take()).containsExactly(expected));
    }

    @Test
    void broadcastExceptIsRpcIdToMinusThePeerOneMessageOnceEveryoneElseConfirmed() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        h.clearSent();
        Transform3D pose = Transform3D.IDENTITY;

        h.receive(a, pose(pose, 10));
        // Nobody confirmed Main/Avatars yet: per peer, the sender excluded.
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).containsExactly(fromServer(3, SimplifyPath.godot3(1, AVATARS)),
                fromServer(3, poseChanged(NodeRef.path(AVATARS), 2, pose, 10)));
        assertThat(c.take()).hasSize(2);

        confirmAvatars(b, c);
        h.receive(a, pose(pose, 11));
        String once = fromServer(-2, poseChanged(NodeRef.cached(1), 2, pose, 11));
        assertThat(b.backing.get(0)).isSameAs(c.backing.get(0));
        assertThat(b.take()).containsExactly(once);
        assertThat(c.take()).containsExactly(once);
        assertThat(a.take()).isEmpty();
        assertThat(once).startsWith("00" + "01000000" + "feffffff");

        // a has not confirmed: b's pose goes per peer again, by id to c and by path to a.
        h.receive(b, pose(pose, 12));
        assertThat(a.take()).containsExactly(fromServer(2, SimplifyPath.godot3(1, AVATARS)),
                fromServer(2, poseChanged(NodeRef.path(AVATARS), 3, pose, 12)));
        assertThat(c.take()).containsExactly(fromServer(4, poseChanged(NodeRef.cached(1), 3, pose, 12)));
        assertThat(b.take()).isEmpty();
    }

    @Test
    void broadcastExceptAPeerThatLeftIsABroadcast() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.receive(a, pose(Transform3D.IDENTITY, 1));
        h.receive(b, pose(Transform3D.IDENTITY, 1)); // now both were sent the path
        confirmAvatars(a, b);
        h.clearSent();

        h.server.host().broadcastExcept(99, AVATARS, "pose_changed", List.of(99L, Transform3D.IDENTITY, 5L));

        String toAll = fromServer(0, poseChanged(NodeRef.cached(1), 99, Transform3D.IDENTITY, 5));
        assertThat(a.take()).containsExactly(toAll);
        assertThat(b.take()).containsExactly(toAll);
    }

    @Test
    void broadcastExceptTheOnlyPeerSendsNothing() {
        FakeLink a = h.connect(2);
        h.clearSent();
        long encoded = h.server.counters().packetsEncoded();

        h.receive(a, pose(Transform3D.IDENTITY, 1));

        assertThat(a.take()).isEmpty();
        assertThat(h.server.counters().packetsEncoded()).isEqualTo(encoded);
    }

    @Test
    void stressModeOffAnswersTheSenderAloneWithRpcIdToIt() {
        Godot3Harness quiet = new Godot3Harness(Godot3Harness.settings().withStressMode(false));
        FakeLink a = quiet.connect(2);
        FakeLink b = quiet.connect(3);
        quiet.clearSent();

        quiet.receive(b, sendMessage("just me", 1, 1));
        quiet.receive(b, new ConfirmPath(true, NodeRef.path(CHAT)));
        quiet.receive(b, sendMessage("me again", 1, 2));

        assertThat(a.take()).isEmpty();
        assertThat(b.take()).containsExactly(fromServer(3, announceChat(1)),
                fromServer(3, receiveMessage(NodeRef.path(CHAT), 3, "just me", 1, 1)),
                fromServer(3, receiveMessage(NodeRef.cached(1), 3, "me again", 1, 2)));
        quiet.assertAllReleased();
    }

    @Test
    void aSendTheTransportDropsIsCountedAndTheOthersStillGo() {
        FakeLink a = h.connect(2);
        FakeLink full = h.connect(3);
        full.accepts = false;
        h.clearSent();

        h.receive(a, sendMessage("x", 1, 1));

        assertThat(h.server.counters().sendsDropped()).isEqualTo(2);
        assertThat(a.take()).hasSize(2);
    }

    @Test
    void aNodeCallingOutsideTheContractIsAProgrammingError() {
        h.connect(2);
        NodeHost host = h.server.host();
        assertThatThrownBy(() -> host.broadcast(CHAT, "receive_message", List.of("wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server called Main/Chat.receive_message takes 4 arguments, got 1");
        assertThatThrownBy(() -> host.broadcast(CHAT, "shout", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.call(99, CHAT, "receive_message", List.of(1L, "x", 1L, 1L))).isFalse();
    }

    private static RemoteCall pose(Transform3D pose, long usec) {
        return new RemoteCall(NodeRef.path(AVATARS), "update_pose", List.of(pose, usec));
    }

    private static RemoteCall poseChanged(NodeRef node, int peer, Transform3D pose, long usec) {
        return new RemoteCall(node, "pose_changed", List.of((long) peer, pose, usec));
    }

    private void confirmAvatars(FakeLink... peers) {
        for (FakeLink p : peers) {
            h.receive(p, new ConfirmPath(true, NodeRef.path(AVATARS)));
        }
    }
}

package dev.godotload.peer;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.variant.PackedInt32Array;

/**
 * Client A of {@code godot4-real/server-session.jsonl}: what the real Godot 4.6 server sent it,
 * and the bytes the real client sent back, which this peer must produce byte for byte.
 */
class GodotPeerTest {
    private static final int A = 1480066776;
    private static final int B = 1417846467;

    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);
    private final GodotPeer peer = GodotPeer.of(GodotVersion.GODOT_4_4, Contract.bundled());

    @Test
    void replaysClientAOfTheRealServerSession() {
        assertThat(peer.receive(hex("d8063858"))).isEqualTo(new PeerEvent.IdAssigned(A));
        assertThat(peer.receive(hex("0701c39e8254"))).isEqualTo(new PeerEvent.PeerJoined(B));
        assertThat(peer.peerCount()).isEqualTo(1);
        assertThat(peer.knows(B)).isTrue();

        assertThat(peer.needsAnnouncement("Main/Chat")).isTrue();
        assertThat(hex(peer.announcement("Main/Chat"))).isEqualTo(
                "01393837333632306531613463643566393938323737323739343935343630663300010000004d61696e2f4368617400");
        assertThat(peer.needsAnnouncement("Main/Chat")).isFalse();
        assertThat(peer.announcement("Main/Chat")).isNull();
        assertThat(hex(peer.rpc("Main/Chat", "send_message", List.of("hello", 42L, 7L)))).isEqualTo(
                "201b0000800103040000000500000068656c6c6f000000022a02074d61696e2f4368617400");

        assertThat(peer.receive(hex("020101000000"))).isEqualTo(new PeerEvent.PathConfirmed("Main/Chat", true));
        assertThat(peer.receive(hex(
                "01393837333632306531613463643566393938323737323739343935343630663300010000004d61696e2f4368617400")))
                .isEqualTo(new PeerEvent.PathAnnounced(1, "Main/Chat", 1, true));
        assertThat(hex(peer.takeReply())).isEqualTo("020101000000");
        assertThat(peer.hasReplies()).isFalse();
        assertThat(peer.takeReply()).isNull();

        assertThat(peer.receive(hex(
                "2020000080000482d8063858040000000500000068656c6c6f000000022a02074d61696e2f4368617400")))
                .isEqualTo(new PeerEvent.RpcReceived(1, "Main/Chat", "receive_message", List.of((long) A, "hello", 42L, 7L)));

        assertThat(hex(peer.rpc("Main/Chat", "send_message", List.of("again ✓", 1099511627776L, 70000L)))).isEqualTo(
                "000101030400000009000000616761696e20e29c93000000c200000000000100008270110100");
        PeerEvent e = peer.receive(hex(
                "0001000482d80638580400000009000000616761696e20e29c93000000c200000000000100008270110100"));
        assertThat(e).isEqualTo(new PeerEvent.RpcReceived(1, "Main/Chat", "receive_message",
                List.of((long) A, "again ✓", 1099511627776L, 70000L)));
        assertThat(((PeerEvent.RpcReceived) e).longArg(3)).isEqualTo(70000L);

        assertThat(hex(peer.announcement("Main/World"))).isEqualTo(
                "01653339396339356363626532323431636164643363303263636431323936633300020000004d61696e2f576f726c6400");
        assertThat(hex(peer.rpc("Main/World", "merge_world", List.of(1001L, new PackedInt32Array(new int[] {3, 17, 999})))))
                .isEqualTo("201e000080020242e9031e000000030000000300000011000000e70300004d61696e2f576f726c6400");
    }

    @Test
    void relaysComeFromTheirSourceAndDelPeerForgetsIt() {
        peer.receive(hex("d8063858"));
        assertThat(peer.receive(hex("0703c39e825403dead"))).isInstanceOf(PeerEvent.Ignored.class)
                .extracting(ev -> ((PeerEvent.Ignored) ev).reason()).isEqualTo("relay from unknown peer " + B);
        peer.receive(hex("0701c39e8254"));
        PeerEvent raw = peer.receive(hex("0703c39e825403dead"));
        assertThat(((PeerEvent.Ignored) raw).from()).isEqualTo(B);
        assertThat(peer.receive(hex("0702c39e8254"))).isEqualTo(new PeerEvent.PeerLeft(B));
        assertThat(peer.peerCount()).isZero();
        assertThat(peer.knows(B)).isFalse();
    }

    @Test
    void aRelayedSimplifyPathIsConfirmedThroughTheRelay() {
        peer.receive(hex("d8063858"));
        peer.receive(hex("0701c39e8254"));
        // B announces Main/Chat as its id 5 to A, through the server.
        byte[] inner = hex("01393837333632306531613463643566393938323737323739343935343630663300050000004d61696e2f4368617400");
        byte[] relay = new byte[6 + inner.length];
        System.arraycopy(hex("0703c39e8254"), 0, relay, 0, 6);
        System.arraycopy(inner, 0, relay, 6, inner.length);
        assertThat(peer.receive(relay)).isEqualTo(new PeerEvent.PathAnnounced(B, "Main/Chat", 5, true));
        assertThat(hex(peer.takeReply())).isEqualTo("0703c39e8254020105000000");
    }

    @Test
    void wrongChecksumIsConfirmedInvalidAndGodot42ConfirmsByPath() {
        GodotPeer old = GodotPeer.of(GodotVersion.GODOT_4_0, Contract.bundled());
        old.receive(hex("d8063858"));
        PeerEvent e = old.receive(hex(
                "01666666666666666666666666666666666666666666666666666666666666666600030000004d61696e2f4176617461727300"));
        assertThat(e).isEqualTo(new PeerEvent.PathAnnounced(1, "Main/Avatars", 3, false));
        assertThat(hex(old.takeReply())).isEqualTo("02004d61696e2f4176617461727300");
    }

    @Test
    void whatGodotWouldDropIsIgnoredWithAReason() {
        peer.receive(hex("d8063858"));
        // compact RPC on an id the server never announced
        assertThat(reason(peer.receive(CODEC.encode(Rpc.of(NodeRef.cached(7), 0, List.of(1L, "x", 2L, 3L))))))
                .isEqualTo("unknown node cache id 7 from peer 1");
        // an announcement of a node the contract lacks gets no confirmation
        assertThat(reason(peer.receive(
                CODEC.encode(new SimplifyPath(9, "Foo", "d41d8cd98f00b204e9800998ecf8427e"))))).isEqualTo(
                "announced node Foo, which the contract lacks");
        assertThat(peer.hasReplies()).isFalse();
        // receive_message with a String where the sender id belongs
        assertThat(reason(peer.receive(CODEC.encode(Rpc.of(NodeRef.path("Main/Chat"), 0, List.of("x", 1L, 2L, 3L))))))
                .isEqualTo("Main/Chat.receive_message argument 1 must be int, got String");
        // a method id past the node's last
        assertThat(reason(peer.receive(CODEC.encode(Rpc.of(NodeRef.path("Main/Chat"), 9, List.of())))))
                .isEqualTo("Main/Chat has no method id 9");
        // another client calling receive_message (authority: the server's) through the relay
        peer.receive(hex("0701c39e8254"));
        assertThat(reason(peer.receive(CODEC.encode(new dev.godotload.wire.packet.Relay(B,
                Rpc.of(NodeRef.path("Main/Chat"), 0, List.of((long) B, "fake", 1L, 2L)))))))
                .isEqualTo("Main/Chat.receive_message may not be called by peer " + B);
    }

    @Test
    void misuseIsRefusedClearly() {
        assertThatThrownBy(() -> peer.rpc("Main/Chat", "send_message", List.of("x", 1L, 2L)))
                .hasMessage("not connected: the server has not sent this peer's id yet");
        assertThatThrownBy(() -> peer.receive(hex("01000000"))).isInstanceOf(WireFormatException.class);
        peer.receive(hex("d8063858"));
        assertThatThrownBy(() -> peer.rpc("Main/Chat", "send_message", List.of("x")))
                .hasMessage("Main/Chat.send_message(String, int, int) called with 1 arguments");
        assertThatThrownBy(() -> peer.rpc("Main/Chat", "yell", List.of()))
                .hasMessageContaining("has no RPC 'yell'");
        assertThat(GodotPeer.of(GodotVersion.GODOT_3, Contract.bundled())).isInstanceOf(Godot3Peer.class);
        assertThatThrownBy(() -> new Godot4Peer(GodotVersion.GODOT_3, Contract.bundled(), new PeerDirectory()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String reason(PeerEvent e) {
        return ((PeerEvent.Ignored) e).reason();
    }
}

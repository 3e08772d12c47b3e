package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;

/**
 * A Godot 3 client, checked against the bytes the real 3.2.3 engine exchanged
 * ({@code godot3-captures/session.annotated.txt}): client B (id 198326032) chatting through the
 * server with the lab's {@code send_chat}/{@code receive_chat} node.
 */
class Godot3PeerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int A = 1564095456;
    private static final int B = 198326032;

    private GodotPeer peer;

    @BeforeEach
    void labContract(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("lab-contract.json");
        Files.writeString(json, """
                {"nodes": [{"path": "Main/Chat", "rpcs": [
                  {"name": "send_chat", "mode": "any_peer", "args": ["String"]},
                  {"name": "receive_chat", "mode": "authority", "args": ["int", "String"]}]}]}
                """);
        peer = GodotPeer.of(GodotVersion.GODOT_3, Contract.load(json.toString()));
    }

    private static byte[] hex(String h) {
        return HEX.parseHex(h.replace(" ", ""));
    }

    private void joinAsB() {
        assertThat(peer.receive(hex("03 01000000 00000000 1037d20b"))).isEqualTo(new PeerEvent.IdAssigned(B));
        assertThat(peer.receive(hex("01 01000000 00000000 01000000"))).isEqualTo(new PeerEvent.PeerJoined(1));
        assertThat(peer.receive(hex("01 01000000 00000000 e0333a5d"))).isEqualTo(new PeerEvent.PeerJoined(A));
    }

    @Test
    void theIdAndThePeersComeFromSysIdAndSysAdd() {
        assertThat(peer.hasId()).isFalse();
        joinAsB();
        assertThat(peer.id()).isEqualTo(B);
        assertThat(peer.peerCount()).as("the server (SYS_ADD 1) is not a player").isEqualTo(1);
        assertThat(peer.knows(A)).isTrue();
        assertThat(peer.knows(1)).isFalse();
        assertThat(peer.receive(hex("02 01000000 00000000 e0333a5d"))).isEqualTo(new PeerEvent.PeerLeft(A));
        assertThat(peer.peerCount()).isZero();
        assertThat(peer.knows(A)).isFalse();
        assertThat(peer.version()).isEqualTo(GodotVersion.GODOT_3);
    }

    @Test
    void theFirstCallIsAnnouncedAndGoesByFullPathAsTheRealClientSentIt() {
        joinAsB();
        assertThat(peer.needsAnnouncement("Main/Chat")).isTrue();
        assertThat(HEX.formatHex(peer.announcement("Main/Chat")))
                .isEqualTo("001037d20b0100000002010000004d61696e2f4368617400");
        assertThat(peer.announcement("Main/Chat")).isNull();
        assertThat(HEX.formatHex(peer.rpc("Main/Chat", "send_chat", List.of("hello from B")))).isEqualTo(
                "001037d20b01000000002400008073656e645f636861740001040000000c00000068656c6c6f2066726f6d20424d61696e2f4368617400");
    }

    @Test
    void afterTheServerConfirmsCallsUseTheCachedId() {
        joinAsB();
        peer.announcement("Main/Chat");
        assertThat(peer.receive(hex("00 01000000 1037d20b 03 4d61696e2f4368617400")))
                .isEqualTo(new PeerEvent.PathConfirmed("Main/Chat", true));
        assertThat(HEX.formatHex(peer.rpc("Main/Chat", "send_chat", List.of("hi"))))
                .isEqualTo("001037d20b01000000" + "00" + "01000000" + "73656e645f6368617400" + "01"
                        + "04000000" + "02000000" + "68690000");
    }

    @Test
    void theServersAnnouncementIsConfirmedByEchoingThePathAndItsCallsDecode() {
        joinAsB();
        assertThat(peer.receive(hex("00 01000000 1037d20b 02 01000000 4d61696e2f4368617400")))
                .isEqualTo(new PeerEvent.PathAnnounced(1, "Main/Chat", 1, true));
        assertThat(peer.hasReplies()).isTrue();
        assertThat(HEX.formatHex(peer.takeReply())).isEqualTo("001037d20b01000000034d61696e2f4368617400");
        assertThat(peer.hasReplies()).isFalse();

        PeerEvent byPath = peer.receive(hex("0001000000" + "1037d20b" + "002f000080726563656976655f63686174000202000000"
                + "1037d20b040000000c00000068656c6c6f2066726f6d20424d61696e2f4368617400"));
        assertThat(byPath).isEqualTo(new PeerEvent.RpcReceived(1, "Main/Chat", "receive_chat", List.of((long) B, "hello from B")));

        PeerEvent byId = peer.receive(hex("0001000000" + "00000000" + "0001000000" + "726563656976655f6368617400" + "02"
                + "02000000e0333a5d" + "0400000002000000" + "68690000"));
        assertThat(byId).isEqualTo(new PeerEvent.RpcReceived(1, "Main/Chat", "receive_chat", List.of((long) A, "hi")));
    }

    @Test
    void whatAGodot3ClientWouldDropIsIgnoredWithAReason() {
        assertThat(peer.receive(hex("00 01000000 00000000 02 01000000 4d61696e2f4368617400")))
                .isInstanceOf(PeerEvent.Ignored.class);
        joinAsB();
        assertThat(reason(peer.receive(hex("0001000000" + "00000000" + "0009000000" + "726563656976655f6368617400" + "00"))))
                .isEqualTo("unknown node cache id 9 from peer 1");
        // peer A calling receive_chat, the server's (authority) method, on B through the relay
        assertThat(reason(peer.receive(hex("00e0333a5d00000000" + "00" + "27000080" + "726563656976655f6368617400" + "02"
                + "02000000e0333a5d" + "0400000002000000" + "68690000" + "4d61696e2f4368617400"))))
                .isEqualTo("Main/Chat.receive_chat may not be called by peer 1564095456");
        assertThat(reason(peer.receive(hex("01 e0333a5d 00000000 05000000"))))
                .isEqualTo("a peer announcement from peer 1564095456, not the server");
        assertThatThrownBy(() -> peer.receive(hex("00 0100"))).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> peer.authData(new byte[] {1})).hasMessage("Godot 3 has no authentication");
    }

    private static String reason(PeerEvent e) {
        return ((PeerEvent.Ignored) e).reason();
    }
}

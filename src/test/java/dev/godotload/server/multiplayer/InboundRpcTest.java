package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.CHAT;
import static dev.godotload.server.multiplayer.ServerHarness.announceChat;
import static dev.godotload.server.multiplayer.ServerHarness.receiveMessage;
import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;

import ch.qos.logback.classic.Level;

/** RPCs from clients: resolved, checked as Godot checks them, then handed to the node. */
class InboundRpcTest {
    private final LogCapture log = new LogCapture();
    private final ServerHarness h = ServerHarness.defaults();
    private final FakeLink a = h.connect(2);
    private final FakeLink b = h.connect(3);

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    @Test
    void aFullPathCallReachesTheNode() {
        h.clearSent();
        h.receiveHex(a, "201b0000800103040000000500000068656c6c6f000000022a02074d61696e2f4368617400"); // real client
        assertThat(h.chat.accepted()).isEqualTo(1);
        assertThat(b.take()).last().isEqualTo(h.hex(receiveMessage(NodeRef.path(CHAT), 2, "hello", 42, 7)));
        assertThat(h.server.counters().callsDispatched()).isEqualTo(1);
    }

    @Test
    void aCompactCallUsesTheCallersOwnAnnouncement() {
        h.receive(a, announceChat(7));
        h.clearSent();
        h.receive(a, sendMessage(NodeRef.cached(7), "compact", 1, 1));
        assertThat(h.chat.accepted()).isEqualTo(1);

        // B never announced id 7: ids belong to their sender.
        h.clearSent();
        h.receive(b, sendMessage(NodeRef.cached(7), "not mine", 1, 2));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(h.chat.accepted()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 3 called an RPC on cache ID 7, which it never announced");
    }

    @Test
    void anUnknownMethodIdIsRejected() {
        h.clearSent();
        h.receive(a, Rpc.of(NodeRef.path(CHAT), 2, List.of()));
        assertThat(a.take()).isEmpty();
        assertThat(h.server.counters().callsRejected()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 called method ID 2 on node Main/Chat, which has only [receive_message, send_message]");
    }

    @Test
    void aClientCallingAnAuthorityRpcIsRefusedAndStaysConnected() {
        h.clearSent();
        h.receive(a, receiveMessage(NodeRef.path(CHAT), 3, "forged", 1, 1));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(a.closed()).isFalse();
        assertThat(h.server.peers()).contains(2);
        assertThat(h.server.counters().callsRejected()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer 2 may not call RPC 'receive_message' on node "
                + "Main/Chat: mode is \"authority\", authority is 1");

        h.receive(a, sendMessage("still here", 1, 2));
        assertThat(b.take()).hasSize(2);
    }

    @Test
    void argumentsOfTheWrongTypesAreRefused() {
        h.clearSent();
        h.receive(a, Rpc.of(NodeRef.path(CHAT), ServerHarness.SEND_MESSAGE, List.of(42L, 1L, 2L)));
        h.receive(a, Rpc.of(NodeRef.path(CHAT), ServerHarness.SEND_MESSAGE, List.of("short")));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(h.chat.accepted()).isZero();
        assertThat(h.server.counters().callsRejected()).isEqualTo(2);
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 called Main/Chat.send_message argument 1 must be String, got int",
                "WARN peer 2 called Main/Chat.send_message takes 3 arguments, got 1");
    }

    @Test
    void aNodeTheServerDoesNotServeIsRejected() {
        h.clearSent();
        h.receive(a, Rpc.of(NodeRef.path("Main/World"), 4, List.of())); // request_state: in the contract, not served
        assertThat(a.take()).isEmpty();
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 called an RPC on node Main/World, which this server does not serve");
    }

    @Test
    void aNodeThatThrowsIsLoggedAndTheLoopCarriesOn() {
        ServerNode broken = new ServerNode() {
            @Override
            public String path() {
                return "Main/Stats";
            }

            @Override
            public void call(NodeCall call) {
                throw new IllegalStateException("bug");
            }
        };
        ServerHarness withBroken = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT), broken);
        FakeLink c = withBroken.connect(2);
        withBroken.receive(c, Rpc.of(NodeRef.path("Main/Stats"), 1, List.of()));
        assertThat(log.lines(Level.ERROR)).containsExactly("ERROR Main/Stats.request_stats failed on a call from peer 2");
        withBroken.receive(c, sendMessage("after", 1, 1));
        assertThat(withBroken.chat.accepted()).isEqualTo(1);
        withBroken.assertAllReleased();
    }
}

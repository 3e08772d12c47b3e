package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.CHAT;
import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.node.ChatNode;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.NodeRef;

/** Encode once, write many: the hot path of a chat stress test. */
class FanOutTest {
    private static final int PEERS = 50;

    private final ServerHarness h = ServerHarness.defaults();
    private final List<FakeLink> links = new ArrayList<>();

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void aBroadcastEncodesEachDistinctPacketOnceWhateverTheNumberOfPeers() {
        for (int i = 0; i < PEERS; i++) {
            links.add(h.connect(100 + i));
        }
        h.clearSent();
        ServerCounters counters = h.server.counters();

        long encoded = counters.packetsEncoded();
        long out = counters.packetsOut();
        h.receive(links.get(0), sendMessage("first", 1, 1));
        assertThat(counters.packetsEncoded() - encoded).as("SIMPLIFY_PATH and the full-path call").isEqualTo(2);
        assertThat(counters.packetsOut() - out).isEqualTo(2L * PEERS);
        byte[] shared = links.get(0).backing.get(1);
        assertThat(links).allSatisfy(l -> assertThat(l.backing.get(1)).isSameAs(shared));
        String call = links.get(0).take().get(1);
        assertThat(links.subList(1, PEERS)).allSatisfy(l -> assertThat(l.take()).last().isEqualTo(call));

        for (FakeLink l : links) {
            h.receive(l, new ConfirmPath(true, NodeRef.cached(1)));
        }
        encoded = counters.packetsEncoded();
        h.receive(links.get(7), sendMessage("compact", 1, 2));
        assertThat(counters.packetsEncoded() - encoded).isEqualTo(1);
        assertThat(links).allSatisfy(l -> assertThat(l.take()).containsExactly(
                h.hex(ServerHarness.receiveMessage(NodeRef.cached(1), 107, "compact", 1, 2))));
        assertThat(CHAT).isEqualTo(ChatNode.PATH);
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
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.RPC)).isEqualTo(1);
    }
}

package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.Rpc;

/**
 * {@code SceneMultiplayer.server_relay = false}, as the engine's {@code _admit_peer}, {@code _del_peer}
 * and {@code _process_sys} have it: no client hears of another, and a relayed packet is refused.
 */
class ServerRelayOffTest {
    private static final int A = 1480066776;
    private static final int B = 1417846467;

    private final ServerHarness h = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT).withServerRelay(false));
    private final FakeLink a = h.connect(A);
    private final FakeLink b = h.connect(B);

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void noClientIsToldOfAnotherComingOrGoing() {
        // (the 4-byte id message is the transport's; the layer sends nothing more on admission)
        assertThat(a.take()).as("no ADD_PEER(B) for A").isEmpty();
        assertThat(b.take()).as("no ADD_PEER(A) for B").isEmpty();
        h.disconnect(b);
        assertThat(a.take()).as("no DEL_PEER").isEmpty();
        assertThat(h.server.peers()).containsExactly(A);
    }

    @Test
    void aRelayedPacketIsRefusedAndTheServerDoesNotProcessIt() {
        h.clearSent();
        long refused = h.server.counters().refused();
        h.receive(b, new Relay(A, new Raw(new byte[] {1})));
        h.receive(b, new Relay(0, Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("hi", 1L, 1L))));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(h.chat.accepted()).isZero();
        assertThat(h.server.counters().refused()).isEqualTo(refused + 2);
    }

    @Test
    void callsToTheServerStillWork() {
        h.clearSent();
        h.receive(b, Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("hi", 1L, 1L)));
        assertThat(h.chat.accepted()).isEqualTo(1);
        // the server's SIMPLIFY_PATH of Main/Chat, then receive_message
        assertThat(b.take()).as("stress mode: the line comes back").hasSize(2);
        assertThat(a.take()).as("and reaches the others, relay or not").hasSize(2);
    }
}

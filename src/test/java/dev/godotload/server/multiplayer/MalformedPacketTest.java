package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.GoldenData;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Raw;

import ch.qos.logback.classic.Level;

/** Bytes no Godot peer would send: Godot logs and ignores them, and so does this server. */
class MalformedPacketTest {
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
    void aMalformedPacketIsLoggedInOneLineCountedAndIgnored() {
        String[] garbage = {
            "",                          // empty message
            "0801",                      // bit 3 of an RPC byte 0
            "2017000080",                // full-path RPC cut short
            "02014d61696e2f4368617400",  // a 4.0-4.2 CONFIRM_PATH sent to a 4.3 server
            "0704"                       // unknown SYS command
        };
        h.clearSent();
        for (String hex : garbage) {
            h.receiveHex(a, hex);
        }
        assertThat(h.server.counters().malformed()).isEqualTo(garbage.length);
        assertThat(h.server.counters().packetsIn()).isEqualTo(garbage.length);
        assertThat(log.lines(Level.WARN)).hasSize(garbage.length).allSatisfy(
                line -> assertThat(line).matches("WARN peer 2 sent a malformed packet: offset \\d+: .+"));
        assertThat(log.lines(Level.WARN).get(3)).isEqualTo("WARN peer 2 sent a malformed packet: "
                + reason("02014d61696e2f4368617400"));
        assertThat(log.anyThrowable()).isFalse();
        assertThat(a.closed()).isFalse();
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();

        h.receive(b, sendMessage("everyone still served", 1, 1));
        assertThat(a.take()).hasSize(2);
        assertThat(b.take()).hasSize(2);
    }

    @Test
    void packetsAClientHasNoBusinessSendingAreDropped() {
        h.clearSent();
        h.receive(a, new AddPeer(9));
        h.receive(a, new DelPeer(3));
        h.receive(a, new Raw(new byte[] {1, 2}));
        h.receive(a, new Despawn(1));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(h.server.peers()).containsExactly(2, 3);
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 sent ADD_PEER, which only the server sends; dropped",
                "WARN peer 2 sent DEL_PEER, which only the server sends; dropped",
                "WARN peer 2 sent DESPAWN of net ID 1, which it never spawned; dropped");
        assertThat(log.lines(Level.DEBUG)).contains("DEBUG peer 2 sent RAW; ignored");
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.RAW)).isEqualTo(1);
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.DESPAWN)).isEqualTo(1);
    }

    private String reason(String hex) {
        try {
            h.codec.decode(GoldenData.hex(hex));
        } catch (WireFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError(hex + " decoded");
    }
}

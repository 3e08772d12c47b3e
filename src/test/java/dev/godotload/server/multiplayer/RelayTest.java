package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;

/** SYS RELAY through the server, as Godot 4.4+ routes it (godot4.md §3.3). */
class RelayTest {
    private static final int A = 1480066776;
    private static final int B = 1417846467;
    private static final int C = 123456789;

    private final ServerHarness h = ServerHarness.defaults();
    private final FakeLink a = h.connect(A);
    private final FakeLink b = h.connect(B);

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void aRelayToOnePeerReachesItFromItsSource() {
        h.clearSent();
        h.receiveHex(b, "0703d806385803dead"); // server-session i=16
        assertThat(a.take()).containsExactly("0703c39e825403dead"); // i=17
        assertThat(b.take()).isEmpty();
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.RELAY)).isEqualTo(1);
    }

    @Test
    void aRelayToAnUnknownPeerOrToTheServerIsDroppedSilently() {
        h.clearSent();
        long out = h.server.counters().packetsOut();
        h.receive(b, new Relay(C, new Raw(new byte[] {1})));
        h.receive(b, new Relay(1, new Raw(new byte[] {1})));
        h.receive(b, new Relay(1, sendMessage("to the server?", 1, 1)));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(h.server.counters().packetsOut()).isEqualTo(out);
        assertThat(h.chat.accepted()).as("a relay to 1 is not processed").isZero();
    }

    @Test
    void aRelayToEveryoneGoesToTheOthersOnceEncodedAndTheServerProcessesIt() {
        FakeLink c = h.connect(C);
        h.clearSent();
        h.receive(a, new Relay(0, sendMessage("all", 5, 6)));

        String forwarded = h.hex(new Relay(A, sendMessage("all", 5, 6)));
        assertThat(b.backing.get(0)).as("one buffer for every forward").isSameAs(c.backing.get(0));
        assertThat(b.take()).hasSize(3).first().isEqualTo(forwarded);
        assertThat(c.take()).hasSize(3).first().isEqualTo(forwarded);
        // The server was a target too: the chat rebroadcast reaches A as well (SIMPLIFY_PATH + call).
        assertThat(a.take()).hasSize(2);
        assertThat(h.chat.accepted()).isEqualTo(1);
    }

    @Test
    void aRelayToAllButOnePeerSkipsItAndTheSender() {
        FakeLink c = h.connect(C);
        h.clearSent();
        h.receive(a, new Relay(-C, new Raw(new byte[] {7})));
        assertThat(b.take()).containsExactly(h.hex(new Relay(A, new Raw(new byte[] {7}))));
        assertThat(c.take()).isEmpty();
        assertThat(a.take()).isEmpty();

        h.receive(a, new Relay(-C, sendMessage("not C", 1, 1)));
        assertThat(h.chat.accepted()).as("the server is a target of -C").isEqualTo(1);
        assertThat(c.take()).as("but C still gets the chat rebroadcast").hasSize(2);
    }

    @Test
    void aRelayToAllButTheServerIsNotProcessedByIt() {
        FakeLink c = h.connect(C);
        h.clearSent();
        h.receive(a, new Relay(-1, sendMessage("peers only", 1, 1)));
        assertThat(b.take()).hasSize(1);
        assertThat(c.take()).hasSize(1);
        assertThat(a.take()).isEmpty();
        assertThat(h.chat.accepted()).isZero();
    }

    @Test
    void aRelayIsForwardedUnreadAsGodotDoesAndOnlyWhatTheServerProcessesIsChecked() {
        h.clearSent();
        // B relays a SYS packet (and a truncated RPC) to A: Godot forwards the bytes after the header
        // unread, with the source written in; A's own SceneMultiplayer is the one to refuse them.
        h.receiveHex(b, "0703d8063858" + "0701c39e8254");
        h.receiveHex(b, "0703d8063858" + "00");
        assertThat(a.take()).containsExactly("0703c39e8254" + "0701c39e8254", "0703c39e8254" + "00");
        assertThat(h.server.counters().malformed()).isZero();
        // To everyone (d = 0) the server is a target too: it decodes its copy and refuses it.
        try (LogCapture log = new LogCapture()) {
            h.receiveHex(b, "070300000000" + "0701c39e8254");
            h.receiveHex(b, "070300000000" + "00");
            assertThat(log.lines(ch.qos.logback.classic.Level.WARN)).hasSize(2);
            assertThat(log.lines(ch.qos.logback.classic.Level.WARN).get(0)).asString()
                    .contains("relayed a SYS packet; Godot refuses it");
            assertThat(log.lines(ch.qos.logback.classic.Level.WARN).get(1)).asString()
                    .contains("relayed a malformed packet to everyone");
        }
        assertThat(a.take()).hasSize(2);
        assertThat(h.server.counters().malformed()).isEqualTo(1);
    }
}

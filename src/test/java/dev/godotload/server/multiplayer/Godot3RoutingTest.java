package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.Godot3Harness.A;
import static dev.godotload.server.multiplayer.Godot3Harness.B;
import static dev.godotload.server.multiplayer.Godot3Harness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.Raw;

import ch.qos.logback.classic.Level;

/**
 * The server's half of Godot 3's peer header ({@code _process_multiplayer}, {@code _server_relay};
 * godot3.md §3): which messages are refused, which are relayed unchanged, which the server processes.
 */
class Godot3RoutingTest {
    private static final int C = 123456789;

    private final LogCapture log = new LogCapture();
    private final Godot3Harness h = Godot3Harness.defaults();
    private FakeLink a;
    private FakeLink b;
    private FakeLink c;

    @BeforeEach
    void threePeers() {
        a = h.connect(A);
        b = h.connect(B);
        c = h.connect(C);
        h.clearSent();
        log.clear();
    }

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    // ---------------------------------------------------------------- refused

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 255})
    void aHeaderTypeOtherThanDataIsDroppedAndTheSenderStays(int type) {
        h.receiveHex(b, String.format("%02x", type) + "1037d20b" + "01000000" + "e0333a5d");

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + " sent a message of peer header type "
                + type + "; only the server sends system messages; dropped");
        assertThat(h.server.counters().refused()).isEqualTo(1);
        assertNothingSent();
        assertStillServed(b);
    }

    @Test
    void aSpoofedFromIsDroppedAndTheSenderStays() {
        // session #12 (B's SIMPLIFY_PATH) as if A had sent it
        h.receiveHex(a, "001037d20b0100000002010000004d61696e2f4368617400");

        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer " + A + " sent a message from peer " + B + "; from must be its own id; dropped");
        assertThat(h.server.counters().refused()).isEqualTo(1);
        assertNothingSent();
        assertStillServed(a);
    }

    @Test
    void aMessageShorterThanThePeerHeaderIsMalformed() {
        h.receiveHex(a, "00e0333a5d010000");

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + A
                + " sent a malformed packet: 8 bytes, shorter than the 9-byte peer header");
        assertThat(h.server.counters().malformed()).isEqualTo(1);
        assertNothingSent();
        assertStillServed(a);
    }

    @Test
    void aMessageToItselfIsDropped() {
        h.receive(b, B, sendMessage("me", 1, 1));

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + " addressed a message to itself; dropped");
        assertThat(h.server.counters().refused()).isEqualTo(1);
        assertThat(h.chat.accepted()).isZero();
        assertNothingSent();
    }

    // ---------------------------------------------------------------- relayed, processed

    @Test
    void toTheServerIsProcessedAndNotRelayed() {
        h.receive(b, new Raw(new byte[] {1, 2, 3})); // session #35

        assertNothingSent();
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.RAW)).isEqualTo(1);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.RELAY)).isZero();
    }

    @Test
    void toOnePeerIsRelayedByteForByteAndNotProcessed() {
        // session #28 -> #31: B's SIMPLIFY_PATH for A reaches A unchanged; the server does not confirm it.
        long encoded = h.server.counters().packetsEncoded();
        h.receiveHex(b, "001037d20be0333a5d02010000004d61696e2f4368617400");

        assertThat(a.take()).containsExactly("001037d20be0333a5d02010000004d61696e2f4368617400");
        assertThat(b.take()).isEmpty();
        assertThat(c.take()).isEmpty();
        assertThat(h.server.counters().packetsEncoded()).as("a relay encodes nothing").isEqualTo(encoded);
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.RELAY)).isEqualTo(1);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.RELAY)).isEqualTo(1);

        // #33 -> #34: A's CONFIRM_PATH for B, relayed back to B.
        h.receiveHex(a, "00e0333a5d1037d20b034d61696e2f4368617400");
        assertThat(b.take()).containsExactly("00e0333a5d1037d20b034d61696e2f4368617400");
        assertThat(h.chat.accepted()).isZero();
    }

    @Test
    void toOnePeerThatIsNotConnectedIsDroppedQuietly() {
        h.receive(b, 99, sendMessage("nobody", 1, 1));

        assertNothingSent();
        assertThat(log.lines(Level.WARN)).isEmpty();
        assertThat(log.lines(Level.DEBUG)).contains(
                "DEBUG peer " + B + " sent a message to peer 99, which is not connected; dropped");
    }

    @Test
    void toEveryoneIsRelayedToTheOthersOnceAndProcessedAfter() {
        long encoded = h.server.counters().packetsEncoded();
        String message = Godot3Harness.hex(B, 0, sendMessage("all", 5, 6));
        h.receiveHex(b, message);

        assertThat(a.backing.get(0)).as("one buffer, the bytes received").isSameAs(c.backing.get(0));
        // The relay first, then the server's own rebroadcast: SIMPLIFY_PATH and the full-path call.
        assertThat(a.take()).hasSize(3).first().isEqualTo(message);
        assertThat(c.take()).hasSize(3).first().isEqualTo(message);
        assertThat(b.take()).as("no relay back to the sender; the rebroadcast only").hasSize(2);
        assertThat(h.chat.accepted()).isEqualTo(1);
        assertThat(h.server.counters().packetsEncoded() - encoded).as("SIMPLIFY_PATH, call: bodies only")
                .isEqualTo(2);
    }

    @Test
    void toAllButOneSkipsTheSenderAndTheExcludedAndTheServerProcessesIt() {
        String message = Godot3Harness.hex(B, -C, new Raw(new byte[] {9}));
        h.receiveHex(b, message);

        assertThat(a.take()).containsExactly(message);
        assertThat(b.take()).isEmpty();
        assertThat(c.take()).isEmpty();
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.RAW)).as("processed").isEqualTo(1);
    }

    @Test
    void allButTheServerIsProcessedByTheServerAnywayAsInGodot3() {
        // _process_multiplayer compares the server's own id with -sender, never equal: -1 is processed.
        String message = Godot3Harness.hex(B, -1, sendMessage("not for the server?", 1, 2));
        h.receiveHex(b, message);

        assertThat(a.take()).first().isEqualTo(message);
        assertThat(c.take()).first().isEqualTo(message);
        assertThat(h.chat.accepted()).isEqualTo(1);
    }

    @Test
    void theMostNegativeToExcludesNobodyAsGodotsInt32Does() {
        String message = Godot3Harness.hex(B, Integer.MIN_VALUE, new Raw(new byte[] {1}));
        h.receiveHex(b, message);

        assertThat(a.take()).containsExactly(message);
        assertThat(c.take()).containsExactly(message);
        assertThat(b.take()).isEmpty();
    }

    @Test
    void aMalformedBodyToEveryoneIsStillRelayedAndTheServersCopyDropped() {
        String message = "00" + "1037d20b" + "00000000" + "09"; // unknown MultiplayerAPI command 9
        h.receiveHex(b, message);

        assertThat(a.take()).containsExactly(message);
        assertThat(c.take()).containsExactly(message);
        assertThat(h.server.counters().malformed()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).singleElement().asString()
                .startsWith("WARN peer " + B + " sent a malformed packet: offset 9: ");
        assertStillServed(b);
    }

    // ---------------------------------------------------------------- helpers

    private void assertNothingSent() {
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(c.take()).isEmpty();
    }

    private void assertStillServed(FakeLink who) {
        assertThat(who.closed()).isFalse();
        long before = h.chat.accepted();
        h.receive(who, sendMessage("still here", 1, 1));
        assertThat(h.chat.accepted()).isEqualTo(before + 1);
        assertThat(who.take()).isNotEmpty();
    }
}

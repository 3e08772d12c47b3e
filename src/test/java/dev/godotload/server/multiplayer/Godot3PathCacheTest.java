package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.Godot3Harness.A;
import static dev.godotload.server.multiplayer.Godot3Harness.B;
import static dev.godotload.server.multiplayer.Godot3Harness.CHAT;
import static dev.godotload.server.multiplayer.Godot3Harness.announceChat;
import static dev.godotload.server.multiplayer.Godot3Harness.fromServer;
import static dev.godotload.server.multiplayer.Godot3Harness.receiveMessage;
import static dev.godotload.server.multiplayer.Godot3Harness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.node.StatsNode;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.SimplifyPath;

import ch.qos.logback.classic.Level;

/**
 * Both halves of Godot 3's node-path cache on the server (godot3.md §5.1; multiplayer_api.cpp
 * {@code _process_simplify_path}, {@code _process_confirm_path}, {@code _send_confirm_path},
 * {@code _send_rpc}).
 */
class Godot3PathCacheTest {
    private final LogCapture log = new LogCapture();
    private final Godot3Harness h = Godot3Harness.defaults();
    private final FakeLink a = h.connect(A);
    private final FakeLink b = h.connect(B);

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    // ---------------------------------------------------------------- the clients' ids

    @Test
    void aSimplifyPathIsAnsweredWithConfirmPathToItsSender() {
        h.clearSent();
        h.receiveHex(b, "001037d20b0100000002010000004d61696e2f4368617400"); // session #12

        assertThat(b.take()).containsExactly("00010000001037d20b034d61696e2f4368617400"); // #14
        assertThat(a.take()).isEmpty();
    }

    @Test
    void aCallByTheAnnouncedIdReachesTheNode() {
        h.receive(b, announceChat(7));
        h.clearSent();

        h.receive(b, sendMessage(NodeRef.cached(7), "by id", 1, 1));

        assertThat(h.chat.accepted()).isEqualTo(1);
        assertThat(b.take()).isNotEmpty();
    }

    @Test
    void idsBelongToTheirSender() {
        h.receive(a, announceChat(1));
        h.receive(b, SimplifyPath.godot3(1, "Main/World"));
        h.clearSent();

        h.receive(a, sendMessage(NodeRef.cached(1), "A's 1 is the chat", 1, 1));
        h.receive(b, sendMessage(NodeRef.cached(1), "B's 1 is not", 1, 1));

        assertThat(h.chat.accepted()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + " called node Main/World, which this "
                + "server does not serve");
    }

    @Test
    void aRepeatedIdReplacesThePathAndIsConfirmedAgain() {
        h.receive(b, SimplifyPath.godot3(3, "Main/Nowhere"));
        h.receive(b, announceChat(3));

        assertThat(b.take()).endsWith(fromServer(B, new ConfirmPath(true, NodeRef.path("Main/Nowhere"))),
                fromServer(B, new ConfirmPath(true, NodeRef.path(CHAT))));
        h.receive(b, sendMessage(NodeRef.cached(3), "now the chat", 1, 1));
        assertThat(h.chat.accepted()).isEqualTo(1);
    }

    @Test
    void aPathTheServerDoesNotServeIsConfirmedAnywayAsGodot3DoesAndCallsToItAreRefused() {
        h.clearSent();
        h.receive(b, SimplifyPath.godot3(2, "Main/Nowhere"));

        assertThat(b.take()).containsExactly(fromServer(B, new ConfirmPath(true, NodeRef.path("Main/Nowhere"))));
        h.receive(b, sendMessage(NodeRef.cached(2), "x", 1, 1));
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer " + B + " called node Main/Nowhere, which this server does not serve");
        assertThat(h.server.counters().callsRejected()).isEqualTo(1);
    }

    @Test
    void aCallByAnIdNeverAnnouncedIsRefusedAndTheCallerStays() {
        h.receive(b, sendMessage(NodeRef.cached(5), "which node?", 1, 1));

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + " named cache ID 5, which it never announced");
        assertThat(h.chat.accepted()).isZero();
        assertThat(b.closed()).isFalse();
    }

    @Test
    void aDepartedPeersIdsGoWithIt() {
        h.receive(b, announceChat(1));
        h.disconnect(b);
        FakeLink again = h.connect(B); // same id, new connection: a new peer to Godot
        h.receive(again, sendMessage(NodeRef.cached(1), "old id", 1, 1));

        assertThat(h.chat.accepted()).isZero();
    }

    // ---------------------------------------------------------------- the server's ids

    @Test
    void theFirstBroadcastAnnouncesThePathToEachPeerAndSendsEachTheFullPath() {
        h.clearSent();
        h.receive(b, sendMessage("hello from B", 10, 1));

        // As in session #15-#18: SIMPLIFY_PATH then the full-path call, both addressed to the peer.
        expectFirstCall(a.take(), A, B);
        expectFirstCall(b.take(), B, B);
    }

    @Test
    void onceEveryPeerConfirmedABroadcastIsOneMessageToZeroWithTheCachedId() {
        h.receive(b, sendMessage("first", 1, 1));
        h.confirmChat(a, b);
        h.clearSent();

        h.receive(b, sendMessage("second", 1, 2));

        String expected = fromServer(0, receiveMessage(NodeRef.cached(1), B, "second", 1, 2));
        assertThat(a.backing.get(0)).as("one buffer for everyone").isSameAs(b.backing.get(0));
        assertThat(a.take()).containsExactly(expected);
        assertThat(b.take()).containsExactly(expected);
        assertThat(expected).startsWith("00" + "01000000" + "00000000" + "00" + "01000000");
    }

    @Test
    void whileOnePeerHasNotConfirmedEachPeerGetsItsOwnMessageByIdOrByPath() {
        h.receive(b, sendMessage("first", 1, 1));
        h.confirmChat(a); // like session #53: A confirmed, the newcomer has not
        h.clearSent();

        h.receive(b, sendMessage("second", 1, 2));

        assertThat(a.take()).containsExactly(fromServer(A, receiveMessage(NodeRef.cached(1), B, "second", 1, 2)));
        assertThat(b.take()).containsExactly(fromServer(B, receiveMessage(NodeRef.path(CHAT), B, "second", 1, 2)));
    }

    @Test
    void aNewcomerIsAnnouncedThePathOnceAndTheIdStays() {
        h.receive(b, sendMessage("first", 1, 1));
        h.confirmChat(a, b);
        FakeLink c = h.connect(5);
        h.clearSent();

        h.receive(b, sendMessage("second", 1, 2));

        assertThat(c.take()).containsExactly(fromServer(5, announceChat(1)),
                fromServer(5, receiveMessage(NodeRef.path(CHAT), B, "second", 1, 2)));
        assertThat(a.take()).containsExactly(fromServer(A, receiveMessage(NodeRef.cached(1), B, "second", 1, 2)));
        h.receive(b, sendMessage("third", 1, 3));
        assertThat(c.take()).as("announced once").containsExactly(
                fromServer(5, receiveMessage(NodeRef.path(CHAT), B, "third", 1, 3)));
    }

    @Test
    void aConfirmationOfAPathNeverAnnouncedIsIgnored() {
        h.receive(a, new ConfirmPath(true, NodeRef.path(CHAT)));
        h.receive(a, new ConfirmPath(true, NodeRef.path("Main/World")));
        h.clearSent();

        h.receive(b, sendMessage("x", 1, 1));

        assertThat(a.take()).as("still announced and sent by path").hasSize(2);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void pathIdsAreNumberedFromOneInOrderOfFirstUse() {
        Godot3Harness two = new Godot3Harness(Godot3Harness.settings(), new StatsNode(() -> 0, () -> 0));
        FakeLink p = two.connect(9);
        two.receive(p, sendMessage("chat first", 1, 1));
        two.receive(p, new RemoteCall(NodeRef.path(StatsNode.PATH), "request_stats", List.of()));

        assertThat(p.take()).filteredOn(m -> m.startsWith("00" + "01000000" + "09000000" + "02")).containsExactly(
                fromServer(9, announceChat(1)), fromServer(9, SimplifyPath.godot3(2, StatsNode.PATH)));
        two.assertAllReleased();
    }

    /** The server's first call on a node to one peer: SIMPLIFY_PATH(1), then the call by full path. */
    private static void expectFirstCall(List<String> sent, int to, int from) {
        assertThat(sent).containsExactly(fromServer(to, announceChat(1)),
                fromServer(to, receiveMessage(NodeRef.path(CHAT), from, "hello from B", 10, 1)));
    }
}

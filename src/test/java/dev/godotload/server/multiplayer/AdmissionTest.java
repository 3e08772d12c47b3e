package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.announceChat;
import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.NodeRef;

/** {@code _admit_peer} and {@code _del_peer} of a server with {@code server_relay} on. */
class AdmissionTest {
    private final ServerHarness h = ServerHarness.defaults();

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void eachNewPeerAndEachAdmittedPeerLearnOfTheOtherInAdmissionOrder() {
        FakeLink a = h.connect(2);
        assertThat(a.take()).isEmpty();

        FakeLink b = h.connect(3);
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(3)));
        assertThat(b.take()).containsExactly(h.hex(new AddPeer(2)));

        FakeLink c = h.connect(4);
        assertThat(a.backing.get(0)).as("one ADD_PEER 4, encoded once for both").isSameAs(b.backing.get(0));
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(4)));
        assertThat(b.take()).containsExactly(h.hex(new AddPeer(4)));
        assertThat(c.take()).containsExactly(h.hex(new AddPeer(2)), h.hex(new AddPeer(3)));
        assertThat(h.server.peers()).containsExactly(2, 3, 4);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.ADD_PEER)).isEqualTo(6);
    }

    @Test
    void aPeerThatLeavesIsAnnouncedToEveryOtherPeerOnce() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        h.clearSent();

        h.disconnect(b);
        assertThat(a.take()).containsExactly("070203000000");
        assertThat(c.take()).containsExactly(h.hex(new DelPeer(3)));
        assertThat(b.take()).isEmpty();
        assertThat(h.server.peers()).containsExactly(2, 4);

        h.disconnect(b);
        assertThat(a.take()).isEmpty();
        assertThat(c.take()).isEmpty();
    }

    @Test
    void aDepartedPeerIsForgottenButTheServersIdsOutliveIt() {
        FakeLink a = h.connect(2);
        h.receive(a, announceChat(9));
        h.receive(a, sendMessage("hi", 1, 1));
        h.receive(a, new ConfirmPath(true, NodeRef.cached(1)));
        h.receive(a, sendMessage("hi", 1, 2));
        assertThat(a.take()).hasSize(4).last().asString().startsWith("0001"); // compact once confirmed
        h.disconnect(a);

        // Same id, new connection: it must be told about Main/Chat again, under the same server id 1,
        // and its predecessor's announcement (its id 9) means nothing any more.
        FakeLink again = h.connect(2);
        h.receive(again, sendMessage(NodeRef.cached(9), "lost", 1, 3));
        assertThat(again.take()).isEmpty();
        assertThat(h.server.counters().callsRejected()).isEqualTo(1);
        h.receive(again, sendMessage("back", 1, 4));
        assertThat(again.take()).containsExactly(
                h.hex(new dev.godotload.wire.packet.SimplifyPath(1, "Main/Chat", ServerHarness.CHAT_MD5)),
                h.hex(ServerHarness.receiveMessage(NodeRef.path("Main/Chat"), 2, "back", 1, 4)));
    }

    @Test
    void nodesHearThatAPeerJoinedAfterItsAnnouncementsAndThatItLeft() {
        FakeLink[] b = new FakeLink[1];
        RecordingNode stats = new RecordingNode("Main/Stats") {
            @Override
            public void peerJoined(int peer) {
                super.peerJoined(peer);
                if (peer == 3) {
                    assertThat(b[0]).as("not yet returned by connect").isNull();
                    assertThat(hosts.get(0).peers()).as("peer_connected comes after admission").contains(3);
                }
            }
        };
        ServerHarness withStats = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT), stats);
        FakeLink a = withStats.connect(2);
        b[0] = withStats.connect(3);
        assertThat(a.take()).containsExactly(withStats.hex(new AddPeer(3)));
        assertThat(stats.joined).containsExactly(2, 3);
        withStats.disconnect(a);
        assertThat(stats.left).containsExactly(2);
    }

    @Test
    void packetsFromAPeerThatLeftAreDropped() {
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.disconnect(a);
        h.clearSent();
        h.receive(a, sendMessage("ghost", 1, 1));
        assertThat(b.take()).isEmpty();
        assertThat(h.chat.accepted()).isZero();
    }

    @Test
    void aSecondConnectionWithAnIdInUseIsClosed() {
        FakeLink a = h.connect(2);
        FakeLink twin = h.connect(2);
        assertThat(twin.closed()).isTrue();
        assertThat(a.closed()).isFalse();
        h.server.peerDisconnected(twin); // the transport reports the close: the first stays
        assertThat(h.server.peers()).containsExactly(2);
    }
}

package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;

import ch.qos.logback.classic.Level;

/** Token authentication, as {@code SceneMultiplayer} runs it with an {@code auth_callback} (godot4.md §3.4). */
class AuthTest {
    private static final Auth TOKEN = new Auth("s3cret".getBytes(StandardCharsets.UTF_8));

    private final LogCapture log = new LogCapture();
    private final ServerHarness h = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT).withAuthToken("s3cret"));

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    private FakeLink admitted(int id) {
        FakeLink link = h.connect(id);
        h.receive(link, TOKEN);
        h.receive(link, Auth.COMPLETE);
        return link;
    }

    @Test
    void theRightTokenAndTheClientsCompletionAdmitThePeerAndOnlyThenIsItAnnounced() {
        FakeLink b = admitted(3);
        assertThat(b.take()).containsExactly("0700");
        FakeLink a = h.connect(2);
        assertThat(h.timers.tasks).hasSize(2).allSatisfy(t -> assertThat(t.delay).isEqualTo(Duration.ofSeconds(3)));

        h.receive(a, TOKEN);
        assertThat(a.take()).containsExactly("0700");
        assertThat(b.take()).as("A is not admitted until it completes too").isEmpty();
        assertThat(h.server.peers()).containsExactly(3);

        h.receive(a, Auth.COMPLETE);
        assertThat(a.take()).containsExactly(h.hex(new AddPeer(3)));
        assertThat(b.take()).containsExactly(h.hex(new AddPeer(2)));
        assertThat(h.server.peers()).containsExactly(3, 2);

        h.timers.fireAll();
        assertThat(a.closed()).as("the timer was cancelled on admission").isFalse();
        assertThat(b.closed()).isFalse();
    }

    @Test
    void theClientMayCompleteBeforeSendingItsToken() {
        FakeLink a = h.connect(2);
        h.receive(a, Auth.COMPLETE);
        assertThat(h.server.peers()).isEmpty();
        h.receive(a, TOKEN);
        assertThat(a.take()).containsExactly("0700");
        assertThat(h.server.peers()).containsExactly(2);
        assertThat(h.timers.pending()).isZero();
    }

    @Test
    void aWrongTokenDisconnects() {
        FakeLink b = admitted(3);
        b.take();
        FakeLink a = h.connect(2);
        h.receive(a, new Auth("guess".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.closed()).isTrue();
        assertThat(a.take()).isEmpty();
        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer 2 failed authentication");

        h.disconnect(a); // the transport reports the close: nobody hears of A
        assertThat(b.take()).isEmpty();
        assertThat(h.timers.pending()).isZero();
    }

    @Test
    void aPeerThatDoesNotAuthenticateInTimeIsDisconnected() {
        FakeLink a = h.connect(2);
        h.receive(a, TOKEN); // the server completed, the client never does
        h.timers.fireAll();
        assertThat(a.closed()).isTrue();
        assertThat(h.server.peers()).isEmpty();
        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer 2 did not authenticate within 3000 ms; disconnected");
        h.receive(a, Auth.COMPLETE); // late: the peer is gone
        assertThat(h.server.peers()).isEmpty();
    }

    @Test
    void aZeroTimeoutMeansNoTimer() {
        ServerHarness patient = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT)
                .withAuthToken("s3cret").withAuthTimeout(Duration.ZERO));
        patient.connect(2);
        assertThat(patient.timers.tasks).isEmpty();
    }

    @Test
    void anythingButAuthFromAnAuthenticatingPeerIsDropped() {
        FakeLink b = admitted(3);
        b.take();
        FakeLink a = h.connect(2);
        h.receive(a, sendMessage("too early", 1, 1));
        assertThat(b.take()).isEmpty();
        assertThat(a.take()).isEmpty();
        assertThat(a.closed()).isFalse();
        assertThat(h.chat.accepted()).isZero();
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 is authenticating and sent a packet that is not SYS AUTH; dropped");

        h.receive(a, TOKEN);
        h.receive(a, Auth.COMPLETE);
        assertThat(h.server.peers()).containsExactly(3, 2);
    }

    @Test
    void aLateCompletionFromAnAdmittedPeerIsIgnoredSilentlyButDataIsNot() {
        FakeLink a = admitted(2);
        a.take();
        log.clear();
        h.receive(a, Auth.COMPLETE);
        assertThat(log.lines(Level.INFO)).isEmpty();
        h.receive(a, TOKEN);
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 sent authentication data after it was admitted; dropped");
        assertThat(a.take()).isEmpty();
        assertThat(a.closed()).isFalse();
    }

    @Test
    void withoutATokenAnAuthPacketIsJustALateCompletion() {
        ServerHarness open = ServerHarness.defaults();
        FakeLink a = open.connect(2);
        assertThat(open.server.peers()).containsExactly(2);
        open.receive(a, Auth.COMPLETE);
        assertThat(a.take()).isEmpty();
        assertThat(open.timers.tasks).isEmpty();
    }
}

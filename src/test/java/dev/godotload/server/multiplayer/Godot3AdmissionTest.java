package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.Godot3Harness.A;
import static dev.godotload.server.multiplayer.Godot3Harness.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.FakeTimers;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.PeerId;

/**
 * SYS_ID, SYS_ADD and SYS_DEL as Godot 3's {@code _send_add} and {@code _send_del} send them
 * (godot3.md §4; the bytes are the real 3.2.3 session's).
 */
class Godot3AdmissionTest {
    private final Godot3Harness h = Godot3Harness.defaults();

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void aNewPeerGetsItsIdThenTheServer() {
        FakeLink a = h.connect(A);

        assertThat(a.take()).containsExactly(
                "030100000000000000e0333a5d",  // SYS_ID A (session #3)
                "01010000000000000001000000"); // SYS_ADD 1 (#4)
        assertThat(a.closed()).isFalse();
    }

    @Test
    void aSecondPeerLearnsOfTheFirstAndTheFirstOfIt() {
        FakeLink a = h.connect(A);
        a.take();

        FakeLink b = h.connect(B);

        assertThat(b.take()).containsExactly(
                "0301000000000000001037d20b",  // SYS_ID B
                "01010000000000000001000000",  // SYS_ADD 1
                "010100000000000000e0333a5d"); // SYS_ADD A
        assertThat(a.take()).containsExactly("0101000000000000001037d20b"); // SYS_ADD B
    }

    @Test
    void othersAreAnnouncedInAscendingIdOrderAsGodotsPeerMapIteratesThem() {
        FakeLink p500 = h.connect(500);
        FakeLink p300 = h.connect(300);
        h.clearSent();

        FakeLink p400 = h.connect(400);

        assertThat(p400.take()).containsExactly(
                Godot3Harness.fromServer(0, new PeerId(400)),
                Godot3Harness.fromServer(0, new AddPeer(1)),
                Godot3Harness.fromServer(0, new AddPeer(300)),
                Godot3Harness.fromServer(0, new AddPeer(500)));
        assertThat(p300.take()).containsExactly("010100000000000000" + "90010000");
        assertThat(p500.take()).containsExactly("010100000000000000" + "90010000");
        assertThat(h.server.peers()).containsExactly(300, 400, 500);
    }

    @Test
    void theNewcomerIsEncodedOnceForEveryone() {
        for (int id = 2; id < 12; id++) {
            h.connect(id);
        }
        long encoded = h.server.counters().packetsEncoded();
        List<FakeLink> others = new ArrayList<>();
        for (int id = 12; id < 22; id++) {
            others.add(h.connect(id));
        }
        // SYS_ID, SYS_ADD(1), one SYS_ADD(other) per peer already there, and ONE SYS_ADD(newcomer).
        long perNewcomer = 0;
        for (int before = 10; before < 20; before++) {
            perNewcomer += 2 + before + 1;
        }
        assertThat(h.server.counters().packetsEncoded() - encoded).isEqualTo(perNewcomer);
    }

    @Test
    void aDepartureIsAnnouncedToEveryoneLeftOnceEncoded() {
        FakeLink a = h.connect(A);
        FakeLink b = h.connect(B);
        FakeLink c = h.connect(7);
        h.clearSent();

        h.disconnect(b);

        assertThat(a.backing.get(0)).as("one buffer for every SYS_DEL").isSameAs(c.backing.get(0));
        assertThat(a.take()).containsExactly("0201000000000000001037d20b"); // SYS_DEL B (session #37)
        assertThat(c.take()).containsExactly("0201000000000000001037d20b");
        assertThat(b.take()).isEmpty();
        assertThat(h.server.peers()).containsExactly(7, A);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.DEL_PEER)).isEqualTo(2);
    }

    @Test
    void theLastPeerLeavingAnnouncesNothing() {
        FakeLink a = h.connect(A);
        a.take();
        long encoded = h.server.counters().packetsEncoded();

        h.disconnect(a);

        assertThat(h.server.peers()).isEmpty();
        assertThat(h.server.counters().packetsEncoded()).isEqualTo(encoded);
    }

    @Test
    void aSecondConnectionWithATakenIdIsClosedAndTheFirstStays() {
        FakeLink first = h.connect(A);
        first.take();
        FakeLink twin = h.connect(A);

        assertThat(twin.closed()).isTrue();
        assertThat(twin.take()).isEmpty();
        h.disconnect(twin);
        assertThat(h.server.peers()).containsExactly(A);
        assertThat(first.closed()).isFalse();
    }

    @Test
    void nodesHearOfEachPeerAfterItsAnnouncementsAndCannotSpawnOnGodot3() {
        RecordingNode stats = new RecordingNode("Main/Stats");
        Godot3Harness g = new Godot3Harness(Godot3Harness.settings(), stats);
        FakeLink a = g.connect(A);
        g.connect(B);
        assertThat(stats.joined).containsExactly(A, B);
        g.disconnect(a);
        assertThat(stats.left).containsExactly(A);
        assertThatThrownBy(() -> stats.hosts.get(0).spawn("Main/PlayerSpawner", 0, "x", B))
                .hasMessage("Godot 3 has no MultiplayerSpawner: spawning a node for every peer needs Godot 4");
    }

    @Test
    void theLayerRefusesGodot4SettingsAndAGodot3TokenIsRefusedEarlier() {
        ServerSettings godot4 = ServerSettings.defaults(Godot3Harness.CONTRACT);
        assertThatThrownBy(() -> new Godot3MultiplayerServer(godot4, new FakeTimers(), List.of()))
                .hasMessage("Godot3MultiplayerServer speaks Godot 3, not 4.3");
        assertThatThrownBy(() -> Godot3Harness.settings().withAuthToken("t"))
                .hasMessage("Godot 3 has no authentication: an auth token needs Godot 4");
        assertThat(Godot3Harness.settings().version()).isEqualTo(GodotVersion.GODOT_3);
    }
}

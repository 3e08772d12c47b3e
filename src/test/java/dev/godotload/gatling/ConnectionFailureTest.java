package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.AddPeer;

/**
 * What a user records when the server misbehaves under it: a frame that is no Godot packet, and a
 * connection that died (Gatling tells only that the next WebSocket action failed; see
 * {@link Godot#watched}).
 */
class ConnectionFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aMalformedFrameIsAProtocolErrorRowOfThatUserWhoCarriesOn() {
        GodotUser u = TestUsers.withId(2);
        u.takeRows();
        assertThat(u.onFrame(new byte[] {0x7f, 1, 2}, 40, e -> true)).isFalse();
        assertThat(u.takeRows()).extracting(Row::name, Row::ok, Row::startMillis).containsExactly(tuple("protocol error", false, 40L));
        assertThat(u.protocolErrors()).isEqualTo(1);

        // the next valid packet is taken as usual
        u.onFrame(Godot4Packets.of(GodotVersion.GODOT_4_3).encode(new AddPeer(5)), 41, null);
        assertThat(u.takeRows()).isEmpty();
        assertThat(u.knows(5)).isTrue();
        assertThat(u.lost()).isFalse();
    }

    @Test
    void anActionThatFailsBeforeItsWaitRanOutWithoutAMatchIsALostConnection() {
        GodotUser u = TestUsers.withId(2);
        u.takeRows();
        u.watch(1_000, false);
        assertThat(u.watched("chat round trip", true, WAIT, 1_020)).isTrue();
        assertThat(u.lost()).isTrue();
        List<Row> rows = u.takeRows();
        assertThat(rows).extracting(Row::name, Row::ok).containsExactly(tuple("connection lost", false));
        assertThat(rows.get(0).message()).isEqualTo("connection lost at 'chat round trip': the server closed the WebSocket"
                + " or the connection dropped");

        // once lost, never again: the user sends nothing more, so nothing more can fail
        u.watch(2_000, true);
        assertThat(u.watched("send_message", true, null, 2_000)).isFalse();
        assertThat(u.takeRows()).isEmpty();
        assertThat(u.failedBeforeWatch()).as("the session's own failed mark is given back").isTrue();
    }

    @Test
    void aWaitThatRanOutOrWasRefusedIsNotALostConnection() {
        GodotUser timedOut = TestUsers.withId(2);
        timedOut.watch(1_000, false);
        assertThat(timedOut.watched("chat round trip", true, WAIT, 6_000)).isFalse();

        GodotUser refused = TestUsers.withId(3);
        refused.watch(1_000, false);
        refused.onFrame(new byte[] {0x7f}, 1_001, e -> true); // not a match: malformed
        refused.onFrame(TestUsers.withId(3).peer().authComplete(), 1_002, e -> true); // a match: the refusal ended the wait
        assertThat(refused.watched("merge", true, WAIT, 1_003)).isFalse();

        GodotUser fine = TestUsers.withId(4);
        fine.watch(1_000, false);
        assertThat(fine.watched("send_message", false, null, 1_000)).isFalse();
        assertThat(List.of(timedOut, refused, fine)).noneMatch(GodotUser::lost);
    }
}

package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.peer.GodotPeer;
import dev.godotload.peer.PeerDirectory;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.Vector3;

/** Users fed with the bytes a Godot server writes; the ledger must count what a tester would. */
class FanOutTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_3);
    private static final int A = 1001;
    private static final int B = 1002;
    private static final int C = 1003;

    /** A peer id no user of this injector has: a user of another injector JVM, or another client of the server. */
    private static final int ELSEWHERE = 2001;

    private final GatlingStats stats = new GatlingStats();
    private final PeerDirectory directory = new PeerDirectory();
    private final FanOut chat = new FanOut("chat fan-out", stats, directory, r -> r.longArg(0), r -> r.longArg(2), r -> r.longArg(3));
    private final Map<String, List<PushHandler>> handlers = Map.of("Main/Chat.receive_message", List.of(chat));

    private int users;

    /** A user of this injector that has its id, told of {@code others}. */
    private GodotUser user(int id, int... others) {
        GodotUser u = connecting(handlers);
        assign(u, id);
        for (int o : others) {
            push(u, new AddPeer(o));
        }
        return u;
    }

    /** A user of this injector whose connection is open but whose id has not arrived yet. */
    private GodotUser connecting(Map<String, List<PushHandler>> on) {
        return new GodotUser(GodotPeer.of(GodotVersion.GODOT_4_3, Contract.bundled(), directory), users++, on);
    }

    private static void assign(GodotUser u, int id) {
        u.onFrame(new byte[] {(byte) id, (byte) (id >> 8), 0, 0}, 0, null);
    }

    private static boolean push(GodotUser u, Packet p) {
        return u.onFrame(CODEC.encode(p), 5_000, null);
    }

    private static Rpc line(int from, long seq) {
        return Rpc.of(NodeRef.path("Main/Chat"), 0, List.of((long) from, "hello", 2_000_000L, seq));
    }

    @Test
    void theSendersOwnCopyFixesHowManyCopiesAreExpected() {
        GodotUser a = user(A, B, C);
        GodotUser b = user(B, A, C);
        GodotUser c = user(C, A, B);
        push(a, line(A, 1));
        push(b, line(A, 1));
        push(c, line(A, 1));
        assertThat(chat.expected()).isEqualTo(2);
        assertThat(chat.delivered()).isEqualTo(2);
        assertThat(chat.missing()).isZero();
        assertThat(chat.ratioPercent()).isEqualTo(100.0);
        assertThat(b.takeRows()).containsExactly(Row.ok("chat fan-out", 2_000, 5_000));
        assertThat(a.takeRows()).as("the sender's own copy is its round trip, not a fan-out row").isEmpty();
    }

    @Test
    void aPeerThatLeftBeforeTheSendersCopyIsNotExpectedAndAMissingCopyIsCountedOnce() {
        GodotUser b = user(B, A);
        user(C, A);
        GodotUser a = user(A, B, C);
        push(a, new DelPeer(C));
        push(a, line(A, 1));
        assertThat(chat.expected()).isEqualTo(1);
        assertThat(chat.missing()).isEqualTo(1);
        push(b, line(A, 1));
        assertThat(chat.missing()).isZero();
        assertThat(chat.summary()).startsWith("chat fan-out delivery ratio 100.000%: 1 of 1 expected copies arrived");
    }

    @Test
    void duplicatesAndCopiesFromUnannouncedPeersAreKoRows() {
        GodotUser a = user(A, B);
        GodotUser b = user(B, A);
        push(a, line(A, 1));
        push(b, line(A, 1));
        push(b, line(A, 1));
        push(b, line(C, 1));
        List<Row> rows = b.takeRows();
        assertThat(rows).extracting(Row::ok).containsExactly(true, false, false);
        assertThat(rows.get(1).message()).isEqualTo("duplicate or out-of-order copy");
        assertThat(rows.get(2).message()).isEqualTo("copy from peer 1003, which the server never announced to this user");
        assertThat(chat.duplicates()).isEqualTo(1);
        assertThat(chat.strangers()).isEqualTo(1);
        assertThat(chat.delivered()).isEqualTo(1);
    }

    @Test
    void aCopyOverTakenByALaterOneOfTheSameSenderIsOutOfOrder() {
        GodotUser a = user(A, B);
        GodotUser b = user(B, A);
        push(a, line(A, 1));
        push(a, line(A, 2));
        push(b, line(A, 2));
        push(b, line(A, 1));
        assertThat(b.takeRows()).extracting(Row::ok).containsExactly(true, false);
        assertThat(chat.duplicates()).isEqualTo(1);
        assertThat(chat.missing()).as("message 1 never reached B in order").isEqualTo(1);
        assertThat(chat.held()).as("message 2 is held while message 1 is: a late copy of 1 is checked against it").isEqualTo(2);
    }

    @Test
    void messagesWhoseCopiesAllArrivedAreLetGoAndACopyOfOneAfterThatIsADuplicate() {
        GodotUser a = user(A, B, C);
        GodotUser b = user(B, A, C);
        GodotUser c = user(C, A, B);
        for (long seq = 1; seq <= 50; seq++) {
            push(b, line(A, seq)); // the copies may arrive before the sender's own
            push(a, line(A, seq));
            push(c, line(A, seq));
        }
        assertThat(chat.held()).as("nothing is kept once every copy arrived").isZero();
        assertThat(chat.expected()).isEqualTo(100);
        assertThat(chat.delivered()).isEqualTo(100);
        push(c, line(A, 7));
        assertThat(c.takeRows()).extracting(Row::ok).endsWith(false);
        assertThat(chat.duplicates()).isEqualTo(1);
        assertThat(chat.delivered()).isEqualTo(100);
    }

    @Test
    void aCopyWhoseSenderNeverSawItsOwnIsCountedWithoutARoundTrip() {
        user(A, B);
        GodotUser b = user(B, A);
        push(b, line(A, 1));
        assertThat(chat.withoutRoundTrip()).isEqualTo(1);
        assertThat(chat.expected()).isZero();
        assertThat(chat.held()).isEqualTo(1);
    }

    @Test
    void aServerThatSendsEachLineBackToItsSenderOnlyIsExpectedToSendNoOtherCopy() {
        chat.senderOnly().participants(2);
        GodotUser a = user(A, B);
        GodotUser b = user(B, A);
        push(a, line(A, 1));
        push(b, line(B, 1));
        assertThat(chat.expected()).isZero();
        assertThat(chat.missing()).isZero();
        chat.leave(a);
        chat.leave(b);
        assertThat(b.takeRows()).as("nothing missing, so no KO row").isEmpty();
        assertThat(chat.summary()).contains("delivery ratio n/a (the server sends each message back to its sender only)");

        push(b, line(A, 1)); // a server that broadcasts after all
        assertThat(b.takeRows()).extracting(Row::ok).containsExactly(false);
        assertThat(chat.summary()).endsWith(", 1 sent to other users by a server said to send back to the sender only");
    }

    @Test
    void withServerRelayOffCopiesAreTimedButNotJudged() {
        chat.unannounced().participants(2);
        GodotUser a = user(A); // no ADD_PEER: the server tells no client of another
        GodotUser b = user(B);
        push(a, line(A, 1));
        push(b, line(A, 1));
        push(b, line(A, 1));
        assertThat(b.takeRows()).as("no peer list to check against, nothing kept to find a duplicate with")
                .containsExactly(Row.ok("chat fan-out", 2_000, 5_000), Row.ok("chat fan-out", 2_000, 5_000));
        assertThat(chat.strangers()).isZero();
        assertThat(chat.held()).isZero();
        chat.leave(a);
        chat.leave(b);
        assertThat(b.takeRows()).as("nothing can be known missing").isEmpty();
        assertThat(chat.summary()).startsWith("chat fan-out: 2 copies arrived and were timed; with server relay off");
    }

    @Test
    void theLastUserToLeaveRecordsEveryMissingCopyAsAKoRow() {
        chat.participants(2);
        GodotUser a = user(A, B, C);
        GodotUser b = user(B, A, C);
        user(C, A, B); // a listener only: it gets nothing
        push(a, line(A, 1));
        push(a, line(A, 2));
        push(b, line(A, 1));
        assertThat(chat.missing()).isEqualTo(3);
        chat.senderDone(a);
        chat.senderDone(a);
        assertThat(chat.everyoneDone()).as("one user marking twice counts once").isFalse();
        chat.senderDone(b);
        assertThat(chat.everyoneDone()).isTrue();
        b.takeRows();
        chat.leave(a);
        assertThat(a.takeRows()).isEmpty();
        assertThat(chat.missingRecorded()).isFalse();
        chat.leave(b);
        List<Row> rows = b.takeRows();
        assertThat(rows).hasSize(3).allMatch(r -> !r.ok() && r.name().equals("chat fan-out"));
        assertThat(chat.missingRecorded()).isTrue();
        assertThat(chat.ratioPercent()).isEqualTo(25.0);
    }

    @Test
    void copiesFromUsersOfAnotherInjectorAreTimedButNotJudgedAndNotExpectedOfThem() {
        chat.participants(2);
        GodotUser a = user(A, B, ELSEWHERE);
        GodotUser b = user(B, A, ELSEWHERE);
        push(a, line(A, 1));
        assertThat(chat.expected()).as("only B is ours: the copy to the other injector's user is its business").isEqualTo(1);
        push(b, line(A, 1));
        push(b, line(ELSEWHERE, 1));
        push(b, line(ELSEWHERE, 1));
        assertThat(b.takeRows()).as("timed: the clock in the message is the wall clock every injector reads")
                .containsExactly(Row.ok("chat fan-out", 2_000, 5_000), Row.ok("chat fan-out", 2_000, 5_000),
                        Row.ok("chat fan-out", 2_000, 5_000));
        assertThat(chat.fromOtherInjectors()).isEqualTo(2);
        assertThat(chat.duplicates()).as("whether a copy from elsewhere repeats is not known here").isZero();
        assertThat(chat.held()).as("nothing is kept for a sender of another injector").isZero();
        assertThat(chat.received()).isEqualTo(4);
        chat.leave(a);
        chat.leave(b);
        assertThat(chat.missing()).isZero();
        assertThat(chat.summary()).startsWith("chat fan-out delivery ratio 100.000%: 1 of 1 expected copies arrived")
                .endsWith("; 2 more copies came from users of other injectors (timed, not judged: this injector cannot"
                        + " know who they were sent to), 4 copies reached this injector's users in all");
    }

    @Test
    void aUserStillConnectingWhenTheSenderWasToldOfItIsExpectedOnceItsIdArrives() {
        GodotUser a = user(A);
        GodotUser b = connecting(handlers); // its id is on the way: the server already told A of it
        push(a, new AddPeer(B));
        push(a, new AddPeer(ELSEWHERE));
        push(a, line(A, 1));
        assertThat(chat.expected()).as("B may be ours or another injector's until its id arrives").isZero();
        assertThat(chat.held()).isEqualTo(1);
        assign(b, B);
        push(b, new AddPeer(A));
        push(b, line(A, 1));
        assertThat(b.takeRows()).containsExactly(Row.ok("chat fan-out", 2_000, 5_000));
        assertThat(chat.expected()).isEqualTo(1);
        assertThat(chat.delivered()).isEqualTo(1);
        assertThat(chat.held()).as("decided and complete, so let go").isZero();
    }

    @Test
    void aUserThatNeverGotItsIdLeavesTheOthersAudienceDecided() {
        chat.participants(1);
        GodotUser a = user(A);
        GodotUser stuck = connecting(handlers);
        push(a, new AddPeer(ELSEWHERE));
        push(a, line(A, 1));
        assertThat(chat.held()).as("undecided while a user of ours is connecting").isEqualTo(1);
        stuck.peer().abandon();
        push(a, line(A, 2)); // the next settling decides both
        assertThat(chat.held()).isZero();
        assertThat(chat.expected()).isZero();
        chat.leave(a);
        assertThat(a.takeRows()).as("nothing was missing").isEmpty();
    }

    @Test
    void theLastUserToLeaveDecidesWhatIsStillUndecided() {
        chat.participants(2);
        GodotUser a = user(A);
        GodotUser b = connecting(handlers);
        connecting(handlers); // never connects and never says so
        push(a, new AddPeer(B));
        push(a, line(A, 1));
        assign(b, B);
        assertThat(chat.expected()).as("a third user is still connecting").isZero();
        chat.leave(a);
        chat.leave(b);
        assertThat(chat.expected()).isEqualTo(1);
        assertThat(chat.missing()).isEqualTo(1);
        assertThat(b.takeRows()).extracting(Row::message).containsExactly("no copy arrived (the sender's peer list expected one)");
    }

    @Test
    void nothingExpectedIsNotAHundredPercent() {
        assertThat(chat.ratioPercent()).isNaN();
        assertThat(chat.summary()).contains("delivery ratio n/a");
    }

    @Test
    void malformedAndUnresolvableFramesAreCountedNotThrown() {
        GodotUser a = user(A);
        assertThat(a.onFrame(new byte[] {0x07}, 0, e -> true)).isFalse();
        assertThat(a.protocolErrors()).isEqualTo(1);
        assertThat(push(a, Rpc.of(NodeRef.cached(9), 0, List.of(1L, "x", 1L, 1L)))).isFalse();
        assertThat(a.ignored()).isEqualTo(1);
    }

    @Test
    void whenOnlyTheOthersGetACopyTheAcknowledgementSetsTheExpectation() {
        FanOut world = new FanOut("world fan-out", stats, directory, r -> r.longArg(1), r -> 3_000_000L, r -> r.longArg(0))
                .toOthersOnly();
        Map<String, List<PushHandler>> on = Map.of("Main/World.world_changed", List.of(world));
        GodotUser a = connecting(on);
        GodotUser b = connecting(on);
        assign(a, A);
        assign(b, B);
        assign(connecting(on), C);
        push(a, new AddPeer(B));
        push(a, new AddPeer(C));
        push(b, new AddPeer(A));

        world.expect(a, 7); // edit_applied(op, 7) reached A, who knows B and C
        push(b, worldChanged(7, A));
        assertThat(world.expected()).isEqualTo(2);
        assertThat(world.delivered()).isEqualTo(1);
        assertThat(world.missing()).isEqualTo(1);
        assertThat(b.takeRows()).containsExactly(Row.ok("world fan-out", 3_000, 5_000));

        push(a, worldChanged(8, A)); // a server that echoes the change to its author
        assertThat(world.echoes()).isEqualTo(1);
        assertThat(a.takeRows()).extracting(Row::ok).containsExactly(false);
        assertThat(world.summary()).endsWith(", 1 sent back to their sender");
    }

    private static Rpc worldChanged(long version, int from) {
        return Rpc.of(NodeRef.path("Main/World"), 5, List.of(version, (long) from, dev.godotload.wire.variant.PackedInt32Array.of(1, 2)));
    }

    /** pose_changed(peer, pose, sent_usec): the expectation is the sender's peer list as it sends. */
    @Test
    void aPoseExpectsCopiesForThePeersItsSenderKnowsAsItSendsAndACopyToAPeerItHadNotHeardOfIsNoError() {
        FanOut poses = new FanOut("pose fan-out", stats, directory, r -> r.longArg(0), r -> r.longArg(2), r -> r.longArg(2))
                .asSent();
        Map<String, List<PushHandler>> on = Map.of("Main/Avatars.pose_changed", List.of(poses));
        GodotUser a = connecting(on);
        assign(a, A);
        GodotUser b = connecting(on);
        assign(b, B);
        push(b, new AddPeer(A));
        // A has not drained B's ADD_PEER yet: it expects no copy, the server sends B one all the same
        poses.sent(a, 2_000_000L);
        push(b, pose(A, 2_000_000L));
        assertThat(b.takeRows()).extracting(Row::ok).containsExactly(true);
        assertThat(poses.duplicates()).isZero();

        push(a, new AddPeer(B));
        poses.sent(a, 2_100_000L);
        assertThat(poses.expected()).isEqualTo(1);
        assertThat(poses.missing()).isEqualTo(1);
        push(b, pose(A, 2_100_000L));
        assertThat(poses.missing()).isZero();
        assertThat(poses.delivered()).isEqualTo(1);

        // a copy of a message still held, twice: a duplicate is still a KO
        GodotUser c = connecting(on);
        assign(c, C);
        push(c, new AddPeer(A));
        push(a, new AddPeer(C));
        poses.sent(a, 2_200_000L);
        push(b, pose(A, 2_200_000L));
        push(b, pose(A, 2_200_000L));
        assertThat(poses.duplicates()).isEqualTo(1);
        assertThat(poses.summary()).contains("1 more to peers their sender had not heard of yet");
    }

    private static Rpc pose(int from, long sentUsec) {
        return Rpc.of(NodeRef.path("Main/Avatars"), 0, List.of((long) from, new Transform3D(new Basis(new Vector3(1, 0, 0),
                new Vector3(0, 1, 0), new Vector3(0, 0, 1)), new Vector3(0, 1.7, 0)), sentUsec));
    }
}

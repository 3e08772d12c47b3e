package dev.godotload.server;

import static dev.godotload.server.Godot3WirePeer.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.server.node.AvatarsNode;
import dev.godotload.server.node.StatsNode;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.testing.RawClient;
import dev.godotload.testing.WsClient;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.Vector3;

/**
 * The real {@link ReferenceServer} with {@code --godot 3} on loopback, driven byte for byte by plain
 * WebSocket clients: the transport's Godot 3 rules (godot3.md §2) and the four contract nodes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerGodot3Test {
    private static final String CHAT = "Main/Chat";
    private static final String WORLD = "Main/World";
    private RunningGodot3Server s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    // ------------------------------------------------------------------ transport (godot3.md §2)

    @Test
    void theFirstMessageIsSysIdThenTheServerAndNothingElseForALonePeer() throws Exception {
        s = RunningGodot3Server.start();

        Godot3WirePeer a = s.connect();

        assertThat(a.idMessage).hasSize(13);
        assertThat(Godot3WirePeer.hex(a.idMessage)).isEqualTo("03" + "01000000" + "00000000" + le(a.id));
        a.expect("01" + "01000000" + "00000000" + "01000000");
        Godot3WirePeer.expectNothing(a);
    }

    @Test
    void theTransportSpeaksTheLineOfTheSettingsWhateverItsOptionsSay() throws Exception {
        s = RunningGodot3Server.start(TransportOptions.defaults().withPort(0), RunningGodot3Server.settings());
        Godot3WirePeer a = s.connect(); // SYS_ID first, no 4-byte id
        a.expect("01" + "01000000" + "00000000" + "01000000");
        s.close();

        s = RunningGodot3Server.start(RunningGodot3Server.transport(), RunningServer.settings());
        try (WsClient godot4 = WsClient.connect(s.port(), "/")) {
            assertThat(godot4.next()).as("Godot 4's peer id message").hasSize(4);
        }
    }

    @Test
    void aSubprotocolOfferedToAServerWithNoneClosesTcpWithoutAnHttpReply() throws Exception {
        s = RunningGodot3Server.start();
        RawClient c = s.raw();

        c.write(RawClient.request("/", "Sec-WebSocket-Protocol: binary\r\n"));

        assertThat(readToEnd(c)).as("bytes before the close").isEmpty();
        s.join(); // the server carries on
    }

    @Test
    void aBadRequestGetsNoReplyEither() throws Exception {
        s = RunningGodot3Server.start();
        RawClient c = s.raw();

        c.write("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");

        assertThat(readToEnd(c)).isEmpty();
    }

    @Test
    void aServerWithProtocolsPicksAnOfferedOneAndRefusesAClientWithout() throws Exception {
        s = RunningGodot3Server.start(RunningGodot3Server.transport().withSubprotocols(List.of("binary")),
                RunningGodot3Server.settings());
        RawClient offers = s.raw();
        offers.write(RawClient.request("/", "Sec-WebSocket-Protocol: foo, binary\r\n"));
        assertThat(offers.readHead()).endsWith("Sec-WebSocket-Protocol: binary\r\n\r\n");
        RawClient.Frame first = offers.readFrame();
        assertThat(first.opcode()).isEqualTo(2);
        assertThat(first.payload()).hasSize(13).startsWith(3, 1, 0, 0, 0, 0, 0, 0, 0);

        RawClient none = s.raw();
        none.write(RawClient.request("/", ""));
        assertThat(readToEnd(none)).isEmpty();
    }

    @Test
    void aSilentConnectionIsDroppedAfterAboutOneSecondAsIn323() throws Exception {
        s = RunningGodot3Server.start();
        RawClient c = s.raw();

        long millis = c.millisUntilClosed();

        assertThat(millis).isBetween(800L, 2500L);
    }

    @Test
    void messagesUpTo65535BytesArriveOneMoreIsDroppedAndTheConnectionKeptTwoMoreClose1009() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();

        a.send(rawTo(b.id, a.id, 65_535));
        assertThat(b.next()).hasSize(65_535);

        a.send(rawTo(b.id, a.id, 65_536)); // wslay takes it, the 2^16 ring buffer cannot: dropped
        a.barrier();
        Godot3WirePeer.expectNothing(b);
        assertThat(a.ws.closeCode).isNotDone();

        a.send(rawTo(b.id, a.id, 65_537));
        assertThat(a.ws.awaitClose()).isEqualTo(1009);
        b.expect(1, 0, new DelPeer(a.id));
    }

    @Test
    void systemTypesAndSpoofedSendersAreDroppedAndTheSenderKeepsItsConnection() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();

        a.send("01" + le(1) + "00000000" + le(b.id));                       // SYS_ADD from a client
        a.send(Godot3WirePeer.CODEC.encode(new Routed(b.id, 0, new Raw(new byte[] {1})))); // from b, says a
        a.barrier();

        Godot3WirePeer.expectNothing(a, b);
        assertThat(a.ws.closeCode).isNotDone();
    }

    @Test
    void aRelayToOnePeerArrivesUnchangedHeaderIncluded() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();

        String message = "00" + le(a.id) + le(b.id) + "04" + "cafe";
        a.send(message);

        b.expect(message);
    }

    // ------------------------------------------------------------------ Main/Chat

    @Test
    void stressModeRebroadcastsToEveryoneFirstPerPeerThenOnceToZero() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();
        Godot3WirePeer c = s.join();

        b.send(1, sendMessage(NodeRef.path(CHAT), "one", 1));
        for (Godot3WirePeer p : List.of(a, b, c)) {
            p.expect(1, p.id, SimplifyPath.godot3(1, CHAT));
            p.expect(1, p.id, receiveMessage(NodeRef.path(CHAT), b.id, "one", 1));
            p.send(1, new ConfirmPath(true, NodeRef.path(CHAT)));
            p.barrier();
        }

        b.send(1, SimplifyPath.godot3(4, CHAT));
        b.expect(1, b.id, new ConfirmPath(true, NodeRef.path(CHAT)));
        b.send(1, sendMessage(NodeRef.cached(4), "two", 2));
        for (Godot3WirePeer p : List.of(a, b, c)) {
            p.expect(1, 0, receiveMessage(NodeRef.cached(1), b.id, "two", 2));
        }
        Godot3WirePeer.expectNothing(a, b, c);
    }

    @Test
    void everyLineReachesEveryPeerInOrderOncePerPeerThenOnceForAll() throws Exception {
        s = RunningGodot3Server.start();
        List<Godot3WirePeer> peers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            peers.add(s.join());
        }

        // Round 1: one line each, by full path; every peer gets SIMPLIFY_PATH once and confirms it.
        for (Godot3WirePeer p : peers) {
            p.send(1, sendMessage(NodeRef.path(CHAT), "hi", 1));
        }
        Set<Integer> everyone = new HashSet<>();
        peers.forEach(p -> everyone.add(p.id));
        for (Godot3WirePeer p : peers) {
            p.expect(1, p.id, SimplifyPath.godot3(1, CHAT));
            Set<Integer> heard = new HashSet<>();
            for (int n = 0; n < peers.size(); n++) {
                // the lines of different connections reach the server in any order
                byte[] raw = p.next();
                int from = ((Long) ((RemoteCall) Godot3WirePeer.CODEC.decode(raw).packet()).args().get(0)).intValue();
                assertThat(Godot3WirePeer.hex(raw)).isEqualTo(Godot3WirePeer.hex(Godot3WirePeer.CODEC.encode(
                        new Routed(1, p.id, receiveMessage(NodeRef.path(CHAT), from, "hi", 1)))));
                heard.add(from);
            }
            assertThat(heard).isEqualTo(everyone);
            p.send(1, new ConfirmPath(true, NodeRef.path(CHAT)));
            p.barrier();
        }

        // Round 2: everyone confirmed, so each line is one message to 0, the same bytes for all.
        int lines = 8;
        for (int seq = 2; seq < 2 + lines; seq++) {
            for (Godot3WirePeer p : peers) {
                p.send(1, sendMessage(NodeRef.path(CHAT), "line " + seq, seq));
            }
        }
        for (Godot3WirePeer p : peers) {
            Map<Integer, Long> lastSeq = new HashMap<>();
            for (int n = 0; n < lines * peers.size(); n++) {
                Routed r = p.nextRouted();
                assertThat(r.to()).isZero();
                RemoteCall call = (RemoteCall) r.packet();
                assertThat(call.node()).isEqualTo(NodeRef.cached(1));
                int from = ((Long) call.args().get(0)).intValue();
                long seq = (Long) call.args().get(3);
                assertThat(seq).as("lines from %d in order", from).isEqualTo(lastSeq.getOrDefault(from, 1L) + 1);
                lastSeq.put(from, seq);
            }
            assertThat(lastSeq).hasSize(peers.size()).allSatisfy((from, seq) -> assertThat(seq).isEqualTo(1L + lines));
        }
        Godot3WirePeer.expectNothing(peers.toArray(Godot3WirePeer[]::new));
    }

    @Test
    void stressModeOffAnswersTheSenderOnly() throws Exception {
        s = RunningGodot3Server.start(RunningGodot3Server.transport(), RunningGodot3Server.settings().withStressMode(false));
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();

        b.send(1, sendMessage(NodeRef.path(CHAT), "mine", 5));

        b.expect(1, b.id, SimplifyPath.godot3(1, CHAT));
        b.expect(1, b.id, receiveMessage(NodeRef.path(CHAT), b.id, "mine", 5));
        Godot3WirePeer.expectNothing(a, b);
    }

    // ------------------------------------------------------------------ Main/World

    @Test
    void aMergeIsAppliedToTheSenderAndAnnouncedToEveryoneElseThenReadBack() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();
        Godot3WirePeer c = s.join();

        a.send(1, merge(7, 1, 2));
        a.expect(1, a.id, SimplifyPath.godot3(1, WORLD));
        a.expect(1, a.id, new RemoteCall(NodeRef.path(WORLD), "edit_applied", List.of(7L, 1L)));
        for (Godot3WirePeer p : List.of(b, c)) {
            p.expect(1, p.id, SimplifyPath.godot3(1, WORLD));
            p.expect(1, p.id, worldChanged(NodeRef.path(WORLD), 1, a.id, 1, 2));
        }
        for (Godot3WirePeer p : List.of(a, b, c)) {
            p.send(1, new ConfirmPath(true, NodeRef.path(WORLD)));
            p.barrier();
        }

        // Everyone confirmed: world_changed is rpc_id(-a), ONE message with to = -a.
        a.send(1, merge(8, 2, 3));
        a.expect(1, a.id, new RemoteCall(NodeRef.cached(1), "edit_applied", List.of(8L, 2L)));
        String once = "00" + le(1) + le(-a.id) + "00" + le(1);
        for (Godot3WirePeer p : List.of(b, c)) {
            String got = p.nextHex();
            assertThat(got).startsWith(once)
                    .isEqualTo(Godot3WirePeer.hex(Godot3WirePeer.CODEC.encode(
                            new Routed(1, -a.id, worldChanged(NodeRef.cached(1), 2, a.id, 2, 3)))));
        }

        a.send(1, merge(8, 4, 5)); // the same op id again
        a.expect(1, a.id, new RemoteCall(NodeRef.cached(1), "edit_rejected", List.of(8L, "duplicate op_id 8")));

        c.send(1, new RemoteCall(NodeRef.path(WORLD), "request_state", List.of()));
        c.expect(1, c.id, new RemoteCall(NodeRef.cached(1), "receive_state",
                List.of(2L, List.of(new PackedInt32Array(new int[] {1, 2, 3})))));
        Godot3WirePeer.expectNothing(a, b, c);
    }

    @Test
    void answersToOnePeerLeaveInTheOrderOfItsCalls() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();

        a.send(1, merge(10, 1, 2)); // its answer waits for the commit
        a.send(1, merge(10, 3, 4)); // its refusal does not, and must not overtake
        a.send(1, new RemoteCall(NodeRef.path(WORLD), "request_state", List.of()));
        a.expect(1, a.id, SimplifyPath.godot3(1, WORLD));
        a.expect(1, a.id, new RemoteCall(NodeRef.path(WORLD), "edit_applied", List.of(10L, 1L)));
        a.expect(1, a.id, new RemoteCall(NodeRef.path(WORLD), "edit_rejected", List.of(10L, "duplicate op_id 10")));
        a.expect(1, a.id, new RemoteCall(NodeRef.path(WORLD), "receive_state",
                List.of(1L, List.of(new PackedInt32Array(new int[] {1, 2})))));
        Godot3WirePeer.expectNothing(a);
    }

    // ------------------------------------------------------------------ Main/Avatars, Main/Stats

    @Test
    void aPoseGoesToEveryoneElse() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();
        Transform3D pose = new Transform3D(Basis.IDENTITY, new Vector3(1, 1.5, -2));

        a.send(1, new RemoteCall(NodeRef.path(AvatarsNode.PATH), "update_pose", List.of(pose, 99L)));

        b.expect(1, b.id, SimplifyPath.godot3(1, AvatarsNode.PATH));
        b.expect(1, b.id, new RemoteCall(NodeRef.path(AvatarsNode.PATH), "pose_changed", List.of((long) a.id, pose, 99L)));
        String bytes = Godot3WirePeer.hex(Godot3WirePeer.CODEC.encode(new Routed(1, b.id,
                new RemoteCall(NodeRef.path(AvatarsNode.PATH), "pose_changed", List.of((long) a.id, pose, 99L)))));
        assertThat(bytes).contains("0d000000" + "0000803f" + "00000000" + "00000000"); // TRANSFORM, basis row 0
        Godot3WirePeer.expectNothing(a, b);
    }

    @Test
    void statsAreAnsweredToTheRequesterAsADictionary() throws Exception {
        s = RunningGodot3Server.start();
        Godot3WirePeer a = s.join();
        Godot3WirePeer b = s.join();

        b.send(1, new RemoteCall(NodeRef.path(StatsNode.PATH), "request_stats", List.of()));

        b.expect(1, b.id, SimplifyPath.godot3(1, StatsNode.PATH));
        Routed reply = b.nextRouted();
        assertThat(reply.from()).isEqualTo(1);
        assertThat(reply.to()).isEqualTo(b.id);
        RemoteCall call = (RemoteCall) reply.packet();
        assertThat(call.method()).isEqualTo("receive_stats");
        assertThat(call.node()).isEqualTo(NodeRef.path(StatsNode.PATH));
        @SuppressWarnings("unchecked")
        Map<Object, Object> stats = (Map<Object, Object>) call.args().get(0);
        assertThat(stats).isInstanceOf(LinkedHashMap.class).containsKeys("peers", "packets_in", "packets_out",
                "bytes_in", "bytes_out", "world_version", "uptime_msec", "memory_static");
        assertThat(stats.get("peers")).isEqualTo(2L);
        assertThat((Long) stats.get("packets_in")).isPositive();
        Godot3WirePeer.expectNothing(a);
    }

    // ------------------------------------------------------------------ helpers

    private static RemoteCall sendMessage(NodeRef node, String text, long seq) {
        return new RemoteCall(node, "send_message", List.of(text, 1000L + seq, seq));
    }

    private static RemoteCall receiveMessage(NodeRef node, int from, String text, long seq) {
        return new RemoteCall(node, "receive_message", List.of((long) from, text, 1000L + seq, seq));
    }

    private static RemoteCall merge(long opId, int... props) {
        return new RemoteCall(NodeRef.path(WORLD), "merge_world", List.of(opId, new PackedInt32Array(props)));
    }

    private static RemoteCall worldChanged(NodeRef node, long version, int from, int... props) {
        return new RemoteCall(node, "world_changed", List.of(version, (long) from, new PackedInt32Array(props)));
    }

    /** A RAW message of exactly {@code size} bytes from {@code from} to {@code to}, laid out by hand (the codec stops at the limit). */
    private static byte[] rawTo(int to, int from, int size) {
        byte[] message = new byte[size];
        byte[] header = Godot3WirePeer.bytes("00" + le(from) + le(to) + "04");
        System.arraycopy(header, 0, message, 0, header.length);
        return message;
    }

    /** Everything the server sends before it closes TCP. */
    private static byte[] readToEnd(RawClient c) throws Exception {
        InputStream in = c.socket.getInputStream();
        try {
            return in.readAllBytes();
        } catch (SocketException reset) {
            return new byte[0];
        }
    }
}

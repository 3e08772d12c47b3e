package dev.godotload.server;

import static dev.godotload.server.WirePeer.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.godotload.testing.RawClient;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;

/**
 * The real {@link ReferenceServer} on loopback, driven byte for byte by plain WebSocket clients:
 * the peer id, ADD_PEER/DEL_PEER, SYS RELAY, size limits, the handshake timeout and malformed
 * packets (godot4.md §2, §3).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerWireTest {
    private RunningServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    // ------------------------------------------------------------------ answers in call order

    @Test
    void answersToOnePeerLeaveInTheOrderOfItsCallsThoughOnlyTheFirstWaitsForACommit() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.connect();
        String world = "Main/World";
        var spec = dev.godotload.contract.Contract.bundled().node(world);
        Rpc merge = Rpc.of(NodeRef.path(world), spec.methodId("merge_world"),
                List.of(10L, new dev.godotload.wire.variant.PackedInt32Array(new int[] {1, 2})));
        // back to back: the repeat's refusal and the state need no new commit, the merge's answer does
        a.send(merge);
        a.send(merge);
        a.send(Rpc.of(NodeRef.path(world), spec.methodId("request_state"), List.of()));
        a.send(Rpc.of(NodeRef.path("Main/Stats"), dev.godotload.contract.Contract.bundled().node("Main/Stats")
                .methodId("request_stats"), List.of()));
        List<String> answers = new java.util.ArrayList<>();
        while (answers.size() < 4) {
            if (a.nextPacket() instanceof Rpc r) {
                String path = ((NodeRef.Path) r.node()).path();
                answers.add(dev.godotload.contract.Contract.bundled().node(path).rpc(r.methodId()).name());
            }
        }
        assertThat(answers).containsExactly("edit_applied", "edit_rejected", "receive_state", "receive_stats");
    }

    // ------------------------------------------------------------------ §2.3 peer id

    @Test
    void theFirstMessageIsTheIdInFourLittleEndianBytesOfAtLeastTwo() throws Exception {
        s = RunningServer.start(RunningServer.settings());

        WirePeer a = s.connect();

        assertThat(a.idBytes).hasSize(4);
        int le = (a.idBytes[0] & 0xff) | (a.idBytes[1] & 0xff) << 8 | (a.idBytes[2] & 0xff) << 16
                | (a.idBytes[3] & 0xff) << 24;
        assertThat(le).isEqualTo(a.id).isGreaterThanOrEqualTo(2);
        // Alone on the server: no ADD_PEER, nothing else.
        a.expectNothing();
    }

    @Test
    void idsDifferAcrossClients() throws Exception {
        s = RunningServer.start(RunningServer.settings());

        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            ids.add(s.connect().id);
        }

        assertThat(ids).hasSize(6).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(2));
    }

    // ------------------------------------------------------------------ §3.3 ADD_PEER / DEL_PEER

    @Test
    void aSecondClientIsAnnouncedBothWays() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.connect();
        a.expectNothing();
        a.barrier(); // a is admitted before b connects

        WirePeer b = s.connect();

        a.expect("07 01" + le(b.id));
        b.expect("07 01" + le(a.id));
        WirePeer.expectNothing(a, b);
    }

    @Test
    void aThirdClientLearnsOfBothOthersInAdmissionOrder() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        WirePeer c = s.connect();

        c.expect("07 01" + le(a.id));
        c.expect("07 01" + le(b.id));
        a.expect("07 01" + le(c.id));
        b.expect("07 01" + le(c.id));
        c.expectNothing();
    }

    @Test
    void aClientThatClosesNormallyIsAnnouncedGoneToTheOthers() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        WirePeer c = s.join();

        b.ws.closeNormally();

        assertThat(b.ws.awaitClose()).isEqualTo(1000);
        a.expect("07 02" + le(b.id));
        c.expect("07 02" + le(b.id));
        a.expectNothing();
    }

    @Test
    void aClientThatDropsTcpIsAnnouncedGoneToTheOthers() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        WirePeer c = s.join();

        s.leave(b); // asserts 07 02 <b> to a and c

        // and the ones left still see each other: a relay from a reaches c
        a.send("07 03" + le(c.id) + "03 01");
        c.expect("07 03" + le(a.id) + "03 01");
    }

    // ------------------------------------------------------------------ §3.3 RELAY

    @Test
    void aRelayIsRewrittenFromDestinationToSource() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        WirePeer c = s.join();

        a.send("07 03" + le(b.id) + "03 de ad");

        b.expect("07 03" + le(a.id) + "03 de ad");
        WirePeer.expectNothing(a, c);
    }

    @Test
    void aRelayOfAnRpcIsForwardedUntouchedApartFromThePeerField() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        byte[] inner = s.codec.encode(Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("hi", 5L, 1L)));

        a.send("07 03" + le(b.id) + WirePeer.hex(inner));

        b.expect("07 03" + le(a.id) + WirePeer.hex(inner));
        // the server was not a target (d > 0): no chat rebroadcast to anyone
        WirePeer.expectNothing(a, b);
    }

    @Test
    void aRelayToZeroReachesEveryoneButTheSender() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        WirePeer c = s.join();

        b.send("07 03" + le(0) + "03 de ad");

        a.expect("07 03" + le(b.id) + "03 de ad");
        c.expect("07 03" + le(b.id) + "03 de ad");
        b.expectNothing();
    }

    @Test
    void aRelayToZeroIsAlsoProcessedByTheServer() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        byte[] inner = s.codec.encode(Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("relayed", 7L, 3L)));

        a.send("07 03" + le(0) + WirePeer.hex(inner));

        // b gets the relay, then both get the server's rebroadcast of the call it processed itself
        b.expect("07 03" + le(a.id) + WirePeer.hex(inner));
        b.expectChat(a.id, "relayed", 7L, 3L);
        a.expectChat(a.id, "relayed", 7L, 3L);
    }

    @Test
    void aRelayToAPeerThatIsNotConnectedOrToTheServerIsDropped() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        int unknown = java.util.stream.IntStream.of(2, 3, 4).filter(i -> i != a.id && i != b.id).findFirst()
                .orElseThrow();

        a.send("07 03" + le(unknown) + "03 de ad");
        a.send("07 03" + le(1) + "03 de ad");

        WirePeer.expectNothing(a, b);
        // and a is still served
        a.send("07 03" + le(b.id) + "03 be ef");
        b.expect("07 03" + le(a.id) + "03 be ef");
    }

    // ------------------------------------------------------------------ §2.5 limits and timeouts

    @Test
    void anOversizedMessageClosesThatConnectionWith1009AndOthersKeepBeingServed() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send(new byte[65_536]);

        assertThat(a.ws.awaitClose()).isEqualTo(1009);
        b.expect("07 02" + le(a.id));
        b.sendChat("still here", 1L, 1L);
        b.expectChat(b.id, "still here", 1L, 1L);
    }

    @Test
    void aMessageOfExactly65535BytesKeepsTheConnection() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send(new byte[65_535]); // the limit itself; as a packet it is garbage, so it is ignored

        b.expectNothing();
        assertThat(a.closed()).isFalse();
        a.sendChat("after", 2L, 2L);
        a.expectChat(a.id, "after", 2L, 2L);
        b.expectChat(a.id, "after", 2L, 2L);
    }

    @Test
    void aSilentTcpConnectionIsDroppedAfterAboutThreeSecondsWithoutAnId() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();

        RawClient silent = s.raw();
        long start = System.nanoTime();
        int received = 0;
        InputStream in = silent.socket.getInputStream();
        byte[] buf = new byte[256];
        try {
            // Each read waits at most RawClient.READ_TIMEOUT_MILLIS (5 s); the loop ends at EOF or then.
            for (int n; (n = in.read(buf)) >= 0 && System.nanoTime() - start < 6_000_000_000L; ) {
                received += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the silent connection was still open after 5 s");
        } catch (SocketException reset) {
            // a reset counts as closed
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(received).as("bytes sent to a connection that never upgraded").isZero();
        assertThat(millis).isBetween(2_500L, 5_000L);
        // a never saw it as a peer, and is still served
        a.expectNothing();
        a.sendChat("unaffected", 3L, 3L);
        a.expectChat(a.id, "unaffected", 3L, 3L);
    }

    // ------------------------------------------------------------------ malformed packets

    /**
     * Packets no Godot peer writes. The server logs and ignores each (contract.md: "dropped or
     * ignored"); this server keeps the connection, and nobody receives anything because of it.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "",                                   // empty message
            "00",                                 // RPC without a node
            "01 ff",                              // SIMPLIFY_PATH of 2 bytes
            "20 17 00 00 80 01 03 04 00 00 00",   // a full-path RPC cut inside its first argument
            "20 ff 00 00 80 01 80",               // path offset beyond the packet
            "30 01 00",                           // RPC with node-id size 3 (invalid)
            "08 01 00",                           // RPC with the unused bit 3 set
            "02 01 01 00 00",                     // 4.3 CONFIRM_PATH of 5 bytes
            "07",                                 // SYS without a type
            "07 09 00 00 00 00",                  // unknown SYS type
            "07 03 01 00",                        // RELAY shorter than 7 bytes
            "07 01 05 00 00 00",                  // ADD_PEER, which only the server sends
            "07 00 ab",                           // AUTH data after admission
    })
    void aMalformedPacketIsIgnoredAndEveryoneKeepsBeingServed(String hex) throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send(hex);

        WirePeer.expectNothing(a, b);
        assertThat(a.closed()).as("the sender of a malformed packet was disconnected").isFalse();
        // both still get a chat round trip, from either side
        a.sendChat("a after", 10L, 1L);
        a.expectChat(a.id, "a after", 10L, 1L);
        b.expectChat(a.id, "a after", 10L, 1L);
        b.sendChat("b after", 11L, 1L);
        b.expectChat(b.id, "b after", 11L, 1L);
        a.expectChat(b.id, "b after", 11L, 1L);
    }

    /**
     * A relay of at least 7 bytes whose inner packet is garbage. Godot's server forwards the inner
     * bytes without looking at them (scene_multiplayer.cpp, SYS_COMMAND_RELAY) and only its own
     * processing (d <= 0) fails; so does this one: the destination gets the rewritten relay, and
     * everyone stays served.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "03",                 // RAW without data
            "07 01 05 00 00 00",  // a SYS packet inside a relay ("Invalid network command")
            "00",                 // an RPC without a node
    })
    void aRelayWithAMalformedInnerPacketHurtsNobody(String inner) throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send("07 03" + le(b.id) + inner);
        a.sendChat("after relay", 12L, 1L);

        a.expectChat(a.id, "after relay", 12L, 1L);
        assertThat(WirePeer.hex(b.next())).isEqualTo(("07 03" + le(a.id) + inner).replace(" ", ""));
        b.expectChat(a.id, "after relay", 12L, 1L);
        WirePeer.expectNothing(a, b);
        assertThat(a.closed()).isFalse();
    }

    @Test
    void aTruncatedChatRpcIsIgnoredAndTheNextWholeOneIsServed() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        byte[] whole = s.codec.encode(Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("hello", 5L, 1L)));

        for (int cut = 1; cut < whole.length; cut += 3) {
            a.send(java.util.Arrays.copyOf(whole, cut));
        }
        a.send(whole);

        a.expectChat(a.id, "hello", 5L, 1L);
        b.expectChat(a.id, "hello", 5L, 1L);
        WirePeer.expectNothing(a, b);
    }
}

package dev.godotload.server;

import static dev.godotload.server.WirePeer.CHAT;
import static dev.godotload.server.WirePeer.RECEIVE_MESSAGE;
import static dev.godotload.server.WirePeer.SEND_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;

/**
 * Main/Chat of the contract on the real {@link ReferenceServer}, through raw RPC packets: who gets
 * a message in and out of stress mode, what is refused (an authority call, an over-long or
 * non-String text, an unknown method), and that a refusal leaves the caller connected.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerChatTest {
    private RunningServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void inStressModeEveryoneGetsTheMessageTheSenderIncluded() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        WirePeer c = s.join();

        b.sendChat("hello all", 123_456_789_012L, 7L);

        for (WirePeer p : List.of(a, b, c)) {
            p.expectChat(b.id, "hello all", 123_456_789_012L, 7L);
            p.expectNothing();
        }
    }

    @Test
    void withStressModeOffOnlyTheSenderGetsItsMessage() throws Exception {
        s = RunningServer.start(RunningServer.settings().withStressMode(false));
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.sendChat("just me", 5L, 1L);
        a.expectChat(a.id, "just me", 5L, 1L);
        b.expectNothing();

        b.sendChat("me too", 6L, 1L);
        b.expectChat(b.id, "me too", 6L, 1L);
        a.expectNothing();
    }

    @Test
    void aClientCallingTheAuthorityRpcGetsNothingAndStaysConnected() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        // receive_message(from_peer, text, sent_usec, seq), well typed, but it is server-to-client only
        a.send(Rpc.of(NodeRef.path(CHAT), RECEIVE_MESSAGE, List.of((long) b.id, "forged", 1L, 1L)));

        WirePeer.expectNothing(a, b);
        assertThat(a.closed()).isFalse();
        a.sendChat("honest", 2L, 2L);
        a.expectChat(a.id, "honest", 2L, 2L);
        b.expectChat(a.id, "honest", 2L, 2L);
    }

    @Test
    void aTextOf1025Utf8BytesIsRejectedAnd1024Accepted() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        String euros1024 = "€".repeat(341) + "a"; // 341 * 3 + 1 bytes
        String euros1025 = euros1024 + "b";
        String ascii1025 = "x".repeat(1025);
        assertThat(euros1024.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(euros1025.getBytes(StandardCharsets.UTF_8)).hasSize(1025);

        a.sendChat(euros1025, 1L, 1L);
        a.sendChat(ascii1025, 1L, 2L);
        WirePeer.expectNothing(a, b);

        a.sendChat(euros1024, 1L, 3L);
        a.expectChat(a.id, euros1024, 1L, 3L);
        b.expectChat(a.id, euros1024, 1L, 3L);
        a.sendChat("y".repeat(1024), 1L, 4L);
        a.expectChat(a.id, "y".repeat(1024), 1L, 4L);
        b.expectChat(a.id, "y".repeat(1024), 1L, 4L);
    }

    @Test
    void aTextThatIsNotAStringOrMissingArgumentsAreRejected() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send(Rpc.of(NodeRef.path(CHAT), SEND_MESSAGE, List.of(42L, 1L, 1L)));
        a.send(Rpc.of(NodeRef.path(CHAT), SEND_MESSAGE, List.of("two args", 1L)));
        a.send(Rpc.of(NodeRef.path(CHAT), SEND_MESSAGE, List.of()));

        WirePeer.expectNothing(a, b);
        a.sendChat("typed", 3L, 3L);
        a.expectChat(a.id, "typed", 3L, 3L);
        b.expectChat(a.id, "typed", 3L, 3L);
    }

    @Test
    void anUnknownMethodOrNodeGetsNothingAndTheCallerStays() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        a.send(Rpc.of(NodeRef.path(CHAT), 2, List.of("x", 1L, 1L)));
        a.send(Rpc.of(NodeRef.path("Main/Nope"), SEND_MESSAGE, List.of("x", 1L, 1L)));
        a.send(Rpc.of(NodeRef.cached(9), SEND_MESSAGE, List.of("x", 1L, 1L))); // never announced

        WirePeer.expectNothing(a, b);
        a.sendChat("known", 4L, 4L);
        a.expectChat(a.id, "known", 4L, 4L);
        b.expectChat(a.id, "known", 4L, 4L);
    }

    @Test
    void messagesFromOneSenderArriveInOrder() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        for (int seq = 1; seq <= 50; seq++) {
            a.sendChat("m" + seq, seq * 10L, seq);
        }

        for (int seq = 1; seq <= 50; seq++) {
            a.expectChat(a.id, "m" + seq, seq * 10L, seq);
            b.expectChat(a.id, "m" + seq, seq * 10L, seq);
        }
    }
}

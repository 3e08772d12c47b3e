package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.ServerHarness.CHAT;
import static dev.godotload.server.multiplayer.ServerHarness.CHAT_MD5;
import static dev.godotload.server.multiplayer.ServerHarness.announceChat;
import static dev.godotload.server.multiplayer.ServerHarness.receiveMessage;
import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.testing.LogCapture;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.RpcLayout;
import dev.godotload.wire.packet.SimplifyPath;

import ch.qos.logback.classic.Level;

/** Both halves of the node-path cache (godot4.md §4, {@code scene_cache_interface.cpp}). */
class PathCacheTest {
    private static final String STATS = "Main/Stats";
    private static final String STATS_MD5 = "9b2718097db3bb3ebdc4b8dffcf666fb";

    private final List<ServerHarness> harnesses = new ArrayList<>();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void nothingLeaked() {
        log.close();
        harnesses.forEach(ServerHarness::assertAllReleased);
    }

    private ServerHarness server(GodotVersion v, ServerNode... extra) {
        ServerHarness h = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT).withVersion(v), extra);
        harnesses.add(h);
        return h;
    }

    // ---------------------------------------------------------------- inbound: the clients' ids

    @Test
    void godot43ConfirmsAnAnnouncementByIdInSixBytes() {
        ServerHarness h = server(GodotVersion.GODOT_4_3);
        FakeLink a = h.connect(2);
        h.receive(a, announceChat(5));
        assertThat(a.take()).containsExactly("020105000000");
    }

    @Test
    void godot42ConfirmsAnAnnouncementByEchoingThePath() {
        ServerHarness h = server(GodotVersion.GODOT_4_0);
        FakeLink a = h.connect(2);
        h.receive(a, announceChat(5));
        assertThat(a.take()).containsExactly("0201" + "4d61696e2f4368617400");
    }

    @Test
    void aWrongChecksumIsStoredAndConfirmedInvalidInBothFormats() {
        ServerHarness h43 = server(GodotVersion.GODOT_4_3);
        FakeLink a = h43.connect(2);
        h43.receive(a, new SimplifyPath(3, CHAT, "ffffffffffffffffffffffffffffffff"));
        assertThat(a.take()).containsExactly("020003000000");
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("checksum failed for Main/Chat");
        h43.receive(a, sendMessage(NodeRef.cached(3), "stored anyway", 1, 1));
        assertThat(h43.chat.accepted()).isEqualTo(1);

        ServerHarness h42 = server(GodotVersion.GODOT_4_0);
        FakeLink b = h42.connect(2);
        h42.receive(b, new SimplifyPath(3, CHAT, "ffffffffffffffffffffffffffffffff"));
        assertThat(b.take()).containsExactly(h42.hex(new ConfirmPath(false, NodeRef.path(CHAT))));
    }

    @Test
    void godot43RejectsADuplicateIdAndKeepsTheFirst() {
        ServerHarness h = server(GodotVersion.GODOT_4_3, new RecordingNode(STATS));
        FakeLink a = h.connect(2);
        h.receive(a, announceChat(1));
        h.receive(a, new SimplifyPath(1, STATS, STATS_MD5));
        assertThat(a.take()).containsExactly("020101000000");
        assertThat(log.lines(Level.WARN)).singleElement().asString()
                .isEqualTo("WARN duplicate remote cache ID 1 for peer 2 (Main/Stats); not confirmed");
        h.receive(a, sendMessage(NodeRef.cached(1), "still chat", 1, 1));
        assertThat(h.chat.accepted()).isEqualTo(1);
    }

    @Test
    void godot42OverwritesADuplicateId() {
        RecordingNode stats = new RecordingNode(STATS);
        ServerHarness h = server(GodotVersion.GODOT_4_0, stats);
        FakeLink a = h.connect(2);
        h.receive(a, announceChat(1));
        h.receive(a, new SimplifyPath(1, STATS, STATS_MD5));
        assertThat(a.take()).containsExactly(
                h.hex(new ConfirmPath(true, NodeRef.path(CHAT))), h.hex(new ConfirmPath(true, NodeRef.path(STATS))));
        h.receive(a, Rpc.of(NodeRef.cached(1), 1, List.of())); // request_stats on id 1
        assertThat(stats.calls).containsExactly("request_stats from 2");
    }

    @Test
    void aNodeTheServerDoesNotServeIsNeverConfirmed() {
        ServerHarness h = server(GodotVersion.GODOT_4_3);
        FakeLink a = h.connect(2);
        h.receive(a, new SimplifyPath(1, "Main/World", "e399c95ccbe2241cadd3c02ccd1296c3")); // in the contract, not served
        h.receive(a, new SimplifyPath(2, "Main/Nowhere", CHAT_MD5));
        assertThat(a.take()).isEmpty();
        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer 2 announced node Main/World (cache ID 1), which this server does not serve; not confirmed",
                "WARN peer 2 announced node Main/Nowhere (cache ID 2), which this server does not serve; not confirmed");
    }

    // ---------------------------------------------------------------- outbound: the server's ids

    @Test
    void afterConfirmationByIdTheServerUsesTheCompactId() {
        ServerHarness h = server(GodotVersion.GODOT_4_3);
        FakeLink a = h.connect(2);
        h.receive(a, sendMessage("one", 1, 1));
        assertThat(a.take()).containsExactly(
                h.hex(new SimplifyPath(1, CHAT, CHAT_MD5)), h.hex(receiveMessage(NodeRef.path(CHAT), 2, "one", 1, 1)));
        h.receive(a, new ConfirmPath(true, NodeRef.cached(1)));
        h.receive(a, sendMessage("two", 1, 2));
        assertThat(a.take()).containsExactly(h.hex(receiveMessage(NodeRef.cached(1), 2, "two", 1, 2)))
                .first().asString().startsWith("000100"); // 1-byte node id 1, method 0
    }

    @Test
    void afterConfirmationByPathGodot42UsesTheCompactId() {
        ServerHarness h = server(GodotVersion.GODOT_4_0);
        FakeLink a = h.connect(2);
        h.receive(a, sendMessage("one", 1, 1));
        a.take();
        h.receive(a, new ConfirmPath(true, NodeRef.path(CHAT)));
        h.receive(a, sendMessage("two", 1, 2));
        assertThat(a.take()).containsExactly(h.hex(receiveMessage(NodeRef.cached(1), 2, "two", 1, 2)));
    }

    @Test
    void aConfirmationOfSomethingNeverAnnouncedChangesNothing() {
        ServerHarness h = server(GodotVersion.GODOT_4_3);
        FakeLink a = h.connect(2);
        h.receive(a, new ConfirmPath(true, NodeRef.cached(1))); // id 1 not given out yet
        h.receive(a, new ConfirmPath(true, NodeRef.cached(77)));
        h.receive(a, sendMessage("one", 1, 1));
        assertThat(a.take()).hasSize(2).last().asString().startsWith("20"); // still the full path
    }

    @Test
    void targetsInDifferentCacheStatesGetGodotsThreeForms() {
        ServerHarness h = server(GodotVersion.GODOT_4_3);
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.receive(a, sendMessage("first", 1, 1));
        h.receive(a, new ConfirmPath(true, NodeRef.cached(1)));
        FakeLink c = h.connect(4);
        h.clearSent();
        long encodedBefore = h.server.counters().packetsEncoded();

        h.receive(b, sendMessage("mixed", 1, 2));

        Rpc call = receiveMessage(NodeRef.cached(1), 3, "mixed", 1, 2);
        String fourByteId = h.hex(new Rpc(call.node(), call.methodId(), call.args(), new RpcLayout(4, 1, false)));
        String fullPath = h.hex(receiveMessage(NodeRef.path(CHAT), 3, "mixed", 1, 2));
        assertThat(fourByteId).startsWith("2001000000").doesNotContain("4d61696e2f43686174");
        // C's SIMPLIFY_PATH and full-path call come first; the backing arrays prove one encoding each.
        assertThat(b.backing.get(0)).isSameAs(c.backing.get(1));
        assertThat(a.take()).containsExactly(fourByteId);
        assertThat(b.take()).containsExactly(fullPath);
        assertThat(c.take()).containsExactly(h.hex(new SimplifyPath(1, CHAT, CHAT_MD5)), fullPath);
        assertThat(h.server.counters().packetsEncoded() - encodedBefore).isEqualTo(3);
    }
}

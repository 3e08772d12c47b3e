package dev.godotload.server.node;

import static dev.godotload.server.multiplayer.ServerHarness.CHAT;
import static dev.godotload.server.multiplayer.ServerHarness.receiveMessage;
import static dev.godotload.server.multiplayer.ServerHarness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.multiplayer.FakeLink;
import dev.godotload.server.multiplayer.ServerHarness;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.SimplifyPath;

import ch.qos.logback.classic.Level;

/** {@code Main/Chat} of contract.md. */
class ChatNodeTest {
    private final LogCapture log = new LogCapture();
    private ServerHarness h;

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    @Test
    void inStressModeEveryPeerGetsTheMessageTheSenderIncluded() {
        h = ServerHarness.defaults();
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        FakeLink c = h.connect(4);
        h.clearSent();
        long encoded = h.server.counters().packetsEncoded();

        h.receive(b, sendMessage("to all", 1_000_000L, 9));

        String simplify = h.hex(new SimplifyPath(1, CHAT, ServerHarness.CHAT_MD5));
        String delivery = h.hex(receiveMessage(NodeRef.path(CHAT), 3, "to all", 1_000_000L, 9));
        assertThat(a.backing.get(1)).isSameAs(b.backing.get(1)).isSameAs(c.backing.get(1));
        assertThat(a.take()).containsExactly(simplify, delivery);
        assertThat(b.take()).containsExactly(simplify, delivery);
        assertThat(c.take()).containsExactly(simplify, delivery);
        assertThat(h.server.counters().packetsEncoded() - encoded).isEqualTo(2);
        assertThat(h.chat.accepted()).isEqualTo(1);
    }

    @Test
    void withStressModeOffOnlyTheSenderGetsItBack() {
        h = new ServerHarness(ServerSettings.defaults(ServerHarness.CONTRACT).withStressMode(false));
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();
        h.receive(b, sendMessage("echo", 5, 6));
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).last().isEqualTo(h.hex(receiveMessage(NodeRef.path(CHAT), 3, "echo", 5, 6)));
    }

    @Test
    void textOverOneKibibyteOfUtf8IsRejectedAndTheSenderStays() {
        h = ServerHarness.defaults();
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        h.clearSent();

        h.receive(a, sendMessage("x".repeat(1025), 1, 1));
        h.receive(a, sendMessage("é".repeat(513), 1, 2)); // 513 characters, 1,026 bytes
        h.receive(a, sendMessage("😀".repeat(257), 1, 3)); // 1,028 bytes
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertThat(a.closed()).isFalse();
        assertThat(h.chat.rejected()).isEqualTo(3);
        assertThat(h.chat.accepted()).isZero();

        h.receive(a, sendMessage("x".repeat(1024), 1, 4));
        h.receive(a, sendMessage("é".repeat(512), 1, 5));
        h.receive(a, sendMessage("😀".repeat(256), 1, 6));
        assertThat(h.chat.accepted()).isEqualTo(3);
        assertThat(b.take()).hasSize(4); // SIMPLIFY_PATH, then three deliveries
    }

    @Test
    void rejectionsAreLoggedOncePerPeer() {
        h = ServerHarness.defaults();
        FakeLink a = h.connect(2);
        FakeLink b = h.connect(3);
        log.clear();
        for (int i = 0; i < 5; i++) {
            h.receive(a, sendMessage("x".repeat(2000), 1, i));
        }
        h.receive(b, sendMessage("y".repeat(1025), 1, 1));
        assertThat(log.lines(Level.DEBUG)).containsExactly(
                "INFO peer 2 sent a chat message of 2000 UTF-8 bytes (limit 1024); rejected, and further rejections "
                        + "from this peer are counted, not logged",
                "INFO peer 3 sent a chat message of 1025 UTF-8 bytes (limit 1024); rejected, and further rejections "
                        + "from this peer are counted, not logged");
        assertThat(h.chat.rejected()).isEqualTo(6);
    }

    @Test
    void utf8LengthAgreesWithTheEncoder() {
        h = ServerHarness.defaults();
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(20);
            for (int i = 0; i < len; i++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0xE000 + random.nextInt(0x2000);
                    default -> 0x10000 + random.nextInt(0x100000);
                };
                s.appendCodePoint(cp);
            }
            String text = s.toString();
            assertThat(ChatNode.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}

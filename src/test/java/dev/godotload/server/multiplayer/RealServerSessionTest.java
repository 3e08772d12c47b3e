package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.server.node.ChatNode;
import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.Rpc;

/**
 * {@code godot4-real/server-session.jsonl} replayed against this server: every message the two
 * clients sent goes in, and every message the real Godot 4.6 server sent each client must come out,
 * byte for byte and in order, by the time the client's next burst of messages is replayed. Chat is the real
 * {@link ChatNode}; World, Avatars and Stats are stand-ins that answer as the captured game did.
 */
class RealServerSessionTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);

    private final ServerHarness h = new ServerHarness(
            ServerSettings.defaults(ServerHarness.CONTRACT).withVersion(GodotVersion.GODOT_4_4),
            new StandInWorld(), new StandInAvatars(), new StandInStats(capturedStats()));

    @AfterEach
    void nothingLeaked() {
        h.assertAllReleased();
    }

    @Test
    void everyMessageTheRealServerSentComesOutByteForByte() {
        Map<String, FakeLink> clients = new LinkedHashMap<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        int replayed = 0;
        int checked = 0;
        double lastSent = Double.NEGATIVE_INFINITY;
        for (JsonNode line : session()) {
            String client = line.get("client").asText();
            String hex = line.get("hex").asText();
            String note = line.path("note").asText();
            if (line.get("dir").asText().equals("s2c")) {
                if (note.equals("peer id")) {
                    // The transport sends the id; the server layer starts at peerConnected.
                    clients.put(client, h.connect(CODEC.decodePeerId(GoldenData.hex(hex)).id()));
                } else {
                    expected.computeIfAbsent(client, c -> new ArrayList<>()).add(hex);
                }
                continue;
            }
            // Messages a client wrote within a millisecond were one burst: the real server answered
            // after the burst, so the comparison waits for its end.
            double t = line.get("t_ms").asDouble();
            if (t - lastSent > 1.0) {
                collect(clients, actual);
                assertThat(actual).as("what the server sent before message i=%s", line.get("i")).isEqualTo(expected);
                checked++;
            }
            lastSent = t;
            if (note.startsWith("close frame")) {
                h.disconnect(clients.get(client));
            } else {
                h.receiveHex(clients.get(client), hex);
            }
            replayed++;
        }
        collect(clients, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(replayed).isEqualTo(13);
        assertThat(checked).isEqualTo(8);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(22);
        assertThat(h.chat.accepted()).isEqualTo(2);
    }

    private static void collect(Map<String, FakeLink> clients, Map<String, List<String>> into) {
        clients.forEach((name, link) -> {
            List<String> got = link.take();
            if (!got.isEmpty()) {
                into.computeIfAbsent(name, c -> new ArrayList<>()).addAll(got);
            }
        });
    }

    private static List<JsonNode> session() {
        return GoldenData.jsonLines("godot4-real/server-session.jsonl");
    }

    /** The Dictionary the real Stats node sent (i=29), to answer with the same value. */
    private static List<Object> capturedStats() {
        for (JsonNode line : session()) {
            if (line.get("i").asInt() == 29) {
                return ((Rpc) CODEC.decode(GoldenData.hex(line.get("hex").asText()))).args();
            }
        }
        throw new IllegalStateException("i=29 missing from server-session.jsonl");
    }

    /** Acknowledges every merge as version 1 and tells the others, as the captured world did. */
    private static final class StandInWorld implements ServerNode {
        @Override
        public String path() {
            return "Main/World";
        }

        @Override
        public void call(NodeCall call) {
            call.reply("edit_applied", List.of(call.longArg(0), 1L));
            call.host().broadcastExcept(call.from(), path(), "world_changed",
                    List.of(1L, (long) call.from(), call.args().get(1)));
        }
    }

    private static final class StandInAvatars implements ServerNode {
        @Override
        public String path() {
            return "Main/Avatars";
        }

        @Override
        public void call(NodeCall call) {
            call.host().broadcastExcept(call.from(), path(), "pose_changed",
                    List.of((long) call.from(), call.args().get(0), call.args().get(1)));
        }
    }

    private static final class StandInStats implements ServerNode {
        private final List<Object> stats;

        StandInStats(List<Object> stats) {
            this.stats = stats;
        }

        @Override
        public String path() {
            return "Main/Stats";
        }

        @Override
        public void call(NodeCall call) {
            call.reply("receive_stats", stats);
        }
    }
}

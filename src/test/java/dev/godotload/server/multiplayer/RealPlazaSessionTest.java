package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.server.node.PlazaNode;
import dev.godotload.testing.GoldenData;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Sync;

import ch.qos.logback.classic.Level;

/**
 * {@code godot4-real/plaza-session.jsonl} replayed against {@code --game plaza}: every message the
 * three real Godot 4.6 plaza clients sent goes in, and every message the real 4.6 plaza server sent
 * each of them must come out of this one, byte for byte and in the same order. The peers get the
 * captured ids, so the bytes compare as they are.
 *
 * <p>The real server answers once a frame, so its answers interleave differently with the clients'
 * next messages than ours, which answer at once: while replaying, what a client got so far must be
 * the start of what the real server sent it; at the end, all of it. The capture has no line for C's
 * close: the DEL_PEER the others got marks when it left.
 */
class RealPlazaSessionTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);

    private final LogCapture log = new LogCapture();
    private final ServerHarness h = ServerHarness.plaza(
            ServerSettings.defaults(ServerHarness.CONTRACT).withVersion(GodotVersion.GODOT_4_4));

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    @Test
    void everyMessageTheRealPlazaServerSentComesOutByteForByte() {
        Map<String, FakeLink> clients = new LinkedHashMap<>();
        Map<Integer, String> byId = new LinkedHashMap<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        Map<String, Packet> lastSync = new LinkedHashMap<>();
        Map<String, Packet> lastDelta = new LinkedHashMap<>();
        List<JsonNode> session = session();
        for (JsonNode line : session) {
            if (line.get("dir").asText().equals("s2c") && !line.get("note").asText().startsWith("peer id")) {
                expected.computeIfAbsent(line.get("client").asText(), c -> new ArrayList<>()).add(line.get("hex").asText());
            }
        }
        int replayed = 0;
        for (JsonNode line : session) {
            String client = line.get("client").asText();
            byte[] bytes = GoldenData.hex(line.get("hex").asText());
            if (line.get("dir").asText().equals("s2c")) {
                if (line.get("note").asText().startsWith("peer id")) {
                    // The transport sends the id; the server layer starts at peerConnected.
                    int id = CODEC.decodePeerId(bytes).id();
                    clients.put(client, h.connect(id));
                    byId.put(id, client);
                } else if (CODEC.decode(bytes) instanceof DelPeer d && clients.containsKey(byId.get(d.id()))) {
                    collect(clients, actual);
                    h.disconnect(clients.remove(byId.get(d.id())));
                }
                continue;
            }
            h.receive(clients.get(client), bytes);
            replayed++;
            Packet p = CODEC.decode(bytes);
            if (p instanceof Sync) {
                lastSync.put(client, p);
            } else if (p instanceof Delta) {
                lastDelta.put(client, p);
            }
            collect(clients, actual);
            actual.forEach((name, got) -> assertThat(expected.get(name)).as("what client %s got by i=%s", name, line.get("i"))
                    .startsWith(got.toArray(String[]::new)));
        }
        collect(clients, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(replayed).isEqualTo(87);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(80);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.SPAWN)).isEqualTo(9);
        assertThat(h.server.counters().packetsOut(ServerCounters.Kind.DESPAWN)).isEqualTo(2);
        assertThat(log.lines(Level.WARN)).isEmpty();

        // The server's copy of A's and B's players holds the last pose and mood each sent it directly.
        for (String client : List.of("A", "B")) {
            int id = byId.entrySet().stream().filter(e -> e.getValue().equals(client)).findFirst().orElseThrow().getKey();
            Map<String, Object> state = h.server.replication().state(PlazaNode.playerPath(id) + "/Sync");
            List<Object> pose = ((Sync) lastSync.get(client)).states().get(0).values();
            assertThat(state).as("player %s", client).containsEntry(".:position", pose.get(0))
                    .containsEntry(".:rotation", pose.get(1)).containsEntry(".:stamp", pose.get(2))
                    .containsEntry(".:mood", ((Delta) lastDelta.get(client)).states().get(0).values().get(0));
        }
        assertThat(h.server.replication().spawnedPaths()).hasSize(2);
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
        return GoldenData.jsonLines("godot4-real/plaza-session.jsonl");
    }
}

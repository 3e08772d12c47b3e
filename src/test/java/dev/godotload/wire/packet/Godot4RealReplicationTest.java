package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.variant.Vector3;

/**
 * The replication traffic of a real Godot 4.6 plaza ({@code godot4-real/plaza-session.jsonl}: its
 * server in the web engine behind the bridge and three real plaza clients, one of which leaves):
 * every message decodes and re-encodes byte for byte, and the fields say what the engine meant.
 */
class Godot4RealReplicationTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);

    private static List<JsonNode> lines() {
        return GoldenData.jsonLines("godot4-real/plaza-session.jsonl");
    }

    private static String kind(Packet p) {
        Packet inner = p instanceof Relay r ? r.inner() : p;
        return (p instanceof Relay ? "relayed " : "") + inner.getClass().getSimpleName();
    }

    @Test
    void everyMessageDecodesAndReencodesByteForByte() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode line : lines()) {
            byte[] bytes = hex(line.get("hex").asText());
            if (line.get("note").asText().startsWith("peer id")) {
                assertThat(CODEC.decodePeerId(bytes).id()).isGreaterThan(1);
                continue;
            }
            Packet p = CODEC.decode(bytes);
            assertThat(hex(CODEC.encode(p))).as("line %s", line.get("i")).isEqualTo(line.get("hex").asText());
            kinds.merge(kind(p), 1, Integer::sum);
        }
        assertThat(kinds).containsKeys("Spawn", "Despawn", "Sync", "Delta", "relayed Sync", "relayed Delta",
                "relayed SimplifyPath", "relayed ConfirmPath", "SimplifyPath", "ConfirmPath", "AddPeer", "DelPeer");
    }

    @Test
    void aSpawnOfAPlayerNamedAfterItsPeerCarriesNoStateForASynchronizerItsPeerOwns() {
        // i 2: the server spawns client A's own player; A owns its Sync, so no sync ids and no spawn state
        Spawn s = (Spawn) CODEC.decode(hex("04000100000001000000000000000b0000003132313834333837363700"));
        assertThat(s).isEqualTo(Spawn.ofScene(0, 1, 1, "1218438767", List.of(), List.of()));
    }

    @Test
    void aPlayersSyncIsAddressedByPathIdAndHoldsItsAlwaysProperties() {
        // i 6: client A's SYNC to the server: time 4, Sync as path id 1 | 0x80000000, position, rotation, stamp
        Sync s = (Sync) CODEC.decode(hex(
                "060400010000802300000009000000e92071400000000020f7ab3f0900000000000000e65fafbe00000000426d07"));
        assertThat(s.time()).isEqualTo(4);
        SyncState state = s.states().get(0);
        assertThat(state.isPathAddressed()).isTrue();
        assertThat(state.pathCacheId()).isEqualTo(1);
        assertThat(state.values()).hasSize(3);
        assertThat(state.values().get(0)).isInstanceOf(Vector3.class);
        assertThat(((Vector3) state.values().get(1)).x()).isZero();
        assertThat(state.values().get(2)).isEqualTo(1901L); // Time.get_ticks_msec(), a 16-bit compressed int
    }

    @Test
    void aDeltaNamesTheChangedOnChangeProperty() {
        // i 7: DELTA, bit 0 of the watched properties (mood) changed to "happy"
        Delta d = (Delta) CODEC.decode(hex("160100008001000000000000001000000004000000050000006861707079000000"));
        assertThat(d.states()).containsExactly(new DeltaState(0x8000_0001, 1, List.of("happy")));
    }
}

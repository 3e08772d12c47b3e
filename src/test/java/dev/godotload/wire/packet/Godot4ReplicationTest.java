package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.variant.Vector3;

/**
 * SPAWN, DESPAWN, SYNC and DELTA laid out as {@code SceneReplicationInterface} writes them
 * ({@code _make_spawn_packet}, {@code _make_despawn_packet}, {@code _send_sync}, {@code _send_delta});
 * the real 4.6 engine's bytes are checked in {@link Godot4RealReplicationTest}.
 */
class Godot4ReplicationTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_3);

    // 04 | scene 0 | spawner cache id 2 | net id 1 | 1 sync id | name "77" + NUL (3) | sync id 5 | "77\0" |
    // state: Vector3(1, 2, 3) (type 9) and int 42 (compressed: 02 2a)
    private static final String SPAWN = "04 00 02000000 01000000 01000000 03000000 05000000 373700"
            + " 09000000 0000803f 00000040 00004040 02 2a";

    @Test
    void spawnOfASceneWithState() {
        Spawn s = (Spawn) CODEC.decode(hex(SPAWN));
        assertThat(s).isEqualTo(Spawn.ofScene(0, 2, 1, "77", List.of(5), List.of(new Vector3(1, 2, 3), 42L)));
        assertThat(CODEC.encode(s)).isEqualTo(hex(SPAWN));
    }

    @Test
    void customSpawnCarriesItsArgumentWithItsSize() {
        // scene index 255, no synchronizers, name "b", argument int 7 (2 bytes), no state
        byte[] bytes = hex("04 ff 03000000 09000000 00000000 02000000 6200 02000000 0207");
        Spawn s = (Spawn) CODEC.decode(bytes);
        assertThat(s.isCustom()).isTrue();
        assertThat(s.customArgument()).isEqualTo(7L);
        assertThat(s.state()).isEmpty();
        assertThat(CODEC.encode(s)).isEqualTo(bytes);
    }

    @Test
    void despawnIsANetId() {
        assertThat(CODEC.decode(hex("05 2a000000"))).isEqualTo(new Despawn(42));
        assertThat(CODEC.encode(new Despawn(42))).isEqualTo(hex("05 2a000000"));
    }

    @Test
    void syncCarriesTimeAndOneStatePerSynchronizer() {
        // time 0x0102; a path-addressed synchronizer (cache id 3) with Vector3 + int; a spawned one (net id 4) with true
        String hex = "06 0201 03000080 12000000 09000000 0000803f 00000040 00004040 02 05"
                + " 04000000 01000000 81";
        Sync s = (Sync) CODEC.decode(hex(hex));
        assertThat(s.time()).isEqualTo(0x0102);
        assertThat(s.states()).containsExactly(
                new SyncState(0x8000_0003, List.of(new Vector3(1, 2, 3), 5L)),
                new SyncState(4, List.of(true)));
        assertThat(s.states().get(0).isPathAddressed()).isTrue();
        assertThat(s.states().get(0).pathCacheId()).isEqualTo(3);
        assertThat(CODEC.encode(s)).isEqualTo(hex(hex));
    }

    @Test
    void deltaNamesTheChangedWatchedProperties() {
        // flag 0x10 on SYNC; net id 0x80000001; bits 0b101; two values: int 1, int 2
        String hex = "16 01000080 0500000000000000 04000000 0201 0202";
        Delta d = (Delta) CODEC.decode(hex(hex));
        assertThat(d.states()).containsExactly(new DeltaState(0x8000_0001, 0b101, List.of(1L, 2L)));
        assertThat(CODEC.encode(d)).isEqualTo(hex(hex));
    }

    @Test
    void relayedSyncRoundTrips() {
        Relay r = new Relay(5, new Sync(9, List.of(new SyncState(0x8000_0002, List.of(1L)))));
        assertThat(CODEC.decode(CODEC.encode(r))).isEqualTo(r);
    }

    @Test
    void lengthsAreCheckedBeforeTheyAreTrusted() {
        assertThatThrownBy(() -> CODEC.decode(hex("06 0100 01000000 ff000000 0201")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("synchronizer state length 255 exceeds");
        assertThatThrownBy(() -> CODEC.decode(hex("04 00 02000000 01000000 ffffff0f 03000000 373700")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("synchronizer ids count");
        assertThatThrownBy(() -> CODEC.decode(hex("04 00 02000000 01000000 00000000 09000000 373700")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("node name needs 9 bytes");
        assertThatThrownBy(() -> CODEC.decode(hex("05 2a000000 00")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("DESPAWN is exactly 5 bytes");
        assertThatThrownBy(() -> CODEC.decode(hex("16 01000080 0300000000000000 02000000 0201")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("name 2 properties but the state holds 1");
        assertThatThrownBy(() -> CODEC.decode(hex("26 0100 01000000 02000000 0201")))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("SYNC uses no such flag");
        // the name's NUL must be its last byte
        assertThatThrownBy(() -> CODEC.decode(hex("04 00 02000000 01000000 00000000 03000000 370037")))
                .isInstanceOf(WireFormatException.class);
    }
}

package dev.godotload.wire.packet;

/**
 * Godot 4 replication traffic, what {@code MultiplayerSpawner} and {@code MultiplayerSynchronizer}
 * send through {@code SceneReplicationInterface}: {@link Spawn}, {@link Despawn}, {@link Sync} and
 * {@link Delta}. Property values travel as RPC arguments do (compressed Variants, one after another);
 * which property each value is comes from the synchronizer's replication config, which only the two
 * scenes know, so the packets carry the values in wire order.
 */
public sealed interface Replication extends Packet permits Spawn, Despawn, Sync, Delta {
    /** Net ids with this bit set address a synchronizer by its path-cache id instead of a spawn-assigned id. */
    int PATH_ADDRESSED = 0x8000_0000;

    /** Whether {@code netId} is a path-cache id ({@link #PATH_ADDRESSED}) rather than a spawn-assigned id. */
    static boolean isPathAddressed(int netId) {
        return (netId & PATH_ADDRESSED) != 0;
    }
}

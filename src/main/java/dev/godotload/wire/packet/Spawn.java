package dev.godotload.wire.packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.godotload.wire.variant.Variants;

/**
 * SPAWN: the spawner's authority tells a peer to instantiate a node under the spawner's spawn path.
 * {@code spawnerCacheId} is the spawner's path-cache id (a SIMPLIFY_PATH of it comes first);
 * {@code sceneIndex} is the index in the spawner's spawnable scenes, or {@link #CUSTOM} for a
 * {@code spawn_function} spawn whose argument is {@code customArgument}. {@code syncIds} are the net
 * ids the spawner's authority gave the node's synchronizers that it has authority over;
 * {@code state} holds their spawn properties' values, in their configs' order.
 */
public record Spawn(int sceneIndex, int spawnerCacheId, int netId, List<Integer> syncIds, String name,
        Object customArgument, List<Object> state) implements Replication {
    /** {@code MultiplayerSpawner::INVALID_ID}: no scene index, a custom spawn. */
    public static final int CUSTOM = 0xFF;

    public Spawn {
        if (sceneIndex < 0 || sceneIndex > CUSTOM) {
            throw new IllegalArgumentException("scene index " + sceneIndex + " does not fit one byte");
        }
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a spawned node needs a name");
        }
        if (sceneIndex != CUSTOM && customArgument != null) {
            throw new IllegalArgumentException("only a custom spawn (scene index 255) carries an argument");
        }
        syncIds = List.copyOf(syncIds);
        state = Collections.unmodifiableList(new ArrayList<>(state)); // values may be null (NIL)
    }

    /** A spawn of the spawnable scene at {@code sceneIndex}. */
    public static Spawn ofScene(int sceneIndex, int spawnerCacheId, int netId, String name, List<Integer> syncIds,
            List<Object> state) {
        return new Spawn(sceneIndex, spawnerCacheId, netId, syncIds, name, null, state);
    }

    public boolean isCustom() {
        return sceneIndex == CUSTOM;
    }

    /** Values compare as Variants (arrays by content, floats by bits), as {@link Rpc} arguments do. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Spawn s && sceneIndex == s.sceneIndex && spawnerCacheId == s.spawnerCacheId && netId == s.netId
                && syncIds.equals(s.syncIds) && name.equals(s.name) && Variants.deepEquals(customArgument, s.customArgument)
                && Variants.deepEquals(state, s.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sceneIndex, spawnerCacheId, netId, syncIds, name, Variants.deepHashCode(customArgument),
                Variants.deepHashCode(state));
    }
}

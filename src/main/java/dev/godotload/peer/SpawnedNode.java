package dev.godotload.peer;

import java.util.List;

import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;

/**
 * A node a spawner's authority spawned on this client: its net id (numbered by the spawner's
 * authority, the same for every client), its path under the spawner's spawn path, the scene it is
 * an instance of, and the net ids the authority gave those of its synchronizers it has authority over.
 */
public record SpawnedNode(int netId, String path, String name, SpawnerSpec spawner, SpawnableScene scene,
        List<Integer> syncIds) {
    public SpawnedNode {
        syncIds = List.copyOf(syncIds);
    }
}

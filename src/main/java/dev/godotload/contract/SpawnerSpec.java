package dev.godotload.contract;

import java.util.List;
import java.util.Objects;

/**
 * A {@code MultiplayerSpawner}: where it is, the node it adds its spawns to, how many it allows, and
 * the scenes it may spawn. A scene's index in {@link #scenes()} is the scene id a SPAWN packet carries.
 *
 * @param path       the spawner, relative to the multiplayer root ({@code Main/PlayerSpawner})
 * @param spawnPath  its {@code spawn_path} resolved, relative to the multiplayer root ({@code Main/Players})
 * @param spawnLimit the most nodes it keeps spawned at once; 0 is no limit
 */
public record SpawnerSpec(String path, String spawnPath, int spawnLimit, List<SpawnableScene> scenes) {
    public SpawnerSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(spawnPath, "spawnPath");
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("spawner path '" + path
                    + "' must be relative to the multiplayer root, e.g. Main/PlayerSpawner");
        }
        if (spawnPath.isEmpty() || spawnPath.startsWith("/")) {
            throw new IllegalArgumentException("spawner " + path + ": spawn_path '" + spawnPath
                    + "' must be relative to the multiplayer root, e.g. Main/Players");
        }
        if (spawnLimit < 0) {
            throw new IllegalArgumentException("spawner " + path + ": spawn_limit must be 0 (no limit) or more, got "
                    + spawnLimit);
        }
        scenes = List.copyOf(scenes);
    }

    /** The scene a SPAWN packet's scene id names. @throws IllegalArgumentException naming the spawner's scenes */
    public SpawnableScene scene(int sceneId) {
        if (sceneId < 0 || sceneId >= scenes.size()) {
            throw new IllegalArgumentException("spawner " + path + " has no scene id " + sceneId + "; its scenes are "
                    + scenes.stream().map(SpawnableScene::scene).toList());
        }
        return scenes.get(sceneId);
    }
}

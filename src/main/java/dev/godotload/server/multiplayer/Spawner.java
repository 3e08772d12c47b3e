package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code MultiplayerSpawner} of the served scene, as the server needs to know it: where it is, the
 * node its spawns are added to, and its spawnable scenes in order (a scene's index is the scene id a
 * SPAWN carries), each with the synchronizers an instance of it brings. The server is the spawner's
 * authority, as in a game whose server adds the nodes.
 *
 * @param path      the spawner, relative to the multiplayer root ({@code Main/PlayerSpawner})
 * @param spawnPath its {@code spawn_path} resolved, relative to the multiplayer root ({@code Main/Players})
 */
public record Spawner(String path, String spawnPath, List<Scene> scenes) {
    /** A SPAWN's scene id is one byte, and 255 means a custom spawn. */
    public static final int MAX_SCENES = 255;

    public Spawner {
        relative(path, "spawner path");
        relative(spawnPath, "spawner " + path + ": spawn path");
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty() || scenes.size() > MAX_SCENES) {
            throw new IllegalArgumentException("spawner " + path + " needs 1 to " + MAX_SCENES + " spawnable scenes, got "
                    + scenes.size());
        }
    }

    /** The scene with id {@code index}. @throws IllegalArgumentException naming the spawner's scenes */
    public Scene scene(int index) {
        if (index < 0 || index >= scenes.size()) {
            throw new IllegalArgumentException("spawner " + path + " has no scene " + index + "; its scenes are "
                    + scenes.stream().map(Scene::scene).toList());
        }
        return scenes.get(index);
    }

    /**
     * One spawnable scene.
     *
     * @param scene         its resource path, e.g. {@code res://player.tscn}
     * @param synchronizers the {@code MultiplayerSynchronizer}s in an instance, each with the spawned node as its root
     */
    public record Scene(String scene, List<Synchronizer> synchronizers) {
        public Scene {
            Objects.requireNonNull(scene, "scene");
            synchronizers = List.copyOf(synchronizers);
            Set<String> paths = new HashSet<>();
            for (Synchronizer s : synchronizers) {
                if (!paths.add(s.path())) {
                    throw new IllegalArgumentException(scene + " lists synchronizer " + s.path() + " twice");
                }
            }
        }
    }

    /**
     * A synchronizer inside a spawnable scene whose {@code root_path} is the scene's root (Godot's
     * default {@code ..} for a direct child), with its {@code SceneReplicationConfig}'s properties in
     * order: that order is the order of the values in SYNC, DELTA and SPAWN packets.
     *
     * @param path relative to the scene's root, e.g. {@code Sync}
     */
    public record Synchronizer(String path, List<Property> properties) {
        /** Godot sends at most 64 "on change" properties of one synchronizer: a DELTA names them in a u64. */
        public static final int MAX_WATCHED = 64;

        public Synchronizer {
            relative(path, "synchronizer path");
            properties = List.copyOf(properties);
            Set<String> seen = new HashSet<>();
            for (Property p : properties) {
                if (!seen.add(p.path())) {
                    throw new IllegalArgumentException("synchronizer " + path + " lists property " + p.path() + " twice");
                }
            }
            if (watched(properties).size() > MAX_WATCHED) {
                throw new IllegalArgumentException("synchronizer " + path + " has more than " + MAX_WATCHED
                        + " on_change properties, which Godot does not send");
            }
        }

        /** The properties a SYNC carries, in order: mode {@code always}. */
        public List<Property> synced() {
            return properties.stream().filter(p -> p.mode() == Mode.ALWAYS).toList();
        }

        /** The properties a DELTA may carry, in order (bit i of its indexes is the i-th): mode {@code on_change}. */
        public List<Property> watched() {
            return watched(properties);
        }

        private static List<Property> watched(List<Property> properties) {
            List<Property> out = new ArrayList<>();
            for (Property p : properties) {
                if (p.mode() == Mode.ON_CHANGE) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /**
     * One property of a synchronizer's replication config.
     *
     * @param path  relative to the synchronizer's root, as Godot writes it: {@code .:position}
     * @param spawn whether it is part of a SPAWN's state
     * @param mode  how it is sent after the spawn
     */
    public record Property(String path, boolean spawn, Mode mode) {
        public Property {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
            if (path.isEmpty() || path.startsWith(":") || path.indexOf(':') < 0) {
                throw new IllegalArgumentException("property path '" + path + "' must name a node and a property, e.g. .:position");
            }
        }
    }

    /** {@code SceneReplicationConfig.ReplicationMode}. */
    public enum Mode {
        /** Only in the SPAWN, if {@code spawn} is set. */
        NEVER,
        /** In every SYNC. */
        ALWAYS,
        /** In a DELTA when it changed. */
        ON_CHANGE
    }

    private static void relative(String path, String what) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException(what + " '" + path + "' must be a relative node path, e.g. Main/Players");
        }
    }
}

package dev.godotload.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code MultiplayerSynchronizer}: where it is, the node its property paths start from, its
 * intervals and visibility, and its properties in the {@code SceneReplicationConfig}'s order, which is
 * the order of their values in the SYNC, DELTA and SPAWN packets.
 *
 * @param path                 the synchronizer, relative to the multiplayer root (top level) or to the
 *                             root of the spawnable scene that holds it
 * @param rootPath             its {@code root_path} as written, relative to the synchronizer ({@code ..} by default)
 * @param replicationInterval  seconds between SYNC packets; 0 is every network frame
 * @param deltaInterval        seconds between DELTA packets; 0 is every network frame
 * @param publicVisibility     whether every peer sees it unless told otherwise
 */
public record SynchronizerSpec(String path, String rootPath, double replicationInterval, double deltaInterval,
                               boolean publicVisibility, List<ReplicatedProperty> properties) {
    /** Godot's default {@code root_path}: the synchronizer's parent. */
    public static final String DEFAULT_ROOT_PATH = "..";

    public SynchronizerSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rootPath, "rootPath");
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("synchronizer path '" + path + "' must be relative, e.g. Main/Sync");
        }
        interval("replication_interval", replicationInterval);
        interval("delta_interval", deltaInterval);
        properties = List.copyOf(properties);
        Set<String> seen = new HashSet<>();
        for (ReplicatedProperty p : properties) {
            if (!seen.add(p.path())) {
                throw new IllegalArgumentException("synchronizer " + path + " lists property " + p.path() + " twice");
            }
        }
    }

    private static void interval(String name, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(name + " must be 0 or more seconds, got " + seconds);
        }
    }
}

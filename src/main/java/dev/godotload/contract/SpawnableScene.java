package dev.godotload.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One scene a {@code MultiplayerSpawner} may spawn, and what an instance of it brings: its RPC nodes
 * and its synchronizers, with paths relative to the scene's root ({@code .} is the root).
 *
 * @param scene the scene's resource path, e.g. {@code res://player.tscn}
 */
public record SpawnableScene(String scene, List<NodeSpec> nodes, List<SynchronizerSpec> synchronizers) {
    public SpawnableScene {
        Objects.requireNonNull(scene, "scene");
        if (scene.isEmpty()) {
            throw new IllegalArgumentException("a spawnable scene needs its resource path, e.g. res://player.tscn");
        }
        nodes = List.copyOf(nodes);
        synchronizers = List.copyOf(synchronizers);
        Set<String> seen = new HashSet<>();
        for (NodeSpec n : nodes) {
            if (!seen.add(n.path())) {
                throw new IllegalArgumentException(scene + " lists node " + n.path() + " twice");
            }
        }
        seen.clear();
        for (SynchronizerSpec s : synchronizers) {
            if (!seen.add(s.path())) {
                throw new IllegalArgumentException(scene + " lists synchronizer " + s.path() + " twice");
            }
        }
    }
}

package dev.godotload.peer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.godotload.contract.Contract;
import dev.godotload.contract.ReplicatedProperty;
import dev.godotload.contract.ReplicationMode;
import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;
import dev.godotload.contract.SynchronizerSpec;

/**
 * One client's view of the replicated scene, as its {@code SceneReplicationInterface} keeps it: the
 * nodes spawned on it (by net id and by path), and where each synchronizer is, so that a SIMPLIFY_PATH
 * of a synchronizer can be confirmed and a SYNC's values named. The game's shape (spawners, their
 * scenes, the synchronizers and their properties) comes from the {@link Contract}.
 */
final class Replicas {
    private final Contract contract;
    private final Map<Integer, SpawnedNode> byNetId = new HashMap<>();
    private final Map<String, SpawnedNode> byPath = new HashMap<>();
    private final Map<Integer, SpawnedNode> bySyncId = new HashMap<>();

    Replicas(Contract contract) {
        this.contract = contract;
    }

    /** A synchronizer at {@code path}, resolved against what is spawned now. */
    record Synchronizer(String path, String root, SynchronizerSpec spec) {
        /** The properties a SYNC carries: "always" ones, in config order. */
        List<String> syncProperties() {
            return properties(ReplicationMode.ALWAYS);
        }

        /** The properties a DELTA's bits index: "on change" ones, in config order. */
        List<String> watchedProperties() {
            return properties(ReplicationMode.ON_CHANGE);
        }

        private List<String> properties(ReplicationMode mode) {
            List<String> out = new ArrayList<>();
            for (ReplicatedProperty p : spec.properties()) {
                if (p.mode() == mode) {
                    out.add(p.path());
                }
            }
            return out;
        }
    }

    boolean replicates() {
        return !contract.spawners().isEmpty() || !contract.synchronizers().isEmpty();
    }

    /** The spawner at {@code path} in the contract, or null. */
    SpawnerSpec spawner(String path) {
        for (SpawnerSpec s : contract.spawners()) {
            if (s.path().equals(path)) {
                return s;
            }
        }
        return null;
    }

    /** Null when stored; else why Godot would refuse the spawn. */
    String spawned(SpawnedNode node) {
        if (byNetId.containsKey(node.netId())) {
            return "net id " + Integer.toUnsignedString(node.netId()) + " is spawned already";
        }
        if (byPath.containsKey(node.path())) {
            return node.path() + " exists already";
        }
        byNetId.put(node.netId(), node);
        byPath.put(node.path(), node);
        for (int id : node.syncIds()) {
            bySyncId.put(id, node);
        }
        return null;
    }

    SpawnedNode despawned(int netId) {
        SpawnedNode node = byNetId.remove(netId);
        if (node != null) {
            byPath.remove(node.path());
            node.syncIds().forEach(bySyncId::remove);
        }
        return node;
    }

    SpawnedNode node(String path) {
        return byPath.get(path);
    }

    SpawnedNode nodeOf(int netId) {
        return byNetId.get(netId);
    }

    List<SpawnedNode> nodes() {
        return new ArrayList<>(byNetId.values());
    }

    int spawnedCount() {
        return byNetId.size();
    }

    /** The synchronizer at {@code path}: one of the main scene's, or one inside a spawned node; null if none is. */
    Synchronizer synchronizer(String path) {
        for (SynchronizerSpec s : contract.synchronizers()) {
            if (s.path().equals(path)) {
                return new Synchronizer(path, resolve(path, s.rootPath()), s);
            }
        }
        for (SpawnerSpec spawner : contract.spawners()) {
            String prefix = spawner.spawnPath() + "/";
            if (!path.startsWith(prefix)) {
                continue;
            }
            int slash = path.indexOf('/', prefix.length());
            if (slash < 0) {
                continue;
            }
            SpawnedNode node = byPath.get(path.substring(0, slash));
            if (node == null) {
                continue;
            }
            String inside = path.substring(slash + 1);
            for (SynchronizerSpec s : node.scene().synchronizers()) {
                if (s.path().equals(inside)) {
                    return new Synchronizer(path, resolve(path, s.rootPath()), s);
                }
            }
        }
        return null;
    }

    /** The synchronizer a spawn-assigned net id names: the node's synchronizers in scene order. */
    Synchronizer synchronizerOf(int syncNetId) {
        SpawnedNode node = bySyncId.get(syncNetId);
        if (node != null) {
            int i = node.syncIds().indexOf(syncNetId);
            if (i < node.scene().synchronizers().size()) {
                SynchronizerSpec s = node.scene().synchronizers().get(i);
                String path = node.path() + "/" + s.path();
                return new Synchronizer(path, resolve(path, s.rootPath()), s);
            }
        }
        return null;
    }

    /** A node path relative to another's, as {@code get_node} resolves {@code ..} and {@code .}. */
    static String resolve(String from, String relative) {
        List<String> parts = new ArrayList<>(List.of(from.split("/")));
        for (String step : relative.split("/")) {
            if (step.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!step.isEmpty() && !step.equals(".")) {
                parts.add(step);
            }
        }
        return String.join("/", parts);
    }

    static String nodePath(SpawnerSpec spawner, String name) {
        return spawner.spawnPath() + "/" + name;
    }

    static SpawnableScene sceneOrNull(SpawnerSpec spawner, int index) {
        return index >= 0 && index < spawner.scenes().size() ? spawner.scenes().get(index) : null;
    }
}

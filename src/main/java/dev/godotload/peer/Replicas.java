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
    private final SpawnRegistry registry;
    /** One bit per net id of a node spawned on this client now; ids past {@link #MAX_BIT} go to {@link #sparse}. */
    private long[] held = new long[0];
    private java.util.Set<Integer> sparse = java.util.Set.of();
    private int count;
    /** Net ids are numbered from 1 by the server; a bitset up to 2^20 ids is at most 128 KB for the rare user that sees them all. */
    private static final int MAX_BIT = 1 << 20;

    Replicas(Contract contract, SpawnRegistry registry) {
        this.contract = contract;
        this.registry = registry;
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
        return contract.spawnerOrNull(path);
    }

    /** Null when stored; else why Godot would refuse the spawn. */
    String spawned(SpawnedNode node) {
        if (holds(node.netId())) {
            return "net id " + Integer.toUnsignedString(node.netId()) + " is spawned already";
        }
        if (node(node.path()) != null) {
            return node.path() + " exists already";
        }
        registry.canonical(node);
        hold(node.netId(), true);
        return null;
    }

    SpawnedNode despawned(int netId) {
        if (!holds(netId)) {
            return null;
        }
        hold(netId, false);
        return registry.byNetId(netId);
    }

    /** The node spawned here at {@code path}, or null. */
    SpawnedNode node(String path) {
        SpawnedNode n = registry.byPath(path);
        return n != null && holds(n.netId()) ? n : null;
    }

    List<SpawnedNode> nodes() {
        List<SpawnedNode> out = new ArrayList<>(count);
        for (int w = 0; w < held.length; w++) {
            for (long rest = held[w]; rest != 0; rest &= rest - 1) {
                out.add(registry.byNetId((w << 6) + Long.numberOfTrailingZeros(rest)));
            }
        }
        for (int id : sparse) {
            out.add(registry.byNetId(id));
        }
        return out;
    }

    int spawnedCount() {
        return count;
    }

    private boolean holds(int netId) {
        if (netId >= 0 && netId < MAX_BIT) {
            return (netId >>> 6) < held.length && (held[netId >>> 6] & (1L << netId)) != 0;
        }
        return sparse.contains(netId);
    }

    private void hold(int netId, boolean on) {
        if (netId >= 0 && netId < MAX_BIT) {
            int word = netId >>> 6;
            if (word >= held.length) {
                held = java.util.Arrays.copyOf(held, Math.max(word + 1, held.length + (held.length >> 1)));
            }
            held[word] = on ? held[word] | (1L << netId) : held[word] & ~(1L << netId);
        } else if (on) {
            if (sparse.isEmpty()) {
                sparse = new java.util.HashSet<>();
            }
            sparse.add(netId);
        } else {
            sparse.remove(netId);
        }
        count += on ? 1 : -1;
    }

    /** The synchronizer at {@code path}: one of the main scene's, or one inside a spawned node; null if none is. */
    Synchronizer synchronizer(String path) {
        SynchronizerSpec main = contract.synchronizerOrNull(path);
        if (main != null) {
            return new Synchronizer(path, resolve(path, main.rootPath()), main);
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
            SpawnedNode node = node(path.substring(0, slash));
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
        SpawnedNode node = registry.bySyncId(syncNetId);
        if (node != null && holds(node.netId())) {
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

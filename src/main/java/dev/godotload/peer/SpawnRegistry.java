package dev.godotload.peer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes the server spawned, once for all the users of a run: a server numbers its spawns
 * server-wide, so net id 7 is the same node for every client it was sent to. Each user keeps only one
 * bit per net id it holds ({@link Replicas}); the node, its path and its scene are kept here, once.
 * One entry per spawn of the run (a despawned node's stays: a user may still hold it). Thread-safe.
 */
final class SpawnRegistry {
    private final Map<Integer, SpawnedNode> byNetId = new ConcurrentHashMap<>();
    private final Map<String, SpawnedNode> byPath = new ConcurrentHashMap<>();
    private final Map<Integer, SpawnedNode> bySyncId = new ConcurrentHashMap<>();

    /**
     * The shared instance of {@code node}: the one registered for its net id when it is the same node,
     * else {@code node} itself, registered from now on (a server started again numbers from 1 again).
     */
    SpawnedNode canonical(SpawnedNode node) {
        SpawnedNode known = byNetId.putIfAbsent(node.netId(), node);
        if (known != null && known.equals(node)) {
            return known;
        }
        if (known != null) {
            byNetId.put(node.netId(), node);
        }
        byPath.put(node.path(), node);
        for (int id : node.syncIds()) {
            bySyncId.put(id, node);
        }
        return node;
    }

    SpawnedNode byNetId(int netId) {
        return byNetId.get(netId);
    }

    SpawnedNode byPath(String path) {
        return byPath.get(path);
    }

    SpawnedNode bySyncId(int syncNetId) {
        return bySyncId.get(syncNetId);
    }
}

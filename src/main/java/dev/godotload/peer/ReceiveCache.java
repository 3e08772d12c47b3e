package dev.godotload.peer;

import java.util.HashMap;
import java.util.Map;

/**
 * The receiver's half of the node-path cache for one remote sender: the ids that sender announced
 * with SIMPLIFY_PATH. Ids belong to the sender's namespace, so a receiver keeps one of these per
 * remote peer.
 */
public final class ReceiveCache {
    private final Map<Integer, String> pathById = new HashMap<>();

    /**
     * Stores an announcement. Returns false for an id already stored: Godot 4.3+ rejects that
     * ("Duplicate remote cache ID") and does not confirm it; older versions overwrite.
     */
    public boolean store(int id, String path, boolean rejectDuplicates) {
        if (rejectDuplicates && pathById.containsKey(id)) {
            return false;
        }
        pathById.put(id, path);
        return true;
    }

    /** The path the sender gave {@code id}, or null. */
    public String path(int id) {
        return pathById.get(id);
    }

    public int size() {
        return pathById.size();
    }
}

package dev.godotload.peer;

import java.util.HashMap;
import java.util.Map;

/**
 * The receiver's half of the node-path cache for one remote sender: the ids that sender announced
 * with SIMPLIFY_PATH. Ids belong to the sender's namespace, so a receiver keeps one of these per
 * remote peer. Most senders announce one path (a player its synchronizer), so the first is kept in
 * two fields and a map is made only for a second: a client in a plaza of N players holds N of these.
 */
public final class ReceiveCache {
    private int firstId;
    private String firstPath;
    private Map<Integer, String> more;

    /**
     * Stores an announcement. Returns false for an id already stored: Godot 4.3+ rejects that
     * ("Duplicate remote cache ID") and does not confirm it; older versions overwrite.
     */
    public boolean store(int id, String path, boolean rejectDuplicates) {
        if (firstPath == null || firstId == id) {
            if (firstPath != null && rejectDuplicates) {
                return false;
            }
            firstId = id;
            firstPath = path;
            return true;
        }
        if (more == null) {
            more = new HashMap<>();
        }
        if (rejectDuplicates && more.containsKey(id)) {
            return false;
        }
        more.put(id, path);
        return true;
    }

    /** The path the sender gave {@code id}, or null. */
    public String path(int id) {
        if (firstPath != null && firstId == id) {
            return firstPath;
        }
        return more == null ? null : more.get(id);
    }

    public int size() {
        return (firstPath == null ? 0 : 1) + (more == null ? 0 : more.size());
    }
}

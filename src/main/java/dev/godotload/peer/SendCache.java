package dev.godotload.peer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sender's half of Godot's node-path cache (godot4.md §4): the ids this side gave its nodes,
 * and which peers were told (SIMPLIFY_PATH) and have confirmed (CONFIRM_PATH). Ids start at 1
 * and are never reused while the sender lives, as in Godot, where a server's ids outlive its
 * clients. Not thread-safe: one owner thread.
 */
public final class SendCache {
    private final Map<String, Integer> idByPath = new HashMap<>();
    private final Map<Integer, String> pathById = new HashMap<>();
    // By path, then peer: a sender has a handful of paths and may tell hundreds of peers (a plaza player
    // tells every other player of its synchronizer), so a peer costs one boxed id in a set, not a set.
    private final Map<String, Set<Integer>> announced = new HashMap<>();
    private final Map<String, Set<Integer>> confirmed = new HashMap<>();
    private int lastId;

    /** The cache id of {@code path}, given now if it has none. */
    public int id(String path) {
        Integer id = idByPath.get(path);
        if (id == null) {
            id = ++lastId;
            idByPath.put(path, id);
            pathById.put(id, path);
        }
        return id;
    }

    public boolean isAnnounced(int peer, String path) {
        return announced.getOrDefault(path, Set.of()).contains(peer);
    }

    /** Records that a SIMPLIFY_PATH for {@code path} went to {@code peer}; false if it already had. */
    public boolean markAnnounced(int peer, String path) {
        id(path);
        return announced.computeIfAbsent(path, p -> new HashSet<>()).add(peer);
    }

    public boolean isConfirmed(int peer, String path) {
        return confirmed.getOrDefault(path, Set.of()).contains(peer);
    }

    /**
     * Applies a Godot 4.3+ CONFIRM_PATH (by id) from {@code peer}. Returns the confirmed path, or
     * null when the id is unknown or was never announced to that peer (Godot ignores those).
     */
    public String confirmId(int peer, int id) {
        String path = pathById.get(id);
        return path != null ? confirm(peer, path) : null;
    }

    /** Applies a Godot 3 / 4.0–4.2 CONFIRM_PATH (by path); null when that path was never announced to {@code peer}. */
    public String confirmPath(int peer, String path) {
        return idByPath.containsKey(path) ? confirm(peer, path) : null;
    }

    private String confirm(int peer, String path) {
        if (!isAnnounced(peer, path)) {
            return null;
        }
        confirmed.computeIfAbsent(path, p -> new HashSet<>()).add(peer);
        return path;
    }

    /** The paths announced to {@code peer} that it has not confirmed, in the order they were given ids. */
    public List<String> unconfirmed(int peer) {
        List<String> out = new ArrayList<>();
        for (int id = 1; id <= lastId; id++) {
            String path = pathById.get(id);
            if (isAnnounced(peer, path) && !isConfirmed(peer, path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** How many peers it keeps announcements or confirmations for. */
    public int peers() {
        Set<Integer> peers = new HashSet<>();
        announced.values().forEach(peers::addAll);
        confirmed.values().forEach(peers::addAll);
        return peers.size();
    }

    /** Forgets a departed peer's announcements and confirmations; the ids stay. */
    public void forget(int peer) {
        for (Set<Integer> told : announced.values()) {
            told.remove(peer);
        }
        for (Set<Integer> done : confirmed.values()) {
            done.remove(peer);
        }
    }
}

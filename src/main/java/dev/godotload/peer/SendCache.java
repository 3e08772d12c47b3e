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
    private final Map<Integer, Set<String>> announced = new HashMap<>();
    private final Map<Integer, Set<String>> confirmed = new HashMap<>();
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
        return announced.getOrDefault(peer, Set.of()).contains(path);
    }

    /** Records that a SIMPLIFY_PATH for {@code path} went to {@code peer}; false if it already had. */
    public boolean markAnnounced(int peer, String path) {
        id(path);
        return announced.computeIfAbsent(peer, p -> new HashSet<>()).add(path);
    }

    public boolean isConfirmed(int peer, String path) {
        return confirmed.getOrDefault(peer, Set.of()).contains(path);
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
        confirmed.computeIfAbsent(peer, p -> new HashSet<>()).add(path);
        return path;
    }

    /** The paths announced to {@code peer} that it has not confirmed, in the order they were given ids. */
    public List<String> unconfirmed(int peer) {
        List<String> out = new ArrayList<>();
        Set<String> told = announced.getOrDefault(peer, Set.of());
        Set<String> done = confirmed.getOrDefault(peer, Set.of());
        for (int id = 1; id <= lastId; id++) {
            String path = pathById.get(id);
            if (told.contains(path) && !done.contains(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** How many peers it keeps announcements or confirmations for. */
    public int peers() {
        Set<Integer> peers = new HashSet<>(announced.keySet());
        peers.addAll(confirmed.keySet());
        return peers.size();
    }

    /** Forgets a departed peer's announcements and confirmations; the ids stay. */
    public void forget(int peer) {
        announced.remove(peer);
        confirmed.remove(peer);
    }
}

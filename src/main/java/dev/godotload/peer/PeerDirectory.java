package dev.godotload.peer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small number for every peer id the users of one run hear about, shared by all of them. Godot
 * ids are random 31-bit numbers; with a dense index instead, a user's set of announced peers is one
 * bit a peer ({@link AnnouncedPeers}), and each id is stored once per run rather than once per user.
 * An index is never reused: ids of peers that left keep theirs. Thread-safe.
 */
public final class PeerDirectory {
    private final ConcurrentHashMap<Integer, Integer> indexes = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** The index of {@code id}, given it the first time. */
    int indexOf(int id) {
        Integer known = indexes.get(id);
        return known != null ? known : indexes.computeIfAbsent(id, k -> next.getAndIncrement());
    }

    /** The index of {@code id}, or -1 if no user of the run ever heard of it. */
    int indexIfKnown(int id) {
        Integer known = indexes.get(id);
        return known == null ? -1 : known;
    }

    /** How many ids have an index. */
    public int size() {
        return next.get();
    }
}

package dev.godotload.peer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small number for every peer id the users of one run hear about, shared by all of them, and
 * which of those peers are users of this injector (this JVM). Godot ids are random 31-bit numbers;
 * with a dense index instead, a user's set of announced peers is one bit a peer
 * ({@link AnnouncedPeers}), and each id is stored once per run rather than once per user. An index
 * is never reused: ids of peers that left keep theirs.
 *
 * <p>Locality is what lets several injector JVMs load one server without sharing anything: a
 * broadcast can only be checked at receivers this JVM sees. A user takes a ticket when it starts
 * connecting ({@link #connecting}) and its id becomes local when the server sends it; until every
 * ticket up to some point is settled, an announced peer that is not local yet may still turn out
 * to be one of ours ({@link Audience}). Thread-safe.
 */
public final class PeerDirectory {
    private static final int WORDS_PER_PAGE = 1 << 10;

    private final ConcurrentHashMap<Integer, Integer> indexes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Integer> idsByIndex = new ConcurrentHashMap<>();
    /** The server's spawns, kept once for the run's users (Godot 4 replication). */
    final SpawnRegistry spawns = new SpawnRegistry();
    /** Node paths the users store, once for all of them (every player of a plaza announces its synchronizer to every other). */
    private final ConcurrentHashMap<String, String> paths = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    /** One bit per index, set when the peer is a user of this injector; pages of 65,536 bits, made on demand. */
    private volatile AtomicLongArray[] local = new AtomicLongArray[0];
    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentSkipListSet<Long> unsettled = new ConcurrentSkipListSet<>();

    /** The index of {@code id}, given it the first time. */
    int indexOf(int id) {
        Integer known = indexes.get(id);
        return known != null ? known : indexes.computeIfAbsent(id, k -> {
            int index = next.getAndIncrement();
            idsByIndex.put(index, k);
            return index;
        });
    }

    /** The one copy of {@code path} the run's users share. */
    String intern(String path) {
        String known = paths.putIfAbsent(path, path);
        return known != null ? known : path;
    }

    /** The id that has {@code index}. */
    int idAt(int index) {
        return idsByIndex.get(index);
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

    /**
     * A user of this injector starts connecting: until it {@link #connected} or {@link #gaveUp},
     * an announced peer that is not known as local may be this one.
     */
    long connecting() {
        long ticket = tickets.incrementAndGet();
        unsettled.add(ticket);
        return ticket;
    }

    /** The user holding {@code ticket} is peer {@code id}: from now on {@code id} is local. */
    void connected(long ticket, int id) {
        int i = indexOf(id);
        localPage(i >>> 16, true).getAndUpdate((i >>> 6) & (WORDS_PER_PAGE - 1), w -> w | (1L << i));
        unsettled.remove(ticket); // after the bit: whoever sees the ticket settled sees the bit
    }

    /** The user holding {@code ticket} will get no id (its connection failed, or it never tried). */
    void gaveUp(long ticket) {
        unsettled.remove(ticket);
    }

    /** The last ticket handed out: every local peer announced before now holds one no later. */
    long lastTicket() {
        return tickets.get();
    }

    /** Whether every user with a ticket up to {@code ticket} has its id or gave up. */
    boolean settledUpTo(long ticket) {
        Long first = unsettled.ceiling(Long.MIN_VALUE);
        return first == null || first > ticket;
    }

    /** Whether {@code id} is a user of this injector. */
    public boolean isLocal(int id) {
        return isLocalIndex(indexIfKnown(id));
    }

    boolean isLocalIndex(int index) {
        return index >= 0 && (localWord(index >>> 6) & (1L << index)) != 0;
    }

    /** Word {@code word} of the local bits (bits {@code 64 * word} to {@code 64 * word + 63}). */
    long localWord(int word) {
        AtomicLongArray page = localPage(word >>> 10, false);
        return page == null ? 0 : page.get(word & (WORDS_PER_PAGE - 1));
    }

    /** How many of {@code indexes} are local now. */
    int countLocal(int[] indexes) {
        int n = 0;
        for (int i : indexes) {
            if (isLocalIndex(i)) {
                n++;
            }
        }
        return n;
    }

    private AtomicLongArray localPage(int page, boolean create) {
        AtomicLongArray[] pages = local;
        if (page < pages.length && pages[page] != null) {
            return pages[page];
        }
        if (!create) {
            return null;
        }
        synchronized (this) {
            pages = local;
            if (page < pages.length && pages[page] != null) {
                return pages[page];
            }
            // copied, never written in place: a reader holds either array whole
            pages = Arrays.copyOf(pages, Math.max(pages.length, page + 1));
            pages[page] = new AtomicLongArray(WORDS_PER_PAGE);
            local = pages;
            return pages[page];
        }
    }
}

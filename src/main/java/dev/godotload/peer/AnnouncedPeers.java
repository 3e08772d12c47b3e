package dev.godotload.peer;

import java.util.Arrays;

/**
 * The other peers the server announced to one client and has not removed: one bit per index of the
 * run's {@link PeerDirectory}. At 10,000 users that is 1.25 KB a user; the set of boxed ids it
 * replaces took about 65 bytes a peer (measured with jmap at 2,000 users: 300 MB of live heap,
 * three quarters of it these sets), 650 KB a user and 6.5 GB for the run at 10,000. Used by one
 * thread at a time, like the peer that holds it.
 */
final class AnnouncedPeers {
    private static final long[] NONE = new long[0];

    private final PeerDirectory directory;
    private long[] bits = NONE;
    private int count;

    AnnouncedPeers(PeerDirectory directory) {
        this.directory = directory;
    }

    /** ADD_PEER: false if it was announced already. */
    boolean add(int id) {
        int i = directory.indexOf(id);
        int word = i >>> 6;
        if (word >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(word + 1, bits.length + (bits.length >> 1)));
        }
        long mask = 1L << i;
        if ((bits[word] & mask) != 0) {
            return false;
        }
        bits[word] |= mask;
        count++;
        return true;
    }

    /** DEL_PEER: false if it was not announced. */
    boolean remove(int id) {
        int i = directory.indexIfKnown(id);
        if (!has(i)) {
            return false;
        }
        bits[i >>> 6] &= ~(1L << i);
        count--;
        return true;
    }

    boolean contains(int id) {
        return has(directory.indexIfKnown(id));
    }

    private boolean has(int index) {
        return index >= 0 && (index >>> 6) < bits.length && (bits[index >>> 6] & (1L << index)) != 0;
    }

    int size() {
        return count;
    }

    /** Calls {@code action} with each announced peer's id. */
    void forEach(java.util.function.IntConsumer action) {
        for (int w = 0; w < bits.length; w++) {
            for (long rest = bits[w]; rest != 0; rest &= rest - 1) {
                action.accept(directory.idAt((w << 6) + Long.numberOfTrailingZeros(rest)));
            }
        }
    }

    /** Which of these peers a message sent now reaches among the users of this injector. */
    Audience audience() {
        // the ticket first: a local peer announced before this moment connected with a ticket up to it
        long waitsFor = directory.lastTicket();
        boolean settled = directory.settledUpTo(waitsFor);
        int local = 0;
        // one run: with one injector only the few users still connecting are undecided
        int[] open = Audience.NONE;
        int n = 0;
        for (int w = 0; w < bits.length; w++) {
            long localWord = directory.localWord(w); // read once: the count and the rest must agree
            local += Long.bitCount(bits[w] & localWord);
            if (!settled) {
                for (long rest = bits[w] & ~localWord; rest != 0; rest &= rest - 1) {
                    if (n == open.length) {
                        open = Arrays.copyOf(open, Math.max(8, n * 2));
                    }
                    open[n++] = (w << 6) + Long.numberOfTrailingZeros(rest);
                }
            }
        }
        return new Audience(local, n == open.length ? open : Arrays.copyOf(open, n), waitsFor);
    }
}

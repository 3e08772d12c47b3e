package dev.godotload.peer;

/**
 * The other users of this injector that a message sent now by one peer reaches: the peers the
 * server announced to it that are local. While some user of this injector is still connecting, an
 * announced peer that is not local yet may be that user; such peers stay {@code undecided} (run
 * directory indexes) until every connection up to {@code waitsFor} has settled.
 *
 * @param local     announced peers known to be users of this injector
 * @param undecided announced peers not known to be local yet, by directory index; empty when decided
 * @param waitsFor  the last connection ticket that could still make an undecided peer local
 */
public record Audience(int local, int[] undecided, long waitsFor) {
    static final int[] NONE = new int[0];
    /** No one: a message the server sends back to its sender only. */
    public static final Audience NOBODY = new Audience(0, NONE, 0);

    public boolean decided() {
        return undecided.length == 0;
    }

    /**
     * How many of this audience are users of this injector, or -1 while that cannot be known yet.
     * With {@code last} set (every user of the run has connected or given up), never -1.
     */
    public int resolve(PeerDirectory directory, boolean last) {
        if (decided()) {
            return local;
        }
        if (!last && !directory.settledUpTo(waitsFor)) {
            return -1;
        }
        return local + directory.countLocal(undecided);
    }
}

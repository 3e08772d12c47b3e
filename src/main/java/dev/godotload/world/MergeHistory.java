package dev.godotload.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clients of a run saw of their merges: each attempt, and whether the server acknowledged
 * it ({@code edit_applied}), refused it ({@code edit_rejected}) or never answered. The input of the
 * {@link IntegrityVerdict}. Thread-safe: every virtual user records into the one history of a run.
 *
 * <p>An {@code op_id} is unique per peer (contract.md), so attempts are keyed by peer and op id. A
 * key attempted twice keeps both attempts; answers go to the oldest attempt of the key that has none.
 */
public final class MergeHistory {

    public enum Outcome {
        /** No answer (yet): the merge may or may not have been applied. */
        INDETERMINATE,
        ACKNOWLEDGED,
        REJECTED
    }

    /** One attempted merge and what came of it. */
    public record Op(int peer, long opId, int[] glued, Outcome outcome, long version, String reason) {
        public Op {
            glued = glued.clone();
        }

        @Override
        public int[] glued() {
            return glued.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Op op && op.peer == peer && op.opId == opId && Arrays.equals(op.glued, glued)
                    && op.outcome == outcome && op.version == version && java.util.Objects.equals(op.reason, reason);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(opId) * 31 + peer) * 31 + outcome.hashCode();
        }

        @Override
        public String toString() {
            return "Op[peer=" + peer + ", opId=" + opId + ", glued=" + Arrays.toString(glued) + ", " + outcome
                    + (outcome == Outcome.ACKNOWLEDGED ? " v" + version : "") + (reason == null ? "" : " (" + reason + ")") + "]";
        }
    }

    private record Key(int peer, long opId) {
    }

    private static final class Attempt {
        final int peer;
        final long opId;
        final int[] glued;
        Outcome outcome = Outcome.INDETERMINATE;
        long version;
        String reason;
        int answers;

        Attempt(int peer, long opId, int[] glued) {
            this.peer = peer;
            this.opId = opId;
            this.glued = glued.clone();
        }
    }

    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<Key, List<Attempt>> byKey = new HashMap<>();
    /** Answers for a key that was never attempted (a server bug, or a client that did not record). */
    private final List<String> strayAnswers = new ArrayList<>();
    /** Answers for an attempt that already had one. */
    private final List<String> repeatedAnswers = new ArrayList<>();

    /** Records an attempt before it is sent, so an answer can never arrive first. */
    public synchronized void attempted(int peer, long opId, int[] glued) {
        Attempt a = new Attempt(peer, opId, glued);
        attempts.add(a);
        byKey.computeIfAbsent(new Key(peer, opId), k -> new ArrayList<>(1)).add(a);
    }

    public synchronized void acknowledged(int peer, long opId, long version) {
        Attempt a = unanswered(peer, opId, "edit_applied v" + version);
        if (a != null) {
            a.outcome = Outcome.ACKNOWLEDGED;
            a.version = version;
        }
    }

    public synchronized void rejected(int peer, long opId, String reason) {
        Attempt a = unanswered(peer, opId, "edit_rejected (" + reason + ")");
        if (a != null) {
            a.outcome = Outcome.REJECTED;
            a.reason = reason;
        }
    }

    private Attempt unanswered(int peer, long opId, String answer) {
        List<Attempt> same = byKey.get(new Key(peer, opId));
        if (same == null) {
            strayAnswers.add("peer " + peer + " op " + opId + ": " + answer + " for a merge it never attempted");
            return null;
        }
        for (Attempt a : same) {
            if (a.answers == 0) {
                a.answers++;
                return a;
            }
        }
        Attempt last = same.get(same.size() - 1);
        last.answers++;
        repeatedAnswers.add("peer " + peer + " op " + opId + ": " + answer + " after it was already answered");
        return null;
    }

    /** Every attempt in the order recorded, with its outcome so far. */
    public synchronized List<Op> ops() {
        List<Op> out = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            out.add(new Op(a.peer, a.opId, a.glued, a.outcome, a.version, a.reason));
        }
        return out;
    }

    /** Answers that matched no attempt, or an attempt already answered: each a one-line description. */
    public synchronized List<String> anomalies() {
        List<String> out = new ArrayList<>(strayAnswers);
        out.addAll(repeatedAnswers);
        return out;
    }

    public synchronized int size() {
        return attempts.size();
    }
}

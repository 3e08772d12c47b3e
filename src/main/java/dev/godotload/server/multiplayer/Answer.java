package dev.godotload.server.multiplayer;

import java.util.List;

/**
 * One place in a peer's line of answers ({@link AnswerLines}), reserved when its call arrived:
 * whatever the node sends through it leaves after every answer to that peer's earlier calls,
 * however long those take (a merge waits for its commit; the refusal of its repeat does not, and
 * must not overtake it). Game loop only.
 */
public final class Answer {
    private final AnswerLines lines;
    final int peer;
    final String node;
    String method;
    List<Object> args;
    boolean settled;

    Answer(AnswerLines lines, int peer, String node) {
        this.lines = lines;
        this.peer = peer;
        this.node = node;
    }

    /** Calls {@code method} of the node on the peer, as soon as every earlier answer to it has left. */
    public void send(String method, List<Object> args) {
        settle(method, args);
    }

    /** This call gets no answer after all (the peer left, the store failed): later answers stop waiting for it. */
    public void withdraw() {
        settle(null, null);
    }

    private void settle(String m, List<Object> a) {
        if (settled) {
            throw new IllegalStateException("answer to peer " + peer + " on " + node + " settled twice");
        }
        method = m;
        args = a;
        settled = true;
        lines.settled(this);
    }
}

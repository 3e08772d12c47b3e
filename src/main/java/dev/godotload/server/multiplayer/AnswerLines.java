package dev.godotload.server.multiplayer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each peer's answers in the order its calls arrived. Godot runs a call's handler to its end before
 * it reads the next packet, so a Godot server answers one peer in call order; ours commits merges on
 * another thread, and an answer that needs no commit would otherwise overtake one that does. A peer
 * with nothing pending costs nothing: an answer ready at once goes straight out. Game loop only.
 */
final class AnswerLines {
    /** How an answer leaves: the layer's {@code rpc_id}. */
    interface Sender {
        void call(int peer, String node, String method, List<Object> args);
    }

    private final Sender sender;
    /** Only peers with an answer still pending have a line. */
    private final Map<Integer, ArrayDeque<Answer>> waiting = new HashMap<>();

    AnswerLines(Sender sender) {
        this.sender = sender;
    }

    /** The next place in {@code peer}'s line, for an answer that is not ready yet. */
    Answer reserve(int peer, String node) {
        Answer a = new Answer(this, peer, node);
        waiting.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(a);
        return a;
    }

    /** An answer ready now: sent at once unless an earlier one to the same peer is pending. */
    void answer(int peer, String node, String method, List<Object> args) {
        if (!waiting.containsKey(peer)) {
            sender.call(peer, node, method, args);
            return;
        }
        reserve(peer, node).send(method, args);
    }

    void settled(Answer a) {
        ArrayDeque<Answer> line = waiting.get(a.peer);
        if (line == null) {
            return; // the peer left: nothing to send it
        }
        while (!line.isEmpty() && line.peekFirst().settled) {
            Answer next = line.pollFirst();
            if (next.method != null) {
                sender.call(next.peer, next.node, next.method, next.args);
            }
        }
        if (line.isEmpty()) {
            waiting.remove(a.peer);
        }
    }

    /** The peer left: its pending answers will never be sent. */
    void forget(int peer) {
        waiting.remove(peer);
    }

    /** Peers with an answer pending (for tests). */
    int peersWaiting() {
        return waiting.size();
    }
}

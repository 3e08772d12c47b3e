package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One accepted RPC to a {@link ServerNode}: who called which method with what. Arguments have the
 * contract's types (Godot ints are {@code Long}).
 */
public record NodeCall(NodeHost host, int from, String node, String method, List<Object> args) {

    public NodeCall {
        // A Variant parameter may be null (Nil), which List.copyOf would refuse.
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    public long longArg(int i) {
        return ((Number) args.get(i)).longValue();
    }

    public String stringArg(int i) {
        return (String) args.get(i);
    }

    /**
     * Calls {@code method} of this node on the caller, after every earlier answer to it: a reply
     * never overtakes the answer to an earlier call that is still pending (see {@link #answerLater}).
     */
    public void reply(String method, List<Object> replyArgs) {
        host.answer(from, node, method, replyArgs);
    }

    /** The caller's answer, to be sent (or withdrawn) later, e.g. once a commit completed; it keeps its place. */
    public Answer answerLater() {
        return host.reserveAnswer(from, node);
    }
}

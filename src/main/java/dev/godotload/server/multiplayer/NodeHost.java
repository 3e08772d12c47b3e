package dev.godotload.server.multiplayer;

import java.util.List;
import java.util.Set;

/**
 * What a {@link ServerNode} may do: call RPCs on admitted peers, as a Godot server's {@code rpc_id}
 * and {@code rpc} do, with the path cache handled for it. The same for both Godot lines: a node
 * names the method and its path, the layer below lays it out as its line does.
 *
 * <p>Game loop only, except {@link #later}. The method must be in the contract for that node and the arguments of its types; anything
 * else is a programming error ({@link IllegalArgumentException}).
 */
public interface NodeHost {

    /** Calls {@code method} on {@code node} of one peer; false (and nothing sent) if it is not admitted. */
    boolean call(int peer, String node, String method, List<Object> args);

    /**
     * Reserves the next place in {@code peer}'s line of answers, for the answer to the call being
     * handled when it is not ready yet: see {@link Answer}. Answers to one peer leave in the order
     * of its calls.
     */
    Answer reserveAnswer(int peer, String node);

    /** Answers a call of {@code peer} now: sent at once unless an earlier answer to it is still pending. */
    void answer(int peer, String node, String method, List<Object> args);

    /** Calls {@code method} on every admitted peer. */
    void broadcast(String node, String method, List<Object> args);

    /** Calls {@code method} on every admitted peer but {@code peer}. */
    void broadcastExcept(int peer, String node, String method, List<Object> args);

    /**
     * The admitted peers, in the order the layer iterates them: admission order on Godot 4,
     * ascending id on Godot 3 (its {@code get_network_connected_peers()}). A live, read-only view.
     */
    Set<Integer> peers();

    ServerCounters counters();

    /**
     * Runs {@code task} on the game loop after the event being handled: the way back to the loop
     * from another thread, e.g. once a database commit completed. Thread-safe.
     */
    void later(Runnable task);
}

package dev.godotload.server.multiplayer;

import java.util.List;
import java.util.Set;

/**
 * What a {@link ServerNode} may do: call RPCs on admitted peers, as a Godot server's {@code rpc_id}
 * and {@code rpc} do, with the path cache handled for it; and on Godot 4, add and free the nodes a
 * {@code MultiplayerSpawner} replicates. The same for both Godot lines: a node names the method and
 * its path, the layer below lays it out as its line does.
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
     * Adds a node named {@code name}, an instance of scene {@code scene} of the spawner at
     * {@code spawner}, under the spawner's spawn path, and has the spawner replicate it: a SPAWN to
     * every admitted peer now and to every peer admitted later. Its synchronizers' authority is
     * {@code authority}, as a scene's {@code _enter_tree} sets it with {@code set_multiplayer_authority};
     * that peer's SYNC and DELTA for them are applied, anyone else's are refused.
     *
     * @throws IllegalArgumentException for an unknown spawner or scene, a name Godot would not keep or
     *                                  that the spawn path already has, the server as a synchronizer's
     *                                  authority, or on Godot 3, which has no spawners
     */
    void spawn(String spawner, int scene, String name, int authority);

    /**
     * Frees the node {@code name} that the spawner at {@code spawner} spawned: a DESPAWN to every peer
     * that has it. False when there is no such node.
     *
     * @throws IllegalArgumentException for an unknown spawner, or on Godot 3
     */
    boolean despawn(String spawner, String name);

    /**
     * Runs {@code task} on the game loop after the event being handled: the way back to the loop
     * from another thread, e.g. once a database commit completed. Thread-safe.
     */
    void later(Runnable task);
}

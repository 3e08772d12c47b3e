package dev.godotload.server.multiplayer;

/**
 * A node of the served scene, e.g. {@code Main/Chat}: the server hands it the RPCs that clients
 * may call on it, already checked against the contract (method, RPC mode, argument types), and
 * tells it when peers come and go. Every method runs on the game loop.
 */
public interface ServerNode {

    /** The node's path relative to the multiplayer root; it must be in the contract if it {@link #servesRpcs()}. */
    String path();

    /**
     * Whether clients call RPCs on it. The contract lists only nodes with RPCs, so a node without any,
     * such as a game's root script that only hears peers come and go, is served without an entry there
     * (and its SIMPLIFY_PATH checksum is that of a node without RPCs).
     */
    default boolean servesRpcs() {
        return true;
    }

    /** A client called one of this node's RPCs; never called on a node that does not {@link #servesRpcs()}. */
    void call(NodeCall call);

    /**
     * Called once, before any peer connects: the host to send RPCs with from outside a call
     * (e.g. once a database commit completes and the loop runs the acknowledgement).
     */
    default void attach(NodeHost host) {
    }

    /**
     * A peer was admitted, where Godot emits {@code peer_connected}: after every peer heard of the
     * other and the newcomer got the nodes already spawned.
     */
    default void peerJoined(int peer) {
    }

    /**
     * An admitted peer left, where Godot emits {@code peer_disconnected}: the others got DEL_PEER. Drop
     * whatever is kept for it.
     */
    default void peerLeft(int peer) {
    }
}

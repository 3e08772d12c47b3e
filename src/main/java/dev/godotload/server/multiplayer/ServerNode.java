package dev.godotload.server.multiplayer;

/**
 * A node of the served scene, e.g. {@code Main/Chat}: the server hands it the RPCs that clients
 * may call on it, already checked against the contract (method, RPC mode, argument types).
 * Every method runs on the game loop.
 */
public interface ServerNode {

    /** The node's path relative to the multiplayer root; it must be in the contract. */
    String path();

    /** A client called one of this node's RPCs. */
    void call(NodeCall call);

    /**
     * Called once, before any peer connects: the host to send RPCs with from outside a call
     * (e.g. once a database commit completes and the loop runs the acknowledgement).
     */
    default void attach(NodeHost host) {
    }

    /** An admitted peer left; drop whatever is kept for it. */
    default void peerLeft(int peer) {
    }
}

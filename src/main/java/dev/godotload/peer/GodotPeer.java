package dev.godotload.peer;

import java.util.List;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;

/**
 * One Godot client's protocol state: its id, the other peers the server announced, the path ids it
 * gave its nodes and which the server confirmed, and the ids the server gave its own. Pure: bytes
 * in, events and bytes out; no sockets, clocks or threads. One per virtual user, used by one thread
 * at a time. {@link #of} picks the protocol generation.
 */
public sealed interface GodotPeer permits Godot4Peer, Godot3Peer {
    /** The server is always peer 1. */
    int SERVER = 1;

    /**
     * A Godot 4 client ({@code SceneMultiplayer}) or a Godot 3 one ({@code MultiplayerAPI}), by
     * {@code version}; the users of one run share {@code directory}.
     */
    static GodotPeer of(GodotVersion version, Contract contract, PeerDirectory directory) {
        return version.isGodot3() ? new Godot3Peer(contract, directory) : new Godot4Peer(version, contract, directory);
    }

    /** A client on its own (a tool, a test). */
    static GodotPeer of(GodotVersion version, Contract contract) {
        return of(version, contract, new PeerDirectory());
    }

    GodotVersion version();

    Contract contract();

    /** This peer's id, or 0 before the server sent it. */
    int id();

    boolean hasId();

    /** How many other clients the server announced and has not yet removed (this peer and the server not counted). */
    int peerCount();

    /** Whether the server announced {@code peer} and has not removed it. */
    boolean knows(int peer);

    /** The users of this injector (sharing this peer's directory) a message this peer sends now reaches. */
    Audience audience();

    /**
     * This peer will get no id: its connection failed, timed out or was never opened. Peers of the
     * same directory stop waiting for it to decide who is local.
     */
    void abandon();

    /**
     * Takes one inbound WebSocket message.
     *
     * @throws dev.godotload.wire.WireFormatException for bytes that are not a valid message
     */
    PeerEvent receive(byte[] message);

    /**
     * The SIMPLIFY_PATH a Godot client sends before its first call on {@code nodePath}, or null
     * once it was sent. Sending it lets the server switch this peer to compact ids.
     */
    byte[] announcement(String nodePath);

    /** The paths this peer announced to the server that the server has not confirmed (yet). */
    List<String> unconfirmedPaths();

    /** Whether {@link #announcement} still has a SIMPLIFY_PATH to send for {@code nodePath}. */
    boolean needsAnnouncement(String nodePath);

    /**
     * The message that calls {@code method} on the server's node {@code nodePath}: by cached id once
     * the server confirmed the path, by full path before.
     *
     * @throws IllegalArgumentException for a node or method the contract lacks, or a wrong argument count
     */
    byte[] rpc(String nodePath, String method, List<Object> args);

    /** Authentication data for a server with an auth callback (Godot 4 only). */
    byte[] authData(byte[] data);

    /** This side completed authentication (Godot 4 only). */
    byte[] authComplete();

    /** Whether replies are owed to the other side (CONFIRM_PATH answers). */
    boolean hasReplies();

    /** The oldest reply owed, or null. */
    byte[] takeReply();
}

package dev.godotload.peer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What a Godot client keeps whatever its line: the other peers the server announced, both halves
 * of the path cache, and the replies it owes. {@link Godot4Peer} and {@link Godot3Peer} each hold
 * one and differ only in how they read and write the wire.
 */
final class ClientState {
    final SendCache sent = new SendCache();
    final Map<Integer, ReceiveCache> received = new HashMap<>();
    private final PeerDirectory directory;
    private final AnnouncedPeers peers;
    private final ArrayDeque<byte[]> replies = new ArrayDeque<>();
    /** This client's connection ticket in the directory; 0 once settled. */
    private long ticket;

    ClientState(PeerDirectory directory) {
        this.directory = directory;
        this.peers = new AnnouncedPeers(directory);
        this.ticket = directory.connecting();
    }

    /** The server gave this client its id: it is a user of this injector. */
    void assigned(int id) {
        if (ticket != 0) {
            directory.connected(ticket, id);
            ticket = 0;
        }
    }

    /** This client will get no id. */
    void abandon() {
        if (ticket != 0) {
            directory.gaveUp(ticket);
            ticket = 0;
        }
    }

    Audience audience() {
        return peers.audience();
    }

    /** ADD_PEER (Godot 4) or SYS_ADD (Godot 3) of another client. */
    void joined(int peer) {
        peers.add(peer);
    }

    /** DEL_PEER or SYS_DEL: the peer and everything cached for it are forgotten. */
    void left(int peer) {
        peers.remove(peer);
        received.remove(peer);
        sent.forget(peer);
    }

    /** Calls {@code action} with each other client the server announced. */
    void forEachPeer(java.util.function.IntConsumer action) {
        peers.forEach(action);
    }

    boolean knows(int peer) {
        return peers.contains(peer);
    }

    int peerCount() {
        return peers.size();
    }

    /** The path ids {@code peer} gave its nodes, created on its first SIMPLIFY_PATH. */
    /** The one copy of {@code path} the users of this run share. */
    String intern(String path) {
        return directory.intern(path);
    }

    ReceiveCache receivedFrom(int peer) {
        return received.computeIfAbsent(peer, f -> new ReceiveCache());
    }

    void owe(byte[] reply) {
        replies.add(reply);
    }

    boolean owesReplies() {
        return !replies.isEmpty();
    }

    /** The oldest reply owed, or null. */
    byte[] nextReply() {
        return replies.poll();
    }
}

package dev.godotload.server.multiplayer;

import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;

/**
 * What the SceneMultiplayer layer has done since it started, for the Stats node and for tests.
 * Written and read on the game loop only (no synchronisation: the loop is single-threaded).
 */
public final class ServerCounters {

    /**
     * Packet kinds, by their outer command (a RELAY counts as RELAY); DELTA is the SYNC command with
     * its delta flag. Godot 3 messages count by what the peer header carries: REMOTE_CALL as RPC,
     * SYS_ID as PEER_ID; a message the server only forwards counts as RELAY.
     */
    public enum Kind {
        RPC, SIMPLIFY_PATH, CONFIRM_PATH, RAW, SPAWN, DESPAWN, SYNC, DELTA, AUTH, ADD_PEER, DEL_PEER, RELAY, REMOTE_SET,
        PEER_ID;

        static Kind of(Packet p) {
            if (p instanceof Routed r) {
                return of(r.packet());
            }
            if (p instanceof Rpc || p instanceof RemoteCall) {
                return RPC;
            }
            if (p instanceof RemoteSet) {
                return REMOTE_SET;
            }
            if (p instanceof PeerId) {
                return PEER_ID;
            }
            if (p instanceof SimplifyPath) {
                return SIMPLIFY_PATH;
            }
            if (p instanceof ConfirmPath) {
                return CONFIRM_PATH;
            }
            if (p instanceof Raw) {
                return RAW;
            }
            if (p instanceof Auth) {
                return AUTH;
            }
            if (p instanceof AddPeer) {
                return ADD_PEER;
            }
            if (p instanceof DelPeer) {
                return DEL_PEER;
            }
            if (p instanceof Relay) {
                return RELAY;
            }
            if (p instanceof Spawn) {
                return SPAWN;
            }
            if (p instanceof Despawn) {
                return DESPAWN;
            }
            if (p instanceof Sync) {
                return SYNC;
            }
            if (p instanceof Delta) {
                return DELTA;
            }
            throw new IllegalStateException("no kind for " + p);
        }
    }

    private final long[] inByKind = new long[Kind.values().length];
    private final long[] outByKind = new long[Kind.values().length];
    private long packetsIn;
    private long bytesIn;
    private long packetsOut;
    private long bytesOut;
    private long sendsDropped;
    private long encoded;
    private long malformed;
    private long refused;
    private long callsDispatched;
    private long callsRejected;
    private long syncStatesApplied;
    private long syncStatesRejected;

    void recordReceived(int bytes) {
        packetsIn++;
        bytesIn += bytes;
    }

    void recordDecoded(Kind kind) {
        inByKind[kind.ordinal()]++;
    }

    void recordSent(Kind kind, int bytes) {
        outByKind[kind.ordinal()]++;
        packetsOut++;
        bytesOut += bytes;
    }

    void recordDropped() {
        sendsDropped++;
    }

    void recordEncoded() {
        encoded++;
    }

    void recordMalformed() {
        malformed++;
    }

    void recordRefused() {
        refused++;
    }

    void recordDispatched() {
        callsDispatched++;
    }

    void recordRejected() {
        callsRejected++;
    }

    void recordSyncApplied() {
        syncStatesApplied++;
    }

    void recordSyncRejected() {
        syncStatesRejected++;
    }

    /** Every message received from a peer, well-formed or not. */
    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** Well-formed messages received, by kind. */
    public long packetsIn(Kind kind) {
        return inByKind[kind.ordinal()];
    }

    /** Messages handed to the transport, one per target. */
    public long packetsOut() {
        return packetsOut;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long packetsOut(Kind kind) {
        return outByKind[kind.ordinal()];
    }

    /** Messages the transport refused (its outbound queue was full, or the peer was closing). */
    public long sendsDropped() {
        return sendsDropped;
    }

    /**
     * Packets encoded. A fan-out encodes each distinct packet once, so under load this grows far
     * slower than {@link #packetsOut()}.
     */
    public long packetsEncoded() {
        return encoded;
    }

    /** Messages that were not valid Godot packets (ignored, as Godot does). */
    public long malformed() {
        return malformed;
    }

    /**
     * Well-formed messages the peer layer refused before routing them (Godot 3: a header type only
     * the server sends, a {@code from} that is not the sender's id, a message addressed to its sender).
     */
    public long refused() {
        return refused;
    }

    /** RPCs handed to a node. */
    public long callsDispatched() {
        return callsDispatched;
    }

    /**
     * RPCs refused before reaching a node: unknown node or cache id, unknown method, an RPC mode that
     * does not allow the caller, or arguments of the wrong types.
     */
    public long callsRejected() {
        return callsRejected;
    }

    /**
     * Synchronizer states (one per synchronizer in a SYNC or DELTA) applied to the server's copy of a
     * spawned node. A state older than the last one applied is skipped, as Godot skips it, and counts
     * nowhere.
     */
    public long syncStatesApplied() {
        return syncStatesApplied;
    }

    /**
     * Synchronizer states refused and logged: from a peer that is not the synchronizer's authority,
     * for no synchronizer the sender may name, or with fewer values than its config replicates.
     */
    public long syncStatesRejected() {
        return syncStatesRejected;
    }
}

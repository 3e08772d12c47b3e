package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.peer.SendCache;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/**
 * The server's outbound RPCs as Godot 3's {@code MultiplayerAPI::_send_rpc} sends them
 * (core/io/multiplayer_api.cpp 3.x), for {@code rpc_id(to, …)}: {@code to} 0 is everyone, {@code -N}
 * everyone but N, {@code N} one peer.
 * <ol>
 * <li>{@code _send_confirm_path}: a SIMPLIFY_PATH ({@code to} = that peer) to every target never sent
 * the path; each is then "sent, not confirmed".</li>
 * <li>Every target confirmed: ONE message with the cached id and the original {@code to}, which the
 * server's {@code _server_relay} writes to each target unchanged.</li>
 * <li>Otherwise one message per target, {@code to} = that target: the cached id where it confirmed,
 * else {@code 0x80000000|offset} with the path appended.</li>
 * </ol>
 * Targets go in ascending id order, as Godot iterates {@code connected_peers}. The path ids start at
 * 1 and outlive the peers ({@code last_send_cache_id}); a departed peer's confirmations go
 * ({@code _del_peer}).
 */
final class Godot3RpcSender {
    private final Contract contract;
    private final Godot3Outbox outbox;
    private final SendCache cache = new SendCache();

    Godot3RpcSender(Contract contract, Godot3Outbox outbox) {
        this.contract = contract;
        this.outbox = outbox;
    }

    /** The server's half of the path cache, for CONFIRM_PATH and departures. */
    SendCache cache() {
        return cache;
    }

    /**
     * Calls {@code method} of {@code path} on the {@code peers} that {@code to} selects; {@code peers}
     * holds every connected peer by id, and {@code to} is 0 or one of them (negated or not).
     *
     * @throws IllegalArgumentException for a node or method the contract lacks, or arguments of the wrong types
     */
    void send(String path, String method, List<Object> args, NavigableMap<Integer, PeerState> peers, int to) {
        NodeSpec node = contract.node(path);
        String error = node.rpc(method).argumentError(args);
        if (error != null) {
            throw new IllegalArgumentException("the server called " + path + "." + error);
        }
        List<PeerState> targets = targets(peers, to);
        int id = cache.id(path); // Godot gives the path its id on first use, even with nobody to send to
        if (targets.isEmpty()) {
            return; // Godot encodes the call and _server_relay writes it to nobody
        }
        boolean allConfirmed = announce(path, id, targets);
        if (allConfirmed) {
            outbox.writeAll(outbox.encode(to, new RemoteCall(NodeRef.cached(id), method, args)),
                    ServerCounters.Kind.RPC, targets);
            return;
        }
        sendPerPeer(path, id, method, args, targets);
    }

    /** The peers {@code to} selects, in id order, as {@code _send_confirm_path} and the per-peer loop skip the rest. */
    private static List<PeerState> targets(NavigableMap<Integer, PeerState> peers, int to) {
        if (to > 0) {
            PeerState one = peers.get(to);
            return one == null ? List.of() : List.of(one);
        }
        List<PeerState> targets = new ArrayList<>(peers.size());
        for (PeerState p : peers.values()) {
            if (p.id != -to) {
                targets.add(p);
            }
        }
        return targets;
    }

    /** {@code _send_confirm_path}: SIMPLIFY_PATH where it was never sent; true when every target confirmed. */
    private boolean announce(String path, int id, List<PeerState> targets) {
        boolean allConfirmed = true;
        ByteBuf simplify = null;
        try {
            for (PeerState t : targets) {
                if (cache.markAnnounced(t.id, path)) {
                    if (simplify == null) {
                        simplify = outbox.body(SimplifyPath.godot3(id, path));
                    }
                    outbox.writeToPeer(simplify, ServerCounters.Kind.SIMPLIFY_PATH, t);
                }
                allConfirmed &= cache.isConfirmed(t.id, path);
            }
        } finally {
            if (simplify != null) {
                simplify.release();
            }
        }
        return allConfirmed;
    }

    private void sendPerPeer(String path, int id, String method, List<Object> args, List<PeerState> targets) {
        ByteBuf byId = null;
        ByteBuf byPath = null;
        try {
            for (PeerState t : targets) {
                if (cache.isConfirmed(t.id, path)) {
                    if (byId == null) {
                        byId = outbox.body(new RemoteCall(NodeRef.cached(id), method, args));
                    }
                    outbox.writeToPeer(byId, ServerCounters.Kind.RPC, t);
                } else {
                    if (byPath == null) {
                        byPath = outbox.body(new RemoteCall(NodeRef.path(path), method, args));
                    }
                    outbox.writeToPeer(byPath, ServerCounters.Kind.RPC, t);
                }
            }
        } finally {
            if (byId != null) {
                byId.release();
            }
            if (byPath != null) {
                byPath.release();
            }
        }
    }
}

package dev.godotload.server.multiplayer;

import java.util.List;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.peer.SendCache;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.RpcLayout;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/**
 * The server's outbound RPCs, laid out as Godot's {@code SceneRPCInterface::_send_rpc} lays them
 * out: a SIMPLIFY_PATH to every target not yet told about the node, then either the compact cached
 * id (every target confirmed), or the 4-byte node field: the path offset with the path appended for
 * targets that have not confirmed, the plain id for those that have. Each distinct packet of a call
 * is encoded once, whatever the number of targets.
 *
 * <p>The cache ids live as long as the server: Godot assigns a node its id on first use and keeps
 * it while the node exists, whoever connects or leaves.
 */
final class RpcSender {
    private final Contract contract;
    private final Outbox outbox;
    private final SendCache cache = new SendCache();

    RpcSender(Contract contract, Outbox outbox) {
        this.contract = contract;
        this.outbox = outbox;
    }

    /** The server's half of the path cache, for CONFIRM_PATH and departures. */
    SendCache cache() {
        return cache;
    }

    /**
     * Calls {@code method} of {@code path} on every target but {@code except} (0: none).
     *
     * @throws IllegalArgumentException for a node or method the contract lacks, or arguments of the wrong types
     */
    void send(String path, String method, List<Object> args, Iterable<PeerState> targets, int except) {
        NodeSpec node = contract.node(path);
        int methodId = node.methodId(method);
        String error = node.rpc(methodId).argumentError(args);
        if (error != null) {
            throw new IllegalArgumentException("the server called " + path + "." + error);
        }
        int id = cache.id(path);
        boolean any = false;
        boolean allConfirmed = true;
        ByteBuf simplify = null;
        try {
            for (PeerState t : targets) {
                if (t.id == except) {
                    continue;
                }
                any = true;
                if (cache.markAnnounced(t.id, path)) {
                    if (simplify == null) {
                        simplify = outbox.encode(new SimplifyPath(id, path, node.methodsMd5()));
                    }
                    outbox.write(simplify, ServerCounters.Kind.SIMPLIFY_PATH, t);
                }
                allConfirmed &= cache.isConfirmed(t.id, path);
            }
        } finally {
            if (simplify != null) {
                simplify.release();
            }
        }
        if (!any) {
            return;
        }
        if (allConfirmed) {
            outbox.writeAll(outbox.encode(Rpc.of(NodeRef.cached(id), methodId, args)), ServerCounters.Kind.RPC,
                    targets, except);
            return;
        }
        sendMixed(path, id, methodId, args, targets, except);
    }

    /** Not every target confirmed: Godot's 4-byte node field, path appended only where needed. */
    private void sendMixed(String path, int id, int methodId, List<Object> args, Iterable<PeerState> targets,
            int except) {
        ByteBuf fullPath = null;
        ByteBuf plainId = null;
        try {
            for (PeerState t : targets) {
                if (t.id == except) {
                    continue;
                }
                if (cache.isConfirmed(t.id, path)) {
                    if (plainId == null) {
                        plainId = outbox.encode(fourByteId(id, methodId, args));
                    }
                    outbox.write(plainId, ServerCounters.Kind.RPC, t);
                } else {
                    if (fullPath == null) {
                        fullPath = outbox.encode(Rpc.of(NodeRef.path(path), methodId, args));
                    }
                    outbox.write(fullPath, ServerCounters.Kind.RPC, t);
                }
            }
        } finally {
            if (fullPath != null) {
                fullPath.release();
            }
            if (plainId != null) {
                plainId.release();
            }
        }
    }

    private static Rpc fourByteId(int id, int methodId, List<Object> args) {
        NodeRef node = NodeRef.cached(id);
        RpcLayout compact = RpcLayout.canonical(node, methodId, args);
        return new Rpc(node, methodId, args, new RpcLayout(4, compact.methodIdBytes(), compact.byteOnlyOrNoArgs()));
    }
}

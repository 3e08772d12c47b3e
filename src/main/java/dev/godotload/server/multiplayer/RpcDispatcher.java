package dev.godotload.server.multiplayer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;

/**
 * Inbound RPCs, checked as Godot's {@code SceneRPCInterface::process_rpc} checks them: the node
 * (full path, or the caller's own cache id), the method id, the RPC mode with the server (peer 1)
 * as every node's authority, then the argument types, which the contract's typed GDScript
 * parameters would refuse. A refused call is logged in one line and dropped; the caller stays.
 */
final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);
    /** Godot's default multiplayer authority: the server. */
    private static final int AUTHORITY = 1;

    private final Contract contract;
    private final NodeRegistry nodes;
    private final NodeHost host;
    private final ServerCounters counters;

    RpcDispatcher(Contract contract, NodeRegistry nodes, NodeHost host, ServerCounters counters) {
        this.contract = contract;
        this.nodes = nodes;
        this.host = host;
        this.counters = counters;
    }

    void dispatch(PeerState from, Rpc rpc) {
        String path;
        if (rpc.node() instanceof NodeRef.Path p) {
            path = p.path();
        } else {
            int cacheId = ((NodeRef.Cached) rpc.node()).id();
            path = from.paths.path(cacheId);
            if (path == null) {
                reject("peer {} called an RPC on cache ID {}, which it never announced", from.id, cacheId);
                return;
            }
        }
        ServerNode node = nodes.node(path);
        if (node == null) {
            reject("peer {} called an RPC on node {}, which this server does not serve", from.id, path);
            return;
        }
        NodeSpec spec = contract.node(path);
        RpcSpec method = spec.rpc(rpc.methodId());
        if (method == null) {
            reject("peer {} called method ID {} on node {}, which has only {}", from.id, rpc.methodId(), path,
                    spec.names());
            return;
        }
        if (!method.mode().allows(from.id, AUTHORITY)) {
            reject("peer {} may not call RPC '{}' on node {}: mode is \"{}\", authority is {}", from.id,
                    method.name(), path, method.mode().keyword(), AUTHORITY);
            return;
        }
        String error = method.argumentError(rpc.args());
        if (error != null) {
            reject("peer {} called {}.{}", from.id, path, error);
            return;
        }
        counters.recordDispatched();
        try {
            node.call(new NodeCall(host, from.id, path, method.name(), rpc.args()));
        } catch (RuntimeException e) {
            // A bug in a node, not the peer's doing: worth a stack trace, and the loop carries on.
            LOG.error("{}.{} failed on a call from peer {}", path, method.name(), from.id, e);
        }
    }

    private void reject(String format, Object... args) {
        counters.recordRejected();
        LOG.warn(format, args);
    }
}

package dev.godotload.server.multiplayer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;

/**
 * Inbound REMOTE_CALL and REMOTE_SET, checked in the order Godot 3's {@code MultiplayerAPI} checks
 * them (core/io/multiplayer_api.cpp 3.x): the node ({@code _process_get_node}: the full path, or an
 * id the caller announced), then the method's RPC mode by name ({@code _can_call_mode}, the server
 * being every node's network master), then what the typed GDScript method would refuse (argument
 * count and types). A refused call is logged in one line and dropped; the caller stays connected.
 */
final class Godot3RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Godot3RpcDispatcher.class);
    /** The network master of every node: the server ({@code Node.get_network_master()} defaults to 1). */
    private static final int MASTER = Godot3Outbox.SERVER;
    /** This side is the server, so it is the master of every node it serves. */
    private static final boolean IS_MASTER = true;

    private final Contract contract;
    private final NodeRegistry nodes;
    private final NodeHost host;
    private final ServerCounters counters;

    Godot3RpcDispatcher(Contract contract, NodeRegistry nodes, NodeHost host, ServerCounters counters) {
        this.contract = contract;
        this.nodes = nodes;
        this.host = host;
        this.counters = counters;
    }

    void call(PeerState from, RemoteCall call) {
        String path = nodePath(from, call.node());
        if (path == null) {
            return;
        }
        RpcSpec method = method(path, call.method());
        Godot3RpcMode mode = method == null ? Godot3RpcMode.DISABLED : Godot3RpcMode.of(method.mode());
        if (!mode.canCall(IS_MASTER, from.id, MASTER)) {
            reject("peer {}: RPC '{}' is not allowed on node {}: mode is {} ({}), master is {}", from.id,
                    call.method(), path, mode.engineValue(), mode.keyword(), MASTER);
            return;
        }
        String error = method.argumentError(call.args());
        if (error != null) {
            reject("peer {} called {}.{}", from.id, path, error);
            return;
        }
        counters.recordDispatched();
        try {
            nodes.node(path).call(new NodeCall(host, from.id, path, method.name(), call.args()));
        } catch (RuntimeException e) {
            // A bug in a node, not the peer's doing: worth a stack trace, and the loop carries on.
            LOG.error("{}.{} failed on a call from peer {}", path, method.name(), from.id, e);
        }
    }

    /** The contract's nodes have RPCs and no {@code remote var}: every property's rset mode is disabled. */
    void set(PeerState from, RemoteSet set) {
        String path = nodePath(from, set.node());
        if (path != null) {
            reject("peer {}: RSET '{}' is not allowed on node {}: mode is {} ({}), master is {}", from.id,
                    set.property(), path, Godot3RpcMode.DISABLED.engineValue(), Godot3RpcMode.DISABLED.keyword(),
                    MASTER);
        }
    }

    /** {@code _process_get_node}: the served node's path, or null (logged) when there is none. */
    private String nodePath(PeerState from, NodeRef ref) {
        String path;
        if (ref instanceof NodeRef.Path p) {
            path = p.path();
        } else {
            int cacheId = ((NodeRef.Cached) ref).id();
            path = from.paths.path(cacheId);
            if (path == null) {
                reject("peer {} named cache ID {}, which it never announced", from.id, cacheId);
                return null;
            }
        }
        if (nodes.node(path) == null) {
            reject("peer {} called node {}, which this server does not serve", from.id, path);
            return null;
        }
        return path;
    }

    /** The RPC {@code name} of the node at {@code path}, or null: a Godot 3 script method without an rpc mode. */
    private RpcSpec method(String path, String name) {
        NodeSpec spec = contract.node(path); // a served node is in the contract (NodeRegistry)
        for (RpcSpec r : spec.rpcs()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private void reject(String format, Object... args) {
        counters.recordRejected();
        LOG.warn(format, args);
    }
}

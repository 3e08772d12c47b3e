package dev.godotload.peer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;

/**
 * What a Godot client checks before it runs an RPC: the node (by path, or by the id its sender
 * announced), the method, the RPC mode with the server as authority, the argument types. Godot 3
 * and Godot 4 check the same; only how the method is named differs (name or id).
 */
final class InboundRpc {
    private InboundRpc() {
    }

    /**
     * @param method     finds the called method on the node, or null
     * @param methodText how an unknown method is named in the reason, e.g. {@code method id 3}
     */
    static PeerEvent accept(Contract contract, Map<Integer, ReceiveCache> received, int from, Packet packet, NodeRef target,
            Function<NodeSpec, RpcSpec> method, String methodText, List<Object> args) {
        String path;
        if (target instanceof NodeRef.Path p) {
            path = p.path();
        } else {
            int cacheId = ((NodeRef.Cached) target).id();
            ReceiveCache cache = received.get(from);
            path = cache == null ? null : cache.path(cacheId);
            if (path == null) {
                return new PeerEvent.Ignored(from, packet, "unknown node cache id " + cacheId + " from peer " + from);
            }
        }
        NodeSpec node = contract.nodeOrNull(path);
        if (node == null) {
            return new PeerEvent.Ignored(from, packet, "RPC on node " + path + ", which the contract lacks");
        }
        RpcSpec spec = method.apply(node);
        if (spec == null) {
            return new PeerEvent.Ignored(from, packet, path + " has no " + methodText);
        }
        // A client is not its nodes' authority: Godot accepts a server call of any mode but DISABLED.
        if (!spec.mode().allows(from, GodotPeer.SERVER)) {
            return new PeerEvent.Ignored(from, packet, path + "." + spec.name() + " may not be called by peer " + from);
        }
        String error = spec.argumentError(args);
        if (error != null) {
            return new PeerEvent.Ignored(from, packet, path + "." + error);
        }
        return new PeerEvent.RpcReceived(from, path, spec.name(), args);
    }
}

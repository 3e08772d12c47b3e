package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;

/**
 * The nodes a server serves, by path. Each that serves RPCs must be in the contract, so the method
 * ids and checksums clients derive from the same contract point at methods that exist here; one
 * that serves none must not have RPCs there.
 */
public final class NodeRegistry {
    private final Map<String, ServerNode> byPath = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException in one line, for an RPC node the contract lacks, a node without
     *                                  RPCs that the contract gives some, or a path served twice
     */
    public NodeRegistry(Contract contract, List<? extends ServerNode> nodes) {
        for (ServerNode n : nodes) {
            String path = n.path();
            NodeSpec spec = contract.nodeOrNull(path);
            if (!n.servesRpcs() && spec != null && !spec.rpcs().isEmpty()) {
                throw new IllegalArgumentException("server node " + path + " (" + n.getClass().getSimpleName()
                        + ") serves no RPCs, but the contract gives it " + spec.names());
            }
            if (n.servesRpcs() && spec == null) {
                List<String> known = new ArrayList<>();
                for (NodeSpec s : contract.nodes()) {
                    known.add(s.path());
                }
                throw new IllegalArgumentException("server node " + path + " (" + n.getClass().getSimpleName()
                        + ") is not in the contract, which has " + known);
            }
            ServerNode previous = byPath.put(path, n);
            if (previous != null) {
                throw new IllegalArgumentException("node " + path + " is served twice: by "
                        + previous.getClass().getSimpleName() + " and " + n.getClass().getSimpleName());
            }
        }
    }

    /** The node at {@code path} that serves RPCs, or null. */
    public ServerNode node(String path) {
        ServerNode n = byPath.get(path);
        return n != null && n.servesRpcs() ? n : null;
    }

    /** Whether a node is served at {@code path}, with RPCs or without. */
    public boolean serves(String path) {
        return byPath.containsKey(path);
    }

    public Collection<ServerNode> nodes() {
        return Collections.unmodifiableCollection(byPath.values());
    }
}

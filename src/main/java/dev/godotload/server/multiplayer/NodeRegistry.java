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
 * The nodes a server serves, by path. Each must be in the contract, so the method ids and checksums
 * clients derive from the same contract point at methods that exist here.
 */
public final class NodeRegistry {
    private final Map<String, ServerNode> byPath = new LinkedHashMap<>();

    /** @throws IllegalArgumentException in one line, for a node the contract lacks or a path served twice */
    public NodeRegistry(Contract contract, List<? extends ServerNode> nodes) {
        for (ServerNode n : nodes) {
            String path = n.path();
            if (contract.nodeOrNull(path) == null) {
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

    /** The node served at {@code path}, or null. */
    public ServerNode node(String path) {
        return byPath.get(path);
    }

    public Collection<ServerNode> nodes() {
        return Collections.unmodifiableCollection(byPath.values());
    }
}

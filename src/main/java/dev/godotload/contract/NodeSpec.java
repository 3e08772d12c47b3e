package dev.godotload.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.godotload.wire.packet.RpcChecksum;

/**
 * A node of the scene tree that has RPCs, addressed by its path relative to the multiplayer root
 * ({@code Main/Chat}). The method id of an RPC is its index in the code-point-sorted list of the
 * node's RPC names (godot4.md §5.3), so both sides derive the same ids from the same names.
 */
public final class NodeSpec {
    private final String path;
    private final List<RpcSpec> rpcs;
    private final Map<String, Integer> idByName = new HashMap<>();
    private final String methodsMd5;

    public NodeSpec(String path, List<RpcSpec> rpcs) {
        this.path = Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("node path '" + path
                    + "' must be relative to the multiplayer root, e.g. Main/Chat");
        }
        Map<String, RpcSpec> byName = new HashMap<>();
        for (RpcSpec rpc : rpcs) {
            if (byName.put(rpc.name(), rpc) != null) {
                throw new IllegalArgumentException(path + " lists RPC '" + rpc.name() + "' twice");
            }
        }
        List<String> sorted = RpcChecksum.sortedNames(new ArrayList<>(byName.keySet()));
        List<RpcSpec> ordered = new ArrayList<>();
        for (String name : sorted) {
            idByName.put(name, ordered.size());
            ordered.add(byName.get(name));
        }
        this.rpcs = Collections.unmodifiableList(ordered);
        this.methodsMd5 = RpcChecksum.md5(sorted);
    }

    public String path() {
        return path;
    }

    /** The RPCs in method-id order. */
    public List<RpcSpec> rpcs() {
        return rpcs;
    }

    /** The method id of {@code name}. @throws IllegalArgumentException naming the node's RPCs */
    public int methodId(String name) {
        Integer id = idByName.get(name);
        if (id == null) {
            throw new IllegalArgumentException(path + " has no RPC '" + name + "'; its RPCs are " + names());
        }
        return id;
    }

    /** The RPC with method id {@code id}, or null. */
    public RpcSpec rpc(int id) {
        return id >= 0 && id < rpcs.size() ? rpcs.get(id) : null;
    }

    public RpcSpec rpc(String name) {
        return rpcs.get(methodId(name));
    }

    /** The checksum a SIMPLIFY_PATH for this node carries. */
    public String methodsMd5() {
        return methodsMd5;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (RpcSpec r : rpcs) {
            names.add(r.name());
        }
        return names;
    }

    @Override
    public String toString() {
        return path + names();
    }
}

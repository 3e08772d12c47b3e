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
 *
 * <p>One segment of the path may be {@value #PEER}: a node named after a peer's id, as games name
 * a player's node ({@code Main/Players/{peer}} stands for {@code Main/Players/1},
 * {@code Main/Players/1839276400}, ...).
 */
public final class NodeSpec {
    /** The path segment that stands for a peer's id. */
    public static final String PEER = "{peer}";

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
        checkPeerSegment(path);
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

    /** Whether the path has a {@value #PEER} segment. */
    public boolean hasPeerSegment() {
        return List.of(path.split("/", -1)).contains(PEER);
    }

    /**
     * Whether this node is at {@code concretePath}: the same path, or, for a path with a {@value #PEER}
     * segment, the same path with a peer id ({@code 1} to {@code 2^31-1}, as Godot writes it) in its place.
     */
    public boolean isAt(String concretePath) {
        return path.equals(concretePath) || peerIdAt(path, concretePath) != 0;
    }

    /**
     * The peer id that fills the {@value #PEER} segment of {@code pattern} in {@code concretePath}
     * ({@code Main/Players/{peer}/Sync} and {@code Main/Players/42/Sync} give 42), or 0 when the pattern has
     * no such segment or the path does not match it.
     */
    public static int peerIdAt(String pattern, String concretePath) {
        String[] mine = pattern.split("/", -1);
        String[] theirs = concretePath.split("/", -1);
        if (mine.length != theirs.length) {
            return 0;
        }
        int id = 0;
        for (int i = 0; i < mine.length; i++) {
            if (mine[i].equals(PEER)) {
                if (!isPeerName(theirs[i])) {
                    return 0;
                }
                id = Integer.parseInt(theirs[i]);
            } else if (!mine[i].equals(theirs[i])) {
                return 0;
            }
        }
        return id;
    }

    /** A peer id as Godot names a node after it: {@code str(id)}, 1 (the server) to 2^31-1. */
    static boolean isPeerName(String segment) {
        if (segment.isEmpty() || segment.length() > 10 || segment.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(segment) <= Integer.MAX_VALUE;
    }

    private static void checkPeerSegment(String path) {
        int peers = 0;
        for (String segment : path.split("/", -1)) {
            if (segment.equals(PEER)) {
                peers++;
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("node path '" + path + "': '" + segment
                        + "' is not a placeholder; the only one is a whole " + PEER + " segment");
            }
        }
        if (peers > 1) {
            throw new IllegalArgumentException("node path '" + path + "' has " + peers + " " + PEER
                    + " segments; a path may have one");
        }
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

    /** Same path and the same RPCs (in any order they were listed). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSpec n && path.equals(n.path) && rpcs.equals(n.rpcs);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + rpcs.hashCode();
    }

    @Override
    public String toString() {
        return path + names();
    }
}

package dev.godotload.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The game a load test drives: node paths and their RPCs, and optionally its replication (spawners and
 * synchronizers), read from a JSON description that the user owns. The reference server's node tables
 * and the load-test users' method ids come from the same description, so they cannot drift. Format
 * (the whole of it, with replication: {@code docs/contract.md}):
 *
 * <pre>{@code
 * {"description": "...",
 *  "nodes": [
 *   {"path": "Main/Chat", "rpcs": [
 *     {"name": "send_message", "mode": "any_peer", "args": ["String", "int", "int"]},
 *     {"name": "receive_message", "mode": "authority", "args": ["int", "String", "int", "int"]}]}]}
 * }</pre>
 *
 * Argument types are Godot 4 type names ({@code Variant} for an untyped parameter); RPCs may be
 * listed in any order, method ids come from sorting their names.
 */
public final class Contract {
    /** The description bundled with godot-load: the stress-target game of {@code contract.md}. */
    public static final String DEFAULT_RESOURCE = "godot-contract.json";

    private final String description;
    private final Map<String, NodeSpec> nodes;
    private final Map<String, SpawnerSpec> spawners;
    private final Map<String, SynchronizerSpec> synchronizers;
    private final String location;
    /** The two lists as read, once: a client resolves a synchronizer against them for every state it receives. */
    private final List<SpawnerSpec> spawnerList;
    private final List<SynchronizerSpec> synchronizerList;

    /** A description made in code. */
    public Contract(List<NodeSpec> nodes) {
        this("", nodes, List.of(), List.of());
    }

    /** A description made in code, with its replication. */
    public Contract(String description, List<NodeSpec> nodes, List<SpawnerSpec> spawners,
                    List<SynchronizerSpec> synchronizers) {
        this(description, nodes, spawners, synchronizers, "a contract built in code");
    }

    private Contract(String description, List<NodeSpec> nodes, List<SpawnerSpec> spawners,
                     List<SynchronizerSpec> synchronizers, String location) {
        this.description = Objects.requireNonNull(description, "description");
        this.location = location;
        this.nodes = byPath(nodes, NodeSpec::path, "node");
        this.spawners = byPath(spawners, SpawnerSpec::path, "spawner");
        this.synchronizers = byPath(synchronizers, SynchronizerSpec::path, "synchronizer");
        this.spawnerList = List.copyOf(this.spawners.values());
        this.synchronizerList = List.copyOf(this.synchronizers.values());
    }

    private static <T> Map<String, T> byPath(List<T> items, Function<T, String> path, String kind) {
        Map<String, T> byPath = new LinkedHashMap<>();
        for (T item : items) {
            if (byPath.put(path.apply(item), item) != null) {
                throw new IllegalArgumentException(kind + " " + path.apply(item) + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(byPath);
    }

    /** The same contract with another description (the rest is shared: it is immutable). */
    public Contract withDescription(String text) {
        return new Contract(text, nodes(), spawners(), synchronizers(), location);
    }

    /** What the file says it describes; empty when it says nothing. */
    public String description() {
        return description;
    }

    /**
     * The node at {@code path}: the node listed with that path, else the one whose {@code {peer}}
     * segment a peer id fills ({@code Main/Players/42} finds {@code Main/Players/{peer}}).
     *
     * @throws IllegalArgumentException naming the known nodes
     */
    public NodeSpec node(String path) {
        NodeSpec n = nodeOrNull(path);
        if (n == null) {
            throw new IllegalArgumentException("the contract has no node '" + path + "'; it has " + nodes.keySet());
        }
        return n;
    }

    /** Where this description was read from (a file or classpath resource), for messages. */
    public String location() {
        return location;
    }

    /** The node at {@code path} as {@link #node} finds it, or null. */
    public NodeSpec nodeOrNull(String path) {
        NodeSpec n = nodes.get(path);
        if (n != null) {
            return n;
        }
        for (NodeSpec candidate : nodes.values()) {
            if (candidate.isAt(path)) {
                return candidate;
            }
        }
        return null;
    }

    public List<NodeSpec> nodes() {
        return new ArrayList<>(nodes.values());
    }

    /** The {@code MultiplayerSpawner}s of the main scene, in scene order (unmodifiable). */
    public List<SpawnerSpec> spawners() {
        return spawnerList;
    }

    /** The spawner at {@code path}, or null. */
    public SpawnerSpec spawnerOrNull(String path) {
        return spawners.get(path);
    }

    /** The spawner at {@code path}. @throws IllegalArgumentException naming the known spawners */
    public SpawnerSpec spawner(String path) {
        SpawnerSpec s = spawners.get(path);
        if (s == null) {
            throw new IllegalArgumentException("the contract has no spawner '" + path + "'; it has " + spawners.keySet());
        }
        return s;
    }

    /** The {@code MultiplayerSynchronizer}s of the main scene itself (those of spawnable scenes are in their scene; unmodifiable). */
    public List<SynchronizerSpec> synchronizers() {
        return synchronizerList;
    }

    /** The main scene's synchronizer at {@code path}, or null. */
    public SynchronizerSpec synchronizerOrNull(String path) {
        return synchronizers.get(path);
    }

    /** The main scene's synchronizer at {@code path}. @throws IllegalArgumentException naming the known ones */
    public SynchronizerSpec synchronizer(String path) {
        SynchronizerSpec s = synchronizers.get(path);
        if (s == null) {
            throw new IllegalArgumentException("the contract has no synchronizer '" + path + "'; it has "
                    + synchronizers.keySet());
        }
        return s;
    }

    /**
     * The description as JSON, in the format {@link #load} reads: fields in a fixed order, two-space
     * indents (an RPC's argument types on one line), a final newline; {@code spawners} and
     * {@code synchronizers} only when there are some.
     */
    public String toJson() {
        return ContractJson.write(this);
    }

    /** The bundled description ({@value #DEFAULT_RESOURCE} on the classpath). */
    public static Contract bundled() {
        return load(DEFAULT_RESOURCE);
    }

    /**
     * Reads a description from a file path if one exists there, else from the classpath (so
     * {@code godot-contract.json} finds {@code user-files/resources/godot-contract.json}).
     *
     * @throws IllegalArgumentException with one line naming the location and the problem
     */
    public static Contract load(String location) {
        Path file = Path.of(location);
        try {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parse(in, location);
                }
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : Contract.class.getClassLoader()).getResourceAsStream(location);
            if (in == null) {
                throw new IllegalArgumentException("contract " + location + ": no such file or classpath resource");
            }
            try (in) {
                return parse(in, location);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("contract " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a description from {@code in}; {@code location} names it in messages.
     *
     * @throws IllegalArgumentException with one line naming the location and the problem
     */
    public static Contract parse(InputStream in, String location) throws IOException {
        Contract c = ContractJson.read(in, location);
        return new Contract(c.description, c.nodes(), c.spawners(), c.synchronizers(), location);
    }

    /** The same description, nodes, spawners and synchronizers, in the same order (wherever each was read from). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Contract c && description.equals(c.description) && nodes().equals(c.nodes())
                && spawners().equals(c.spawners()) && synchronizers().equals(c.synchronizers());
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, nodes(), spawners(), synchronizers());
    }

    @Override
    public String toString() {
        return "contract " + location + " " + nodes.values();
    }
}

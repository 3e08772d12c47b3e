package dev.godotload.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.wire.variant.VariantType;

/**
 * The game a load test drives: node paths and their RPCs, read from a JSON description that the
 * user owns. The reference server's node tables and the load-test users' method ids come from the
 * same description, so they cannot drift. Format:
 *
 * <pre>{@code
 * {"nodes": [
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

    private final Map<String, NodeSpec> nodes;
    private final String location;

    /** A description made in code. */
    public Contract(List<NodeSpec> nodes) {
        this(nodes, "a contract built in code");
    }

    private Contract(List<NodeSpec> nodes, String location) {
        this.location = location;
        Map<String, NodeSpec> byPath = new LinkedHashMap<>();
        for (NodeSpec n : nodes) {
            if (byPath.put(n.path(), n) != null) {
                throw new IllegalArgumentException("node " + n.path() + " is listed twice");
            }
        }
        this.nodes = Collections.unmodifiableMap(byPath);
    }

    /** The node at {@code path}. @throws IllegalArgumentException naming the known nodes */
    public NodeSpec node(String path) {
        NodeSpec n = nodes.get(path);
        if (n == null) {
            throw new IllegalArgumentException("the contract has no node '" + path + "'; it has " + nodes.keySet());
        }
        return n;
    }

    /** Where this description was read from (a file or classpath resource), for messages. */
    public String location() {
        return location;
    }

    /** The node at {@code path}, or null. */
    public NodeSpec nodeOrNull(String path) {
        return nodes.get(path);
    }

    public List<NodeSpec> nodes() {
        return new ArrayList<>(nodes.values());
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

    static Contract parse(InputStream in, String location) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("contract " + location + ": not JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return new Contract(fromJson(root).nodes(), location);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contract " + location + ": " + e.getMessage(), e);
        }
    }

    static Contract fromJson(JsonNode root) {
        JsonNode nodes = root == null ? null : root.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new IllegalArgumentException("needs a \"nodes\" array");
        }
        List<NodeSpec> specs = new ArrayList<>();
        for (JsonNode n : nodes) {
            String path = text(n, "path", "a node");
            JsonNode rpcs = n.get("rpcs");
            if (rpcs == null || !rpcs.isArray()) {
                throw new IllegalArgumentException("node " + path + " needs an \"rpcs\" array");
            }
            List<RpcSpec> list = new ArrayList<>();
            for (JsonNode r : rpcs) {
                String name = text(r, "name", "an RPC of " + path);
                String what = path + "." + name;
                RpcMode mode = RpcMode.ofKeyword(text(r, "mode", what));
                List<VariantType> params = new ArrayList<>();
                JsonNode args = r.get("args");
                if (args != null) {
                    if (!args.isArray()) {
                        throw new IllegalArgumentException(what + ": \"args\" must be an array of type names");
                    }
                    for (Iterator<JsonNode> it = args.elements(); it.hasNext(); ) {
                        params.add(type(it.next().asText(), what));
                    }
                }
                list.add(new RpcSpec(name, mode, params));
            }
            specs.add(new NodeSpec(path, list));
        }
        return new Contract(specs);
    }

    private static VariantType type(String name, String what) {
        if (name.equals("Variant")) {
            return null;
        }
        VariantType t = VariantType.ofGodotName(name);
        if (t == null || t == VariantType.NIL) {
            throw new IllegalArgumentException(what + ": unknown argument type '" + name
                    + "' (use Godot 4 names such as int, String, PackedInt32Array, Transform3D, or Variant)");
        }
        return t;
    }

    private static String text(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(what + " needs a \"" + field + "\" string");
        }
        return v.asText();
    }
}

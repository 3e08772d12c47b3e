package dev.godotload.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import dev.godotload.wire.variant.VariantType;

/**
 * The contract's JSON, both ways. Written with two-space indents, one value a line, but an RPC's
 * argument types on one line. Reading names what is wrong in one line: the item (its path, and the
 * spawner or scene around it) and the field. Every field added for replication is optional and has
 * Godot's default; unknown fields are ignored, as they always were.
 */
final class ContractJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two spaces, one value a line, {@code "key": value}, {@code []} when empty, LF whatever the platform. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private ContractJson() {
    }

    static Contract read(InputStream in, String location) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("contract " + location + ": not JSON: "
                    + e.getOriginalMessage().replace('\n', ' '), e);
        }
        try {
            return contract(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contract " + location + ": " + e.getMessage(), e);
        }
    }

    private static Contract contract(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("needs a \"nodes\" array");
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new IllegalArgumentException("needs a \"nodes\" array");
        }
        JsonNode description = root.get("description");
        if (description != null && !description.isTextual()) {
            throw new IllegalArgumentException("\"description\" must be a string, got " + description);
        }
        List<SpawnerSpec> spawners = list(root, "spawners", "the contract", ContractJson::spawner);
        List<SynchronizerSpec> synchronizers = list(root, "synchronizers", "the contract", ContractJson::synchronizer);
        return new Contract(description == null ? "" : description.asText(), nodeList(nodes), spawners, synchronizers);
    }

    private static List<NodeSpec> nodeList(JsonNode nodes) {
        List<NodeSpec> specs = new ArrayList<>();
        for (JsonNode n : nodes) {
            specs.add(node(n));
        }
        return specs;
    }

    private static NodeSpec node(JsonNode n) {
        String path = text(n, "path", "a node");
        JsonNode rpcs = n.get("rpcs");
        if (rpcs == null || !rpcs.isArray()) {
            throw new IllegalArgumentException("node " + path + " needs an \"rpcs\" array");
        }
        List<RpcSpec> list = new ArrayList<>();
        for (JsonNode r : rpcs) {
            list.add(rpc(r, path));
        }
        return new NodeSpec(path, list);
    }

    private static RpcSpec rpc(JsonNode r, String path) {
        String name = text(r, "name", "an RPC of " + path);
        String what = path.equals(".") ? name : path + "." + name; // a scene root's RPC is named alone, not "..name"
        String modeKeyword = text(r, "mode", what);
        RpcMode mode = prefixed(what, () -> RpcMode.ofKeyword(modeKeyword));
        List<VariantType> params = new ArrayList<>();
        JsonNode args = r.get("args");
        if (args != null) {
            if (!args.isArray()) {
                throw new IllegalArgumentException(what + ": \"args\" must be an array of type names");
            }
            for (JsonNode a : args) {
                params.add(type(a.asText(), what, "argument"));
            }
        }
        String transferKeyword = r.has("transfer_mode") ? text(r, "transfer_mode", what) : null;
        TransferMode transfer = transferKeyword == null ? TransferMode.RELIABLE
                : prefixed(what, () -> TransferMode.ofKeyword(transferKeyword));
        int channel = whole(r, "channel", what, 0);
        boolean callLocal = bool(r, "call_local", what, false);
        return new RpcSpec(name, mode, params, transfer, channel, callLocal);
    }

    private static SpawnerSpec spawner(JsonNode s) {
        String path = text(s, "path", "a spawner");
        String what = "spawner " + path;
        String spawnPath = text(s, "spawn_path", what);
        int limit = whole(s, "spawn_limit", what, 0);
        List<SpawnableScene> scenes = new ArrayList<>();
        JsonNode list = array(s, "scenes", what);
        for (int i = 0; list != null && i < list.size(); i++) {
            scenes.add(scene(list.get(i), what + ", scene " + i));
        }
        return new SpawnerSpec(path, spawnPath, limit, scenes);
    }

    private static SpawnableScene scene(JsonNode e, String where) {
        String scene = text(e, "scene", where);
        String what = where + " (" + scene + ")";
        List<NodeSpec> nodes = list(e, "nodes", what, n -> prefixed(what, () -> node(n)));
        List<SynchronizerSpec> syncs = list(e, "synchronizers", what, n -> prefixed(what, () -> synchronizer(n)));
        return prefixed(what, () -> new SpawnableScene(scene, nodes, syncs));
    }

    private static SynchronizerSpec synchronizer(JsonNode s) {
        String path = text(s, "path", "a synchronizer");
        String what = "synchronizer " + path;
        String rootPath = s.has("root_path") ? text(s, "root_path", what) : SynchronizerSpec.DEFAULT_ROOT_PATH;
        double replication = seconds(s, "replication_interval", what);
        double delta = seconds(s, "delta_interval", what);
        boolean visible = bool(s, "public_visibility", what, true);
        List<ReplicatedProperty> properties = list(s, "properties", what, p -> prefixed(what, () -> property(p)));
        return new SynchronizerSpec(path, rootPath, replication, delta, visible, properties);
    }

    private static ReplicatedProperty property(JsonNode p) {
        String path = text(p, "path", "a property");
        String what = "property " + path;
        VariantType type = p.has("type") ? type(text(p, "type", what), what, "property") : null;
        String modeKeyword = p.has("mode") ? text(p, "mode", what) : null;
        ReplicationMode mode = modeKeyword == null ? ReplicationMode.ALWAYS
                : prefixed(what, () -> ReplicationMode.ofKeyword(modeKeyword));
        return new ReplicatedProperty(path, type, bool(p, "spawn", what, true), mode);
    }

    /** The items of an optional array field; an absent field is an empty list. */
    private static <T> List<T> list(JsonNode n, String field, String what, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        JsonNode a = array(n, field, what);
        if (a != null) {
            for (JsonNode e : a) {
                out.add(item.apply(e));
            }
        }
        return out;
    }

    private static JsonNode array(JsonNode n, String field, String what) {
        JsonNode a = n.get(field);
        if (a != null && !a.isArray()) {
            throw new IllegalArgumentException(what + ": \"" + field + "\" must be an array");
        }
        return a;
    }

    /** Runs {@code read}, putting {@code what} in front of the message of what it refuses. */
    private static <T> T prefixed(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static VariantType type(String name, String what, String kind) {
        if (name.equals("Variant")) {
            return null;
        }
        VariantType t = VariantType.ofGodotName(name);
        if (t == null || t == VariantType.NIL) {
            throw new IllegalArgumentException(what + ": unknown " + kind + " type '" + name
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

    private static int whole(JsonNode n, String field, String what, int absent) {
        JsonNode v = n.get(field);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new IllegalArgumentException(what + ": \"" + field + "\" must be a whole number from 0, got " + v);
        }
        return v.asInt();
    }

    private static double seconds(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null) {
            return 0;
        }
        if (!v.isNumber() || !(v.asDouble() >= 0)) {
            throw new IllegalArgumentException(what + ": \"" + field + "\" must be 0 or more seconds, got " + v);
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, String what, boolean absent) {
        JsonNode v = n.get(field);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(what + ": \"" + field + "\" must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    static String write(Contract c) {
        ObjectNode root = JSON.createObjectNode();
        if (!c.description().isEmpty()) {
            root.put("description", c.description());
        }
        root.set("nodes", nodes(c.nodes()));
        if (!c.spawners().isEmpty()) {
            ArrayNode spawners = root.putArray("spawners");
            for (SpawnerSpec s : c.spawners()) {
                ObjectNode o = spawners.addObject();
                o.put("path", s.path());
                o.put("spawn_path", s.spawnPath());
                o.put("spawn_limit", s.spawnLimit());
                ArrayNode scenes = o.putArray("scenes");
                for (SpawnableScene scene : s.scenes()) {
                    ObjectNode e = scenes.addObject();
                    e.put("scene", scene.scene());
                    e.set("nodes", nodes(scene.nodes()));
                    e.set("synchronizers", synchronizers(scene.synchronizers()));
                }
            }
        }
        if (!c.synchronizers().isEmpty()) {
            root.set("synchronizers", synchronizers(c.synchronizers()));
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not write: " + e.getMessage(), e);
        }
    }

    private static ArrayNode nodes(List<NodeSpec> nodes) {
        ArrayNode out = JSON.createArrayNode();
        for (NodeSpec n : nodes) {
            ObjectNode o = out.addObject();
            o.put("path", n.path());
            ArrayNode rpcs = o.putArray("rpcs");
            for (RpcSpec r : n.rpcs()) {
                ObjectNode rpc = rpcs.addObject();
                rpc.put("name", r.name());
                rpc.put("mode", r.mode().keyword());
                rpc.putRawValue("args", inline(r.parameters().stream().map(t -> t == null ? "Variant" : t.godotName()).toList()));
                rpc.put("transfer_mode", r.transferMode().keyword());
                rpc.put("channel", r.channel());
                rpc.put("call_local", r.callLocal());
            }
        }
        return out;
    }

    /** A list of type names on one line, as people write them: {@code ["String", "int"]}. */
    private static RawValue inline(List<String> names) {
        StringBuilder s = new StringBuilder("[");
        for (String name : names) {
            s.append(s.length() > 1 ? ", " : "").append(JSON.getNodeFactory().textNode(name).toString());
        }
        return new RawValue(s.append(']').toString());
    }

    private static ArrayNode synchronizers(List<SynchronizerSpec> syncs) {
        ArrayNode out = JSON.createArrayNode();
        for (SynchronizerSpec s : syncs) {
            ObjectNode o = out.addObject();
            o.put("path", s.path());
            o.put("root_path", s.rootPath());
            o.put("replication_interval", s.replicationInterval());
            o.put("delta_interval", s.deltaInterval());
            o.put("public_visibility", s.publicVisibility());
            ArrayNode props = o.putArray("properties");
            for (ReplicatedProperty p : s.properties()) {
                ObjectNode prop = props.addObject();
                prop.put("path", p.path());
                prop.put("type", p.typeName());
                prop.put("spawn", p.spawn());
                prop.put("mode", p.mode().keyword());
            }
        }
        return out;
    }
}

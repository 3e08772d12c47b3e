package dev.godotload.cli;

import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.packet.Replication;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;

/**
 * A decoded packet as one JSON object: {@code "kind"} names the packet record, the other fields
 * are its fields in snake_case, arguments and values are {@link VariantJson} tagged Variants.
 */
public final class PacketJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private PacketJson() {
    }

    /** A synchronizer's net id: a path-cache id when the top bit is set, else the id its spawn gave it. */
    private static void netId(ObjectNode o, int netId) {
        if (Replication.isPathAddressed(netId)) {
            o.put("path_cache_id", netId & ~Replication.PATH_ADDRESSED);
        } else {
            o.put("net_id", Integer.toUnsignedLong(netId));
        }
    }

    public static ObjectNode toJson(Packet packet) {
        ObjectNode o = F.objectNode();
        o.put("kind", packet.getClass().getSimpleName());
        if (packet instanceof PeerId p) {
            o.put("id", p.id());
        } else if (packet instanceof AddPeer a) {
            o.put("peer", a.id());
        } else if (packet instanceof DelPeer d) {
            o.put("peer", d.id());
        } else if (packet instanceof Relay r) {
            o.put("peer", r.peer());
            o.set("inner", toJson(r.inner()));
        } else if (packet instanceof Auth a) {
            o.put("complete", a.isCompletion());
            o.put("data", HEX.formatHex(a.data()));
        } else if (packet instanceof Rpc r) {
            o.set("node", node(r.node()));
            o.put("method_id", r.methodId());
            o.set("args", args(r.args()));
            o.put("node_id_bytes", r.layout().nodeIdBytes());
            o.put("method_id_bytes", r.layout().methodIdBytes());
            o.put("byte_only_or_no_args", r.layout().byteOnlyOrNoArgs());
        } else if (packet instanceof RemoteCall c) {
            o.set("node", node(c.node()));
            o.put("method", c.method());
            o.set("args", args(c.args()));
        } else if (packet instanceof RemoteSet s) {
            o.set("node", node(s.node()));
            o.put("property", s.property());
            o.set("value", VariantJson.toJson(s.value()));
        } else if (packet instanceof SimplifyPath s) {
            o.put("cache_id", s.cacheId());
            o.put("path", s.path());
            if (s.methodsMd5() != null) {
                o.put("methods_md5", s.methodsMd5());
            }
        } else if (packet instanceof ConfirmPath c) {
            o.put("valid", c.valid());
            o.set("node", node(c.node()));
        } else if (packet instanceof Raw r) {
            o.put("data", HEX.formatHex(r.data()));
        } else if (packet instanceof Spawn s) {
            o.put("scene_index", s.sceneIndex());
            o.put("custom", s.isCustom());
            o.put("spawner_cache_id", s.spawnerCacheId());
            o.put("net_id", Integer.toUnsignedLong(s.netId()));
            o.put("name", s.name());
            ArrayNode ids = o.putArray("sync_ids");
            s.syncIds().forEach(id -> ids.add(Integer.toUnsignedLong(id)));
            if (s.isCustom()) {
                o.set("custom_argument", VariantJson.toJson(s.customArgument()));
            }
            o.set("state", args(s.state()));
        } else if (packet instanceof Despawn d) {
            o.put("net_id", Integer.toUnsignedLong(d.netId()));
        } else if (packet instanceof Sync s) {
            o.put("time", s.time());
            ArrayNode states = o.putArray("states");
            for (SyncState st : s.states()) {
                ObjectNode e = states.addObject();
                netId(e, st.netId());
                e.set("values", args(st.values()));
            }
        } else if (packet instanceof Delta d) {
            ArrayNode states = o.putArray("states");
            for (DeltaState st : d.states()) {
                ObjectNode e = states.addObject();
                netId(e, st.netId());
                e.put("changed", Long.toBinaryString(st.indexes()));
                e.set("values", args(st.values()));
            }
        } else if (packet instanceof Routed r) {
            o.put("from", r.from());
            o.put("to", r.to());
            o.set("packet", toJson(r.packet()));
        }
        return o;
    }

    private static ObjectNode node(NodeRef ref) {
        return ref instanceof NodeRef.Cached c ? F.objectNode().put("id", c.id())
                : F.objectNode().put("path", ((NodeRef.Path) ref).path());
    }

    private static ArrayNode args(List<Object> args) {
        ArrayNode a = F.arrayNode();
        args.forEach(v -> a.add(VariantJson.toJson(v)));
        return a;
    }
}

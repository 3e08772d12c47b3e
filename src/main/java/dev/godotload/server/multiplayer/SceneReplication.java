package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.peer.SendCache;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Replication;
import dev.godotload.wire.packet.RpcChecksum;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;

import io.netty.buffer.ByteBuf;

/**
 * The server's half of Godot 4's {@code SceneReplicationInterface}
 * ({@code modules/multiplayer/scene_replication_interface.cpp}) for spawners whose authority is the
 * server and synchronizers whose authority is a peer, spawn visibility public:
 * <ul>
 * <li>a spawned node gets its net id ({@code ++last_net_id}, one counter for the server's life)
 * when its first SPAWN is made; each peer that has it is remembered ({@code spawn_nodes});</li>
 * <li>a peer that is admitted gets every spawned node, in Godot's {@code spawned_nodes} order, before
 * the game hears of it ({@code on_peer_change}); a node spawned later goes to every admitted peer in
 * admission order; each SPAWN is preceded, once per peer, by the SIMPLIFY_PATH of its spawner from
 * the server's path cache, the one RPC paths are numbered in ({@code send_object_cache});</li>
 * <li>a SPAWN carries no synchronizer ids and no state: the server has authority over none of them
 * ({@code _make_spawn_packet} lists only those);</li>
 * <li>a despawned node's DESPAWN goes to every peer that has it ({@code on_despawn});</li>
 * <li>SYNC and DELTA from a peer are resolved per state ({@code _find_synchronizer}) and applied when
 * that peer is the synchronizer's authority; the last values are kept per synchronizer. SPAWN and
 * DESPAWN from a peer are refused, as the spawner's authority is the server.</li>
 * </ul>
 * Memory is O(nodes + peers + the spawns peers have), nothing per pair of peers.
 *
 * <p>Game loop only, like the layer that owns it.
 */
final class SceneReplication {
    private static final Logger LOG = LoggerFactory.getLogger(SceneReplication.class);
    /** The SIMPLIFY_PATH checksum of a node without RPCs, as spawners and synchronizers are: the MD5 of nothing. */
    static final String NO_RPCS_MD5 = RpcChecksum.md5(List.of());
    /**
     * What Godot's {@code validate_node_name()} replaces; a spawner refuses such a name, and a peer would
     * refuse it in a SPAWN.
     */
    private static final String INVALID_NAME_CHARACTERS = ".:@/\"%";

    private final Map<String, Spawner> spawners = new LinkedHashMap<>();
    /** The spawners and their spawn parents: nodes the scene has whether or not anything is spawned. */
    private final Set<String> sceneNodes = new HashSet<>();
    private final SendCache cache;
    private final Outbox outbox;
    private final ServerCounters counters;
    /**
     * Godot's {@code spawned_nodes}, a {@code HashSet}: iterated in insertion order, and an erase moves
     * the last element into the hole. A newcomer gets the existing nodes in this order.
     */
    private final List<SpawnedNode> spawned = new ArrayList<>();
    private final Map<String, SpawnedNode> byPath = new HashMap<>();
    private final Map<String, Synced> synchronizers = new HashMap<>();
    /** Godot's {@code peers_info}, a {@code HashMap}: admission order, kept across removals. */
    private final Map<Integer, PeerInfo> peers = new LinkedHashMap<>();
    private int lastNetId;

    /**
     * @param cache the server's send path cache, shared with its RPCs
     * @throws IllegalArgumentException when two spawners share a path
     */
    SceneReplication(List<Spawner> spawners, SendCache cache, Outbox outbox, ServerCounters counters) {
        for (Spawner s : spawners) {
            if (this.spawners.put(s.path(), s) != null) {
                throw new IllegalArgumentException("spawner " + s.path() + " is listed twice");
            }
            sceneNodes.add(s.path());
            sceneNodes.add(s.spawnPath());
        }
        this.cache = cache;
        this.outbox = outbox;
        this.counters = counters;
    }

    /** Whether the scene has a node at {@code path} that this component knows of. */
    boolean has(String path) {
        return sceneNodes.contains(path) || byPath.containsKey(path) || synchronizers.containsKey(path);
    }

    // ---------------------------------------------------------------- peers

    /** {@code on_peer_change(id, true)}: the newcomer gets every spawned node. */
    void peerAdmitted(PeerState peer) {
        PeerInfo info = new PeerInfo(peer);
        peers.put(peer.id, info);
        for (SpawnedNode node : spawned) {
            spawnTo(node, List.of(info));
        }
    }

    /** {@code on_peer_change(id, false)}: what it had goes with it; the nodes stay. */
    void peerLeft(int peer) {
        peers.remove(peer);
    }

    // ---------------------------------------------------------------- what the game does

    /** See {@link NodeHost#spawn}. */
    void spawn(String spawnerPath, int sceneIndex, String name, int authority) {
        Spawner spawner = spawner(spawnerPath);
        Spawner.Scene scene = spawner.scene(sceneIndex);
        if (name.isEmpty() || name.chars().anyMatch(c -> INVALID_NAME_CHARACTERS.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("spawner " + spawnerPath + " cannot spawn a node named '" + name
                    + "': a node name is not empty and has none of " + INVALID_NAME_CHARACTERS);
        }
        if (authority == PeerId.SERVER && !scene.synchronizers().isEmpty()) {
            // Its SPAWN would carry the synchronizers' ids and spawn state, and the server would send SYNCs.
            throw new IllegalArgumentException(scene.scene() + " has synchronizers, and the server sends none: spawn it with a "
                    + "peer as their authority");
        }
        String path = spawner.spawnPath() + "/" + name;
        if (byPath.containsKey(path)) {
            throw new IllegalArgumentException(spawner.spawnPath() + " already has a node named '" + name + "'");
        }
        SpawnedNode node = new SpawnedNode(spawner, sceneIndex, name, path, authority, spawned.size());
        spawned.add(node);
        byPath.put(path, node);
        for (Spawner.Synchronizer s : scene.synchronizers()) {
            Synced sync = new Synced(node, path + "/" + s.path(), s);
            node.synchronizers.add(sync);
            synchronizers.put(sync.path, sync);
        }
        spawnTo(node, peers.values());
    }

    /** See {@link NodeHost#despawn}. */
    boolean despawn(String spawnerPath, String name) {
        Spawner spawner = spawner(spawnerPath);
        SpawnedNode node = byPath.get(spawner.spawnPath() + "/" + name);
        if (node == null || node.spawner != spawner) {
            return false;
        }
        ByteBuf despawn = null;
        try {
            for (PeerInfo p : peers.values()) {
                if (p.spawns.remove(node)) {
                    if (despawn == null) {
                        despawn = outbox.encode(new Despawn(node.netId));
                    }
                    outbox.write(despawn, ServerCounters.Kind.DESPAWN, p.peer);
                }
            }
        } finally {
            if (despawn != null) {
                despawn.release();
            }
        }
        SpawnedNode last = spawned.remove(spawned.size() - 1);
        if (last != node) {
            spawned.set(node.index, last);
            last.index = node.index;
        }
        byPath.remove(node.path);
        for (Synced s : node.synchronizers) {
            synchronizers.remove(s.path);
        }
        return true;
    }

    private Spawner spawner(String path) {
        Spawner s = spawners.get(path);
        if (s == null) {
            throw new IllegalArgumentException("no spawner " + path + "; the scene has " + spawners.keySet());
        }
        return s;
    }

    /**
     * {@code _update_spawn_visibility} for a node visible to everyone: to each target that lacks it,
     * the spawner's SIMPLIFY_PATH if the target was never told, then the SPAWN. Each packet is encoded once.
     */
    private void spawnTo(SpawnedNode node, Collection<PeerInfo> targets) {
        String spawnerPath = node.spawner.path();
        ByteBuf spawn = null;
        ByteBuf simplify = null;
        try {
            for (PeerInfo t : targets) {
                if (!t.spawns.add(node)) {
                    continue;
                }
                if (spawn == null) {
                    if (node.netId == 0) {
                        node.netId = ++lastNetId;
                    }
                    spawn = outbox.encode(Spawn.ofScene(node.sceneIndex, cache.id(spawnerPath), node.netId, node.name,
                            List.of(), List.of()));
                }
                if (cache.markAnnounced(t.peer.id, spawnerPath)) {
                    if (simplify == null) {
                        simplify = outbox.encode(new SimplifyPath(cache.id(spawnerPath), spawnerPath, NO_RPCS_MD5));
                    }
                    outbox.write(simplify, ServerCounters.Kind.SIMPLIFY_PATH, t.peer);
                }
                outbox.write(spawn, ServerCounters.Kind.SPAWN, t.peer);
            }
        } finally {
            if (spawn != null) {
                spawn.release();
            }
            if (simplify != null) {
                simplify.release();
            }
        }
    }

    // ---------------------------------------------------------------- what peers send

    void receive(PeerState from, Replication packet) {
        if (packet instanceof Sync s) {
            sync(from, s);
        } else if (packet instanceof Delta d) {
            delta(from, d);
        } else if (packet instanceof Spawn s) {
            // on_spawn_receive: the spawner's authority is the server, never the sender.
            LOG.warn("peer {} sent SPAWN of '{}' (net ID {}); only a spawner's authority spawns, and that is the server: "
                    + "dropped", from.id, s.name(), Integer.toUnsignedString(s.netId()));
        } else if (packet instanceof Despawn d) {
            // on_despawn_receive: the server received no spawn from a peer, so there is nothing it may despawn.
            LOG.warn("peer {} sent DESPAWN of net ID {}, which it never spawned; dropped", from.id,
                    Integer.toUnsignedString(d.netId()));
        }
    }

    /** {@code on_sync_receive}: a state for no synchronizer is skipped quietly ("not received yet"). */
    private void sync(PeerState from, Sync packet) {
        for (SyncState state : packet.states()) {
            Synced sync = find(from, state.netId());
            if (sync == null) {
                if (announced(from, state.netId(), "sync data")) {
                    LOG.debug("peer {} sent sync data for {}, which names no synchronizer here; skipped", from.id,
                            named(from, state.netId()));
                }
                continue;
            }
            if (sync.node.authority != from.id) {
                counters.recordSyncRejected();
                LOG.warn("peer {} sent sync data for {}, whose authority is peer {}; ignored", from.id, sync.path,
                        sync.node.authority);
                continue;
            }
            if (!sync.acceptsTime(packet.time())) {
                continue; // older than the last state applied
            }
            if (!apply(from, sync, sync.synced, state.values(), "sync data")) {
                return;
            }
        }
    }

    /** {@code on_delta_receive}: unlike a SYNC, a state for no synchronizer is an error there. */
    private void delta(PeerState from, Delta packet) {
        for (DeltaState state : packet.states()) {
            Synced sync = find(from, state.netId());
            if (sync == null) {
                if (announced(from, state.netId(), "a delta")) {
                    counters.recordSyncRejected();
                    LOG.warn("peer {} sent a delta for {}, which names no synchronizer here; ignored", from.id,
                            named(from, state.netId()));
                }
                continue;
            }
            if (sync.node.authority != from.id) {
                counters.recordSyncRejected();
                LOG.warn("peer {} sent a delta for {}, whose authority is peer {}; ignored", from.id, sync.path,
                        sync.node.authority);
                continue;
            }
            List<Spawner.Property> changed = new ArrayList<>();
            for (int i = 0; i < sync.watched.size(); i++) {
                if ((state.indexes() & (1L << i)) != 0) {
                    changed.add(sync.watched.get(i));
                }
            }
            if (changed.isEmpty() || changed.size() != state.values().size()) {
                // Godot's decoding of exactly the named properties fails, and it drops the rest of the packet.
                counters.recordSyncRejected();
                LOG.warn("peer {} sent a delta for {} naming {} of its {} on_change properties, with {} values; the rest "
                        + "of the packet is dropped", from.id, sync.path, changed.size(), sync.watched.size(),
                        state.values().size());
                return;
            }
            apply(from, sync, changed, state.values(), "a delta");
        }
    }

    /**
     * {@code _find_synchronizer}: a path-addressed net id is the sender's own path-cache id of the
     * synchronizer (it sent SIMPLIFY_PATH first); any other is one the server gave in a SPAWN, and it
     * gives none. Null for no synchronizer.
     */
    private Synced find(PeerState from, int netId) {
        if (!Replication.isPathAddressed(netId)) {
            return null;
        }
        String path = from.paths.path(netId & ~Replication.PATH_ADDRESSED);
        return path == null ? null : synchronizers.get(path);
    }

    /** A net id in a log line: the path and cache id of a path-addressed one, else the number. */
    private static String named(PeerState from, int netId) {
        if (!Replication.isPathAddressed(netId)) {
            return "net ID " + Integer.toUnsignedString(netId);
        }
        int cacheId = netId & ~Replication.PATH_ADDRESSED;
        return from.paths.path(cacheId) + " (cache ID " + cacheId + ")";
    }

    /**
     * False, logged as Godot's path cache logs it, for a path-addressed id the sender never announced;
     * true for any other.
     */
    private boolean announced(PeerState from, int netId, String what) {
        int cacheId = netId & ~Replication.PATH_ADDRESSED;
        if (Replication.isPathAddressed(netId) && from.paths.path(cacheId) == null) {
            counters.recordSyncRejected();
            LOG.warn("peer {} sent {} for cache ID {}, which it never announced; ignored", from.id, what, cacheId);
            return false;
        }
        return true;
    }

    /**
     * {@code set_state}: the first {@code properties.size()} values, in order. Fewer values than that
     * fail Godot's decoding, which drops the rest of the packet: false then.
     */
    private boolean apply(PeerState from, Synced sync, List<Spawner.Property> properties, List<Object> values,
            String what) {
        if (values.size() < properties.size()) {
            counters.recordSyncRejected();
            LOG.warn("peer {} sent {} for {} with {} values, and it replicates {} that way; the rest of the packet is "
                    + "dropped", from.id, what, sync.path, values.size(), properties.size());
            return false;
        }
        for (int i = 0; i < properties.size(); i++) {
            sync.values.put(properties.get(i).path(), values.get(i));
        }
        counters.recordSyncApplied();
        return true;
    }

    // ---------------------------------------------------------------- for tests and the game

    /** The last values applied to the synchronizer at {@code path}, by property path; null for no synchronizer. */
    Map<String, Object> state(String synchronizerPath) {
        Synced s = synchronizers.get(synchronizerPath);
        return s == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(s.values));
    }

    /** The spawned nodes' paths, in the order a newcomer gets them. */
    List<String> spawnedPaths() {
        return spawned.stream().map(n -> n.path).toList();
    }

    /** The net id the node at {@code path} got with its first SPAWN; 0 before that or for no such node. */
    int netId(String path) {
        SpawnedNode n = byPath.get(path);
        return n == null ? 0 : n.netId;
    }

    /** What this component holds, to show that it holds nothing once everyone left. */
    record Footprint(int spawned, int paths, int synchronizers, int peers, int spawnsHeld) {
    }

    Footprint footprint() {
        int held = 0;
        for (PeerInfo p : peers.values()) {
            held += p.spawns.size();
        }
        return new Footprint(spawned.size(), byPath.size(), synchronizers.size(), peers.size(), held);
    }

    // ---------------------------------------------------------------- state

    private static final class PeerInfo {
        final PeerState peer;
        /** Godot's {@code spawn_nodes}: the nodes this peer was sent a SPAWN of. */
        final Set<SpawnedNode> spawns = new HashSet<>();

        PeerInfo(PeerState peer) {
            this.peer = peer;
        }
    }

    private static final class SpawnedNode {
        final Spawner spawner;
        final int sceneIndex;
        final String name;
        final String path;
        /** Its synchronizers' multiplayer authority, which the game gave them ({@code set_multiplayer_authority}). */
        final int authority;
        final List<Synced> synchronizers = new ArrayList<>(1);
        /** 0 until its first SPAWN is made. */
        int netId;
        /** Its place in {@link SceneReplication#spawned}. */
        int index;

        SpawnedNode(Spawner spawner, int sceneIndex, String name, String path, int authority, int index) {
            this.spawner = spawner;
            this.sceneIndex = sceneIndex;
            this.name = name;
            this.path = path;
            this.authority = authority;
            this.index = index;
        }
    }

    /** The server's copy of one synchronizer of a spawned node, which a peer has authority over. */
    private static final class Synced {
        final SpawnedNode node;
        final String path;
        final List<Spawner.Property> synced;
        final List<Spawner.Property> watched;
        final Map<String, Object> values = new LinkedHashMap<>();
        boolean syncStarted;
        int lastInboundSync;

        Synced(SpawnedNode node, String path, Spawner.Synchronizer config) {
            this.node = node;
            this.path = path;
            this.synced = config.synced();
            this.watched = config.watched();
        }

        /**
         * {@code update_inbound_sync_time}: a SYNC's 16-bit time must be newer than the last applied one,
         * with wrap-around: a time at most 32,766 behind is old.
         */
        boolean acceptsTime(int time) {
            if (!syncStarted) {
                syncStarted = true;
            } else if (time <= lastInboundSync && lastInboundSync - time < 32767) {
                return false;
            }
            lastInboundSync = time;
            return true;
        }
    }
}

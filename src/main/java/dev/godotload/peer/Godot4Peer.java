package dev.godotload.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcSpec;
import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RelayRouting;
import dev.godotload.wire.packet.Replication;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.RpcChecksum;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;

/**
 * One Godot 4 client's protocol state, as {@code SceneMultiplayer} keeps it on a client with
 * {@code server_relay} on: its id, the other peers the server announced, the path ids it gave its
 * targets and which the server confirmed, and the ids the server (and relayed peers) gave theirs.
 * Pure: bytes in, events and bytes out; no sockets, clocks or threads. One per virtual user,
 * used by one thread at a time.
 */
public final class Godot4Peer implements GodotPeer {
    /** The RPC checksum of a node without RPCs (a spawner, a synchronizer): the MD5 of nothing. */
    static final String NO_RPCS_MD5 = RpcChecksum.md5(List.of());

    private final GodotVersion version;
    private final Godot4Packets codec;
    private final Contract contract;
    private final ClientState state;
    private final Replicas replicas;
    /** This client's SYNC time: one more for each SYNC it sends; 16 bits on the wire. */
    private int syncTime;
    private int id;

    Godot4Peer(GodotVersion version, Contract contract, PeerDirectory directory) {
        this.state = new ClientState(directory);
        if (version.isGodot3()) {
            throw new IllegalArgumentException("Godot4Peer speaks Godot 4, not " + version.label());
        }
        this.version = version;
        this.codec = Godot4Packets.of(version);
        this.contract = contract;
        this.replicas = new Replicas(contract, directory.spawns);
    }

    @Override
    public GodotVersion version() {
        return version;
    }

    @Override
    public Contract contract() {
        return contract;
    }

    /** This peer's id, or 0 before the server sent it. */
    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean hasId() {
        return id != 0;
    }

    @Override
    public int peerCount() {
        return state.peerCount();
    }

    @Override
    public boolean knows(int peer) {
        return state.knows(peer);
    }

    @Override
    public List<String> unconfirmedPaths() {
        return state.sent.unconfirmed(SERVER);
    }

    @Override
    public Audience audience() {
        return state.audience();
    }

    @Override
    public void abandon() {
        state.abandon();
    }

    /**
     * Takes one inbound WebSocket message. Before the id arrives only the 4-byte id message is
     * valid; afterwards every message is one SceneMultiplayer packet.
     *
     * @throws dev.godotload.wire.WireFormatException for bytes that are not a valid packet
     */
    @Override
    public PeerEvent receive(byte[] message) {
        if (id == 0) {
            id = codec.decodePeerId(message).id();
            state.assigned(id);
            return new PeerEvent.IdAssigned(id);
        }
        return handle(SERVER, codec.decode(message));
    }

    private PeerEvent handle(int from, Packet p) {
        if (p instanceof Rpc rpc) {
            return rpc(from, rpc);
        }
        if (p instanceof SimplifyPath s) {
            return simplifyPath(from, s);
        }
        if (p instanceof ConfirmPath c) {
            return confirmPath(from, c);
        }
        if (p instanceof Sync sync) {
            return synced(from, sync);
        }
        if (p instanceof Delta delta) {
            return synced(from, delta);
        }
        if (p instanceof Spawn spawn) {
            return spawned(from, spawn);
        }
        if (p instanceof Despawn despawn) {
            return despawned(from, despawn);
        }
        if (from == SERVER) {
            if (p instanceof AddPeer a) {
                state.joined(a.id());
                return new PeerEvent.PeerJoined(a.id());
            }
            if (p instanceof DelPeer d) {
                state.left(d.id());
                return new PeerEvent.PeerLeft(d.id());
            }
            if (p instanceof Relay r) {
                if (!state.knows(r.peer())) {
                    return new PeerEvent.Ignored(from, p, "relay from unknown peer " + r.peer());
                }
                return handle(r.peer(), r.inner());
            }
            if (p instanceof Auth a) {
                return new PeerEvent.AuthReceived(a.data());
            }
        }
        return new PeerEvent.Ignored(from, p, "not handled by a load-test peer");
    }

    private PeerEvent rpc(int from, Rpc rpc) {
        return InboundRpc.accept(contract, state.received, from, rpc, rpc.node(), node -> node.rpc(rpc.methodId()),
                "method id " + rpc.methodId(), rpc.args());
    }

    private PeerEvent simplifyPath(int from, SimplifyPath s) {
        NodeSpec node = contract.nodeOrNull(s.path());
        String md5;
        if (node != null) {
            md5 = node.methodsMd5();
        } else if (replicas.synchronizer(s.path()) != null || replicas.spawner(s.path()) != null) {
            md5 = NO_RPCS_MD5; // a MultiplayerSynchronizer or MultiplayerSpawner has no RPCs
        } else {
            // Godot: the node is missing, so an error and no confirmation.
            return new PeerEvent.Ignored(from, s, "announced node " + s.path() + ", which the contract lacks"
                    + (replicas.replicates() ? " (or which is not spawned here)" : ""));
        }
        if (!state.receivedFrom(from)
                .store(s.cacheId(), state.intern(s.path()), version.confirmsPathById())) {
            return new PeerEvent.Ignored(from, s, "duplicate remote cache id " + s.cacheId());
        }
        boolean matches = md5.equals(s.methodsMd5());
        NodeRef ref = version.confirmsPathById() ? NodeRef.cached(s.cacheId()) : NodeRef.path(s.path());
        queue(from, new ConfirmPath(matches, ref));
        return new PeerEvent.PathAnnounced(from, s.path(), s.cacheId(), matches);
    }

    private PeerEvent confirmPath(int from, ConfirmPath c) {
        String path = c.node() instanceof NodeRef.Cached k
                ? state.sent.confirmId(from, k.id())
                : state.sent.confirmPath(from, ((NodeRef.Path) c.node()).path());
        if (path == null) {
            return new PeerEvent.Ignored(from, c, "confirmation for a path never announced to peer " + from);
        }
        return new PeerEvent.PathConfirmed(path, c.valid());
    }

    // ---------------------------------------------------------------- replication

    /** SPAWN: only from the spawner's authority, the server (Godot: ERR_UNAUTHORIZED otherwise). */
    private PeerEvent spawned(int from, Spawn s) {
        if (from != SERVER) {
            return new PeerEvent.Ignored(from, s, "SPAWN from peer " + from + ", which is not the spawner's authority");
        }
        ReceiveCache cache = state.received.get(from);
        String spawnerPath = cache == null ? null : cache.path(s.spawnerCacheId());
        if (spawnerPath == null) {
            return new PeerEvent.Ignored(from, s, "SPAWN names spawner cache id " + s.spawnerCacheId() + ", never announced");
        }
        SpawnerSpec spawner = replicas.spawner(spawnerPath);
        if (spawner == null) {
            return new PeerEvent.Ignored(from, s, "SPAWN by " + spawnerPath + ", which is not a spawner of the contract");
        }
        if (s.isCustom()) {
            return new PeerEvent.Ignored(from, s, "custom spawn (spawn_function) by " + spawnerPath
                    + ": the contract cannot say what it instantiates");
        }
        SpawnableScene scene = Replicas.sceneOrNull(spawner, s.sceneIndex());
        if (scene == null) {
            return new PeerEvent.Ignored(from, s, spawnerPath + " has no spawnable scene " + s.sceneIndex());
        }
        if (s.name().contains("/")) {
            return new PeerEvent.Ignored(from, s, "invalid node name '" + s.name() + "'");
        }
        SpawnedNode node = new SpawnedNode(s.netId(), Replicas.nodePath(spawner, s.name()), s.name(), spawner, scene,
                s.syncIds());
        String refused = replicas.spawned(node);
        if (refused != null) {
            return new PeerEvent.Ignored(from, s, "SPAWN of " + node.path() + ": " + refused);
        }
        return new PeerEvent.Spawned(from, node, s.state());
    }

    private PeerEvent despawned(int from, Despawn d) {
        SpawnedNode node = from == SERVER ? replicas.despawned(d.netId()) : null;
        if (node == null) {
            return new PeerEvent.Ignored(from, d, "DESPAWN of net id " + Integer.toUnsignedString(d.netId())
                    + ", which peer " + from + " never spawned here");
        }
        return new PeerEvent.Despawned(from, node);
    }

    private PeerEvent synced(int from, Sync sync) {
        List<PeerEvent.SyncedState> named = new ArrayList<>();
        for (SyncState st : sync.states()) {
            Replicas.Synchronizer at = synchronizerFor(from, st.netId());
            if (at == null) {
                continue; // Godot: not received yet
            }
            List<String> props = at.syncProperties();
            if (props.size() != st.values().size()) {
                return new PeerEvent.Ignored(from, sync, at.path() + " syncs " + props.size() + " properties, the state holds "
                        + st.values().size() + " values");
            }
            named.add(new PeerEvent.SyncedState(at.path(), at.root(), props, st.values()));
        }
        return new PeerEvent.Synced(from, sync.time(), named);
    }

    private PeerEvent synced(int from, Delta delta) {
        List<PeerEvent.SyncedState> named = new ArrayList<>();
        for (DeltaState st : delta.states()) {
            Replicas.Synchronizer at = synchronizerFor(from, st.netId());
            if (at == null) {
                continue;
            }
            List<String> watched = at.watchedProperties();
            List<String> props = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                if ((st.indexes() & (1L << i)) != 0) {
                    if (i >= watched.size()) {
                        return new PeerEvent.Ignored(from, delta, at.path() + " watches " + watched.size()
                                + " properties; the DELTA names property " + i);
                    }
                    props.add(watched.get(i));
                }
            }
            named.add(new PeerEvent.SyncedState(at.path(), at.root(), props, st.values()));
        }
        return new PeerEvent.Synced(from, -1, named);
    }

    private Replicas.Synchronizer synchronizerFor(int from, int netId) {
        if (Replication.isPathAddressed(netId)) {
            ReceiveCache cache = state.received.get(from);
            String path = cache == null ? null : cache.path(netId & ~Replication.PATH_ADDRESSED);
            return path == null ? null : replicas.synchronizer(path);
        }
        return replicas.synchronizerOf(netId);
    }

    /** How many nodes are spawned on this client now. */
    public int spawnedCount() {
        return replicas.spawnedCount();
    }

    /** The nodes spawned on this client now (a copy). */
    public List<SpawnedNode> spawnedNodes() {
        return replicas.nodes();
    }

    /** Whether a synchronizer is at {@code path} now (its node spawned, or in the main scene). */
    public boolean hasSynchronizer(String path) {
        return replicas.synchronizer(path) != null;
    }

    /** The node spawned at {@code path}, or null. */
    public SpawnedNode spawnedNode(String path) {
        return replicas.node(path);
    }

    /**
     * What a Godot client sends this network frame for a synchronizer it has authority over, as
     * {@code SceneReplicationInterface::_send_sync} does for each peer: a SIMPLIFY_PATH of the
     * synchronizer to a peer not told yet, nothing to one that has not confirmed it, and to each peer
     * that has, one SYNC of {@code values} addressed by path id (relayed by the server to a client).
     * Every message goes to the server; the peers it reaches are added to {@code reached}.
     *
     * @throws IllegalArgumentException when {@code synchronizerPath} is no synchronizer spawned here, or the
     *         values do not match its sync properties
     */
    public List<byte[]> sync(String synchronizerPath, Map<String, Object> values, IntConsumer reached) {
        requireId();
        Replicas.Synchronizer at = replicas.synchronizer(synchronizerPath);
        if (at == null) {
            throw new IllegalArgumentException("no synchronizer " + synchronizerPath + " is spawned on peer " + id
                    + (replicas.replicates() ? "" : "; the contract has no spawners or synchronizers"));
        }
        List<Object> ordered = new ArrayList<>();
        for (String p : at.syncProperties()) {
            String bare = p.startsWith(".:") ? p.substring(2) : p;
            Object v = values.containsKey(p) ? values.get(p) : values.get(bare);
            if (v == null && !values.containsKey(p) && !values.containsKey(bare)) {
                throw new IllegalArgumentException(synchronizerPath + " syncs " + at.syncProperties() + "; " + p
                        + " is missing");
            }
            ordered.add(v);
        }
        if (values.size() > ordered.size()) {
            throw new IllegalArgumentException(synchronizerPath + " syncs only " + at.syncProperties() + ", not all of "
                    + values.keySet());
        }
        syncTime = (syncTime + 1) & 0xFFFF;
        int netId = state.sent.id(synchronizerPath) | Replication.PATH_ADDRESSED;
        Sync sync = new Sync(syncTime, List.of(new SyncState(netId, ordered)));
        byte[] direct = codec.encode(sync);
        List<byte[]> out = new ArrayList<>();
        addSync(out, SERVER, synchronizerPath, sync, direct, reached);
        state.forEachPeer(peer -> addSync(out, peer, synchronizerPath, sync, direct, reached));
        return out;
    }

    private void addSync(List<byte[]> out, int to, String path, Sync sync, byte[] direct, IntConsumer reached) {
        if (state.sent.markAnnounced(to, path)) {
            SimplifyPath s = new SimplifyPath(state.sent.id(path), path, NO_RPCS_MD5);
            out.add(codec.encode(to == SERVER ? s : new Relay(to, s)));
        } else if (state.sent.isConfirmed(to, path)) {
            out.add(to == SERVER ? direct : RelayRouting.wrap(direct, to));
            reached.accept(to);
        }
    }

    /**
     * The SIMPLIFY_PATH a Godot client sends before its first call on {@code nodePath}, or null
     * once it was state.sent. Sending it lets the server switch this peer to compact ids.
     */
    @Override
    public byte[] announcement(String nodePath) {
        requireId();
        NodeSpec node = contract.node(nodePath);
        if (!state.sent.markAnnounced(SERVER, nodePath)) {
            return null;
        }
        return codec.encode(new SimplifyPath(state.sent.id(nodePath), nodePath, node.methodsMd5()));
    }

    /** Whether {@link #announcement} still has a SIMPLIFY_PATH to send for {@code nodePath}. */
    @Override
    public boolean needsAnnouncement(String nodePath) {
        return !state.sent.isAnnounced(SERVER, nodePath);
    }

    /**
     * The RPC that calls {@code method} on the server's node {@code nodePath}: with the compact id
     * once the server confirmed the path, with the full path before (valid with or without an
     * announcement, as Godot accepts both).
     *
     * @throws IllegalArgumentException for a node or method the contract lacks, or a wrong argument count
     */
    @Override
    public byte[] rpc(String nodePath, String method, List<Object> args) {
        requireId();
        NodeSpec node = contract.node(nodePath);
        RpcSpec spec = node.rpc(method);
        if (args.size() != spec.parameters().size()) {
            throw new IllegalArgumentException(nodePath + "." + spec.signature() + " called with " + args.size()
                    + " arguments");
        }
        NodeRef target = state.sent.isConfirmed(SERVER, nodePath) ? NodeRef.cached(state.sent.id(nodePath)) : NodeRef.path(nodePath);
        return codec.encode(Rpc.of(target, node.methodId(method), args));
    }

    /** {@code 07 00 <data>}: authentication data for a server with an auth callback. */
    @Override
    public byte[] authData(byte[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("auth data must not be empty (an empty payload means 'completed')");
        }
        return codec.encode(new Auth(data));
    }

    /** {@code 07 00}: this side completed authentication. */
    @Override
    public byte[] authComplete() {
        return codec.encode(Auth.COMPLETE);
    }

    /** Whether replies are owed to the other side (CONFIRM_PATH answers). */
    @Override
    public boolean hasReplies() {
        return state.owesReplies();
    }

    /** The oldest reply owed, or null. */
    @Override
    public byte[] takeReply() {
        return state.nextReply();
    }

    private void queue(int to, Packet reply) {
        state.owe(codec.encode(to == SERVER ? reply : new Relay(to, reply)));
    }

    private void requireId() {
        if (id == 0) {
            throw new IllegalStateException("not connected: the server has not sent this peer's id yet");
        }
    }
}

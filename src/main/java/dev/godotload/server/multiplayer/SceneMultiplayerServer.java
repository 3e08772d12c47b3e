package dev.godotload.server.multiplayer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.contract.NodeSpec;
import dev.godotload.peer.SendCache;
import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.Timers;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RelayRouting;
import dev.godotload.wire.packet.Replication;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/**
 * Godot 4's {@code SceneMultiplayer} on the server side, with {@code server_relay} on (the default):
 * admission and ADD_PEER/DEL_PEER announcements, optional token authentication, SYS RELAY between
 * clients, both halves of the node-path cache, RPC dispatch to the {@link ServerNode}s, and the
 * replication of the nodes its {@link Spawner}s spawn ({@link SceneReplication}). It
 * follows {@code modules/multiplayer/scene_multiplayer.cpp} and, where Godot logs an error and
 * drops a packet, logs one line and drops it; no peer misbehaviour disconnects anyone except a
 * failed authentication.
 *
 * <p>Single-threaded: every {@link TransportListener} call and timer task runs on the game loop.
 */
public final class SceneMultiplayerServer implements TransportListener {
    private static final Logger LOG = LoggerFactory.getLogger(SceneMultiplayerServer.class);

    private final ServerSettings settings;
    private final Timers timers;
    private final Godot4Packets codec;
    private final NodeRegistry nodes;
    private final ServerCounters counters = new ServerCounters();
    private final Outbox outbox;
    private final RpcSender rpcs;
    private final RpcDispatcher dispatcher;
    private final SceneReplication replication;
    private final byte[] token;
    /** Every connected peer, authenticating or admitted. */
    private final Map<Integer, PeerState> peers = new HashMap<>();
    /** Admitted peers in admission order: Godot's {@code connected_peers}. */
    private final Map<Integer, PeerState> admitted = new LinkedHashMap<>();
    private final NodeHost host = new Host();
    /** Answers to each peer in the order of its calls, sent as the node's rpc_id would. */
    private final AnswerLines answers = new AnswerLines(host::call);

    /** A scene without spawners. @see #SceneMultiplayerServer(ServerSettings, Timers, List, List) */
    public SceneMultiplayerServer(ServerSettings settings, Timers timers, List<? extends ServerNode> nodes) {
        this(settings, timers, nodes, List.of());
    }

    /**
     * @param spawners the scene's spawners, whose authority is the server; its nodes spawn through them
     * @throws IllegalArgumentException if an RPC node's path is not in the contract, two nodes or two
     *                                  spawners share a path
     */
    public SceneMultiplayerServer(ServerSettings settings, Timers timers, List<? extends ServerNode> nodes,
            List<Spawner> spawners) {
        this.settings = settings;
        this.timers = timers;
        this.codec = Godot4Packets.of(settings.version());
        this.nodes = new NodeRegistry(settings.contract(), nodes);
        this.outbox = new Outbox(codec, counters);
        this.rpcs = new RpcSender(settings.contract(), outbox);
        this.dispatcher = new RpcDispatcher(settings.contract(), this.nodes, host, counters);
        this.replication = new SceneReplication(spawners, rpcs.cache(), outbox, counters);
        this.token = settings.requiresAuth() ? settings.authToken().getBytes(StandardCharsets.UTF_8) : null;
        for (ServerNode n : this.nodes.nodes()) {
            n.attach(host);
        }
    }

    public ServerSettings settings() {
        return settings;
    }

    public ServerCounters counters() {
        return counters;
    }

    /** What the nodes use to send; also for server code outside a node. */
    public NodeHost host() {
        return host;
    }

    /** The admitted peers, in admission order (a live, read-only view). */
    public Set<Integer> peers() {
        return host.peers();
    }

    /** The server's half of the path cache, for tests. */
    SendCache sendCache() {
        return rpcs.cache();
    }

    /** The spawned nodes and what peers synchronized into them, for tests. */
    SceneReplication replication() {
        return replication;
    }

    // ---------------------------------------------------------------- connection lifecycle

    @Override
    public void peerConnected(Connection link) {
        PeerState peer = new PeerState(link);
        if (peers.putIfAbsent(peer.id, peer) != null) {
            LOG.error("peer {} connected twice; the second connection ({}) is closed", peer.id, link.remoteAddress());
            link.close();
            return;
        }
        LOG.debug("peer {} connected from {}", peer.id, link.remoteAddress());
        if (token == null) {
            admit(peer);
            return;
        }
        if (!settings.authTimeout().isZero()) {
            peer.authTimer = timers.schedule(settings.authTimeout(), () -> authTimedOut(peer));
        }
    }

    @Override
    public void peerDisconnected(Connection link) {
        PeerState peer = peers.get(link.id());
        if (peer == null || peer.link != link) {
            return; // already dropped by the server (failed authentication)
        }
        peers.remove(peer.id);
        peer.cancelAuthTimer();
        if (!peer.admitted) {
            LOG.debug("peer {} left before it authenticated", peer.id);
            return;
        }
        admitted.remove(peer.id);
        if (settings.serverRelay()) {
            outbox.writeAll(outbox.encode(new DelPeer(peer.id)), ServerCounters.Kind.DEL_PEER, admitted.values(), 0);
        }
        replication.peerLeft(peer.id);
        // The server's ids stay; only this peer's knowledge of them goes (Godot's on_peer_change).
        rpcs.cache().forget(peer.id);
        answers.forget(peer.id);
        for (ServerNode n : nodes.nodes()) {
            n.peerLeft(peer.id);
        }
        LOG.debug("peer {} left", peer.id);
    }

    /**
     * Godot's {@code _admit_peer}: with server relay on, each side learns of the other; the newcomer
     * gets the nodes spawned so far; then the game hears of it ({@code peer_connected}), and the peer
     * may talk.
     */
    private void admit(PeerState peer) {
        peer.admitted = true;
        peer.cancelAuthTimer();
        if (settings.serverRelay() && !admitted.isEmpty()) {
            ByteBuf joined = outbox.encode(new AddPeer(peer.id));
            try {
                for (PeerState other : admitted.values()) {
                    outbox.write(joined, ServerCounters.Kind.ADD_PEER, other);
                    outbox.send(new AddPeer(other.id), peer);
                }
            } finally {
                joined.release();
            }
        }
        admitted.put(peer.id, peer);
        replication.peerAdmitted(peer);
        for (ServerNode n : nodes.nodes()) {
            try {
                n.peerJoined(peer.id);
            } catch (RuntimeException e) {
                // A bug in a node, not the peer's doing: worth a stack trace, and the loop carries on.
                LOG.error("{} failed when peer {} joined", n.path(), peer.id, e);
            }
        }
    }

    // ---------------------------------------------------------------- authentication

    private void authenticate(PeerState peer, Packet packet) {
        if (!(packet instanceof Auth auth)) {
            LOG.warn("peer {} is authenticating and sent a packet that is not SYS AUTH; dropped", peer.id);
            return;
        }
        if (auth.isCompletion()) {
            peer.authRemote = true;
        } else if (peer.authLocal) {
            LOG.debug("peer {} sent authentication data after the server completed; ignored", peer.id);
            return;
        } else if (MessageDigest.isEqual(auth.data(), token)) {
            peer.authLocal = true;
            outbox.send(Auth.COMPLETE, peer);
        } else {
            LOG.warn("peer {} failed authentication", peer.id);
            drop(peer);
            return;
        }
        if (peer.authLocal && peer.authRemote) {
            admit(peer);
        }
    }

    private void authTimedOut(PeerState peer) {
        if (peers.get(peer.id) != peer || peer.admitted) {
            return; // admitted or gone in the meantime
        }
        LOG.warn("peer {} did not authenticate within {} ms; disconnected", peer.id,
                settings.authTimeout().toMillis());
        drop(peer);
    }

    /** Disconnects a peer that was never admitted; nobody else knew of it. */
    private void drop(PeerState peer) {
        peers.remove(peer.id);
        peer.cancelAuthTimer();
        peer.link.close();
    }

    // ---------------------------------------------------------------- packets

    @Override
    public void packetReceived(Connection link, byte[] message) {
        counters.recordReceived(message.length);
        PeerState from = peers.get(link.id());
        if (from == null || from.link != link) {
            LOG.debug("dropped a packet from peer {}, which is no longer connected", link.id());
            return;
        }
        if (from.admitted && RelayRouting.isRelay(message)) {
            if (!settings.serverRelay()) {
                counters.recordRefused();
                LOG.warn("peer {} sent a packet to relay, and server relay is off; dropped", from.id);
                return;
            }
            // Godot routes a relay on its 6-byte header and forwards the rest unread; only a copy the
            // server processes itself is decoded (then a bad inner packet is this server's problem).
            counters.recordDecoded(ServerCounters.Kind.RELAY);
            relay(from, message);
            return;
        }
        Packet packet;
        try {
            packet = codec.decode(message);
        } catch (WireFormatException e) {
            counters.recordMalformed();
            LOG.warn("peer {} sent a malformed packet: {}", from.id, e.getMessage());
            return;
        }
        counters.recordDecoded(ServerCounters.Kind.of(packet));
        if (!from.admitted) {
            authenticate(from, packet);
            return;
        }
        if (packet instanceof Relay) {
            // only a malformed header gets here (a short relay); isRelay took every other one
            LOG.warn("peer {} sent a relay without a packet inside; dropped", from.id);
        } else if (packet instanceof Auth auth) {
            if (!auth.isCompletion()) {
                LOG.warn("peer {} sent authentication data after it was admitted; dropped", from.id);
            } // A bare 07 00 is a late "completed" notice: Godot ignores it silently.
        } else if (packet instanceof AddPeer || packet instanceof DelPeer) {
            LOG.warn("peer {} sent {}, which only the server sends; dropped", from.id, ServerCounters.Kind.of(packet));
        } else {
            process(from, packet);
        }
    }

    /** A non-SYS packet from {@code from}, received directly or relayed to the server. */
    private void process(PeerState from, Packet packet) {
        if (packet instanceof Rpc rpc) {
            dispatcher.dispatch(from, rpc);
        } else if (packet instanceof SimplifyPath s) {
            simplifyPath(from, s);
        } else if (packet instanceof ConfirmPath c) {
            confirmPath(from, c);
        } else if (packet instanceof Replication r) {
            replication.receive(from, r);
        } else {
            // RAW (send_bytes): a game's peer_packet handler; this server has none.
            LOG.debug("peer {} sent {}; ignored", from.id, ServerCounters.Kind.of(packet));
        }
    }

    /**
     * Godot 4.4+'s server relay: {@code d > 1} goes to that peer if it is still connected; {@code d <= 0}
     * to every admitted peer but the sender and {@code -d}, and unless {@code d == -1} the server is a
     * target too. The server itself ({@code d == 1}) is never in its own peer list, so that is dropped.
     */
    private void relay(PeerState from, byte[] message) {
        int d = RelayRouting.destination(message);
        if (d > 0) {
            PeerState to = admitted.get(d);
            if (to == null) {
                LOG.debug("peer {} relayed a packet to peer {}, which is not connected; dropped", from.id, d);
                return;
            }
            outbox.writeAll(withSource(message, from.id), ServerCounters.Kind.RELAY, List.of(to), 0);
            return;
        }
        ByteBuf forwarded = withSource(message, from.id);
        try {
            for (PeerState p : admitted.values()) {
                if (p.id != from.id && p.id != -d) {
                    outbox.write(forwarded, ServerCounters.Kind.RELAY, p);
                }
            }
        } finally {
            forwarded.release();
        }
        if (d != -1) {
            Packet inner;
            try {
                inner = codec.decode(RelayRouting.inner(message));
            } catch (WireFormatException e) {
                counters.recordMalformed();
                LOG.warn("peer {} relayed a malformed packet to everyone: {}", from.id, e.getMessage());
                return;
            }
            if (inner instanceof Relay || inner instanceof Auth || inner instanceof AddPeer || inner instanceof DelPeer) {
                LOG.warn("peer {} relayed a SYS packet; Godot refuses it (invalid network command)", from.id);
                return;
            }
            process(from, inner);
        }
    }

    private ByteBuf withSource(byte[] message, int source) {
        return outbox.wrap(RelayRouting.withSource(message, source));
    }

    /**
     * {@code process_simplify_path}: any node the server has is stored and confirmed, with the
     * checksum of its RPCs (the contract's), or of none for a node that has none (a spawner, a
     * spawned node, a synchronizer).
     */
    private void simplifyPath(PeerState from, SimplifyPath s) {
        if (!nodes.serves(s.path()) && !replication.has(s.path())) {
            LOG.warn("peer {} announced node {} (cache ID {}), which this server does not serve; not confirmed",
                    from.id, s.path(), s.cacheId());
            return;
        }
        GodotVersion version = settings.version();
        if (!from.paths.store(s.cacheId(), s.path(), version.confirmsPathById())) {
            LOG.warn("duplicate remote cache ID {} for peer {} ({}); not confirmed", s.cacheId(), from.id, s.path());
            return;
        }
        NodeSpec spec = settings.contract().nodeOrNull(s.path());
        String md5 = spec != null ? spec.methodsMd5() : SceneReplication.NO_RPCS_MD5;
        boolean valid = md5.equals(s.methodsMd5());
        if (!valid) {
            // Godot stores and confirms it anyway, flagged invalid: the ids may point at other methods.
            LOG.warn("peer {}: the rpc node checksum failed for {} ({} here, {} there)", from.id, s.path(), md5,
                    s.methodsMd5());
        }
        NodeRef ref = version.confirmsPathById() ? NodeRef.cached(s.cacheId()) : NodeRef.path(s.path());
        outbox.send(new ConfirmPath(valid, ref), from);
    }

    private void confirmPath(PeerState from, ConfirmPath c) {
        String path = c.node() instanceof NodeRef.Cached k
                ? rpcs.cache().confirmId(from.id, k.id())
                : rpcs.cache().confirmPath(from.id, ((NodeRef.Path) c.node()).path());
        if (path == null) {
            LOG.debug("peer {} confirmed {}, which the server never announced to it; ignored", from.id, c.node());
        } else if (!c.valid()) {
            LOG.warn("peer {}: the rpc node checksum failed for {}", from.id, path);
        }
    }

    // ---------------------------------------------------------------- what nodes call

    private final class Host implements NodeHost {
        private final Set<Integer> view = Collections.unmodifiableSet(admitted.keySet());

        @Override
        public boolean call(int peer, String node, String method, List<Object> args) {
            PeerState to = admitted.get(peer);
            if (to == null) {
                // Usual under load: the peer left between its request and the reply.
                LOG.debug("{}.{} for peer {}, which is not connected; not sent", node, method, peer);
                return false;
            }
            rpcs.send(node, method, args, List.of(to), 0);
            return true;
        }

        @Override
        public Answer reserveAnswer(int peer, String node) {
            return answers.reserve(peer, node);
        }

        @Override
        public void answer(int peer, String node, String method, List<Object> args) {
            answers.answer(peer, node, method, args);
        }

        @Override
        public void broadcast(String node, String method, List<Object> args) {
            rpcs.send(node, method, args, admitted.values(), 0);
        }

        @Override
        public void broadcastExcept(int peer, String node, String method, List<Object> args) {
            rpcs.send(node, method, args, admitted.values(), peer);
        }

        @Override
        public Set<Integer> peers() {
            return view;
        }

        @Override
        public ServerCounters counters() {
            return counters;
        }

        @Override
        public void later(Runnable task) {
            timers.schedule(Duration.ZERO, task);
        }

        @Override
        public void spawn(String spawner, int scene, String name, int authority) {
            replication.spawn(spawner, scene, name, authority);
        }

        @Override
        public boolean despawn(String spawner, String name) {
            return replication.despawn(spawner, name);
        }
    }
}

package dev.godotload.server.multiplayer;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.Timers;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.Godot3PeerHeader;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/**
 * A Godot 3 server: {@code WebSocketServer.listen(port, [], true)} with the SceneTree's
 * {@code MultiplayerAPI} on top (godot3.md; modules/websocket/websocket_multiplayer_peer.cpp and
 * websocket_server.cpp, core/io/multiplayer_api.cpp, 3.x):
 * <ul>
 * <li>{@code _send_add}: a newcomer gets SYS_ID(its id), SYS_ADD(1), then SYS_ADD(other) for each
 * connected peer, and each of those gets SYS_ADD(newcomer); all {@code from = 1, to = 0}, peers
 * in ascending id order (Godot's {@code _peer_map} is an ordered map). {@code _send_del}: SYS_DEL
 * to everyone left.</li>
 * <li>{@code _process_multiplayer}: a message shorter than the 9-byte header, of a header type
 * other than data, or whose {@code from} is not the sender's id is logged and dropped, the
 * connection kept; otherwise {@code _server_relay} forwards it unchanged by {@code to}
 * ({@link Godot3Relay}), and the server processes it itself when {@code to <= 1}.</li>
 * <li>MultiplayerAPI: SIMPLIFY_PATH stored per sender and answered with CONFIRM_PATH, CONFIRM_PATH
 * marks the server's own announcement, REMOTE_CALL dispatched by method name
 * ({@link Godot3RpcDispatcher}), REMOTE_SET refused, RAW ignored; the server's own calls go out as
 * {@code _send_rpc} sends them ({@link Godot3RpcSender}).</li>
 * </ul>
 * Where Godot prints an error and drops a packet, this logs one line and drops it; nothing a peer
 * sends disconnects it.
 *
 * <p>Single-threaded: every {@link TransportListener} call and timer task runs on the game loop.
 */
public final class Godot3MultiplayerServer implements TransportListener {
    private static final Logger LOG = LoggerFactory.getLogger(Godot3MultiplayerServer.class);

    private final ServerSettings settings;
    private final Timers timers;
    private final NodeRegistry nodes;
    private final ServerCounters counters = new ServerCounters();
    private final Godot3Outbox outbox = new Godot3Outbox(counters);
    private final Godot3RpcSender rpcs;
    private final Godot3RpcDispatcher dispatcher;
    /** Connected peers by ascending id: Godot 3's {@code _peer_map} and {@code connected_peers}. */
    private final TreeMap<Integer, PeerState> peers = new TreeMap<>();
    private final Godot3Relay relay = new Godot3Relay(peers, outbox, counters);
    private final NodeHost host = new Host();
    /** Answers to each peer in the order of its calls, sent as the node's rpc_id would. */
    private final AnswerLines answers = new AnswerLines(host::call);

    /**
     * @throws IllegalArgumentException if the settings are not Godot 3's, a node's path is not in the
     *                                  contract, or two nodes share a path
     */
    public Godot3MultiplayerServer(ServerSettings settings, Timers timers, List<? extends ServerNode> nodes) {
        if (!settings.version().isGodot3()) {
            throw new IllegalArgumentException("Godot3MultiplayerServer speaks Godot 3, not " + settings.version().label());
        }
        this.settings = settings;
        this.timers = timers;
        this.nodes = new NodeRegistry(settings.contract(), nodes);
        this.rpcs = new Godot3RpcSender(settings.contract(), outbox);
        this.dispatcher = new Godot3RpcDispatcher(settings.contract(), this.nodes, host, counters);
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

    /** The connected peers in ascending id order (a live, read-only view). */
    public Set<Integer> peers() {
        return host.peers();
    }

    // ---------------------------------------------------------------- connection lifecycle

    /** {@code WSLServer::poll} registers the peer, then {@code _on_connect}: {@code _send_add}. */
    @Override
    public void peerConnected(Connection link) {
        PeerState peer = new PeerState(link);
        if (peers.containsKey(peer.id)) {
            LOG.error("peer {} connected twice; the second connection ({}) is closed", peer.id, link.remoteAddress());
            link.close();
            return;
        }
        peer.admitted = true;
        LOG.debug("peer {} connected from {}", peer.id, link.remoteAddress());
        // First of all, confirm the ID; then the server, which makes the client's connection succeed.
        outbox.send(0, new PeerId(peer.id), peer);
        outbox.send(0, new AddPeer(Godot3Outbox.SERVER), peer);
        if (!peers.isEmpty()) {
            ByteBuf joined = outbox.encode(0, new AddPeer(peer.id));
            try {
                for (PeerState other : peers.values()) {
                    outbox.write(joined, ServerCounters.Kind.ADD_PEER, other);
                    outbox.send(0, new AddPeer(other.id), peer);
                }
            } finally {
                joined.release();
            }
        }
        peers.put(peer.id, peer);
        // The MultiplayerAPI's network_peer_connected, after the announcements.
        for (ServerNode n : nodes.nodes()) {
            try {
                n.peerJoined(peer.id);
            } catch (RuntimeException e) {
                // A bug in a node, not the peer's doing: worth a stack trace, and the loop carries on.
                LOG.error("{} failed when peer {} joined", n.path(), peer.id, e);
            }
        }
    }

    /** {@code _on_disconnect}: {@code _send_del}, then the MultiplayerAPI forgets the peer ({@code _del_peer}). */
    @Override
    public void peerDisconnected(Connection link) {
        PeerState peer = peers.get(link.id());
        if (peer == null || peer.link != link) {
            return; // its twin was refused on connect
        }
        peers.remove(peer.id);
        if (!peers.isEmpty()) {
            outbox.writeAll(outbox.encode(0, new DelPeer(peer.id)), ServerCounters.Kind.DEL_PEER, peers.values());
        }
        // The server's path ids stay; only this peer's confirmations go.
        rpcs.cache().forget(peer.id);
        answers.forget(peer.id);
        for (ServerNode n : nodes.nodes()) {
            n.peerLeft(peer.id);
        }
        LOG.debug("peer {} left", peer.id);
    }

    // ---------------------------------------------------------------- packets

    /** {@code _process_multiplayer} on the server, then the MultiplayerAPI for the server's copy. */
    @Override
    public void packetReceived(Connection link, byte[] message) {
        counters.recordReceived(message.length);
        PeerState from = peers.get(link.id());
        if (from == null || from.link != link) {
            LOG.debug("dropped a packet from peer {}, which is no longer connected", link.id());
            return;
        }
        Godot3PeerHeader header;
        try {
            header = Godot3PeerHeader.read(message);
        } catch (WireFormatException e) {
            counters.recordMalformed();
            LOG.warn("peer {} sent a malformed packet: {}", from.id, e.reason());
            return;
        }
        int to = header.to();
        if (!header.isData()) {
            counters.recordRefused();
            LOG.warn("peer {} sent a message of peer header type {}; only the server sends system messages; dropped",
                    from.id, header.type());
            return;
        }
        if (header.from() != from.id) {
            counters.recordRefused();
            LOG.warn("peer {} sent a message from peer {}; from must be its own id; dropped", from.id, header.from());
            return;
        }
        // Godot relays while polling the socket and processes its own copy afterwards: relays go first.
        relay.relay(from, to, message);
        if (Godot3Relay.isForServer(to)) {
            process(from, message);
        } else {
            counters.recordDecoded(ServerCounters.Kind.RELAY);
        }
    }

    private void process(PeerState from, byte[] message) {
        Packet packet;
        try {
            packet = Godot3Packets.INSTANCE.decode(message).packet();
        } catch (WireFormatException e) {
            counters.recordMalformed();
            LOG.warn("peer {} sent a malformed packet: {}", from.id, e.getMessage());
            return;
        }
        counters.recordDecoded(ServerCounters.Kind.of(packet));
        if (packet instanceof RemoteCall call) {
            dispatcher.call(from, call);
        } else if (packet instanceof SimplifyPath s) {
            simplifyPath(from, s);
        } else if (packet instanceof ConfirmPath c) {
            confirmPath(from, (NodeRef.Path) c.node());
        } else if (packet instanceof RemoteSet set) {
            dispatcher.set(from, set);
        } else {
            // RAW (send_bytes) becomes network_peer_packet; this server has no handler for it.
            LOG.debug("peer {} sent {}; ignored", from.id, ServerCounters.Kind.of(packet));
        }
    }

    /**
     * {@code _process_simplify_path}: stored for that sender (a repeated id replaces the old path) and
     * confirmed, whatever the path: Godot looks the node up only when a call names it.
     */
    private void simplifyPath(PeerState from, SimplifyPath s) {
        from.paths.store(s.cacheId(), s.path(), false);
        if (nodes.node(s.path()) == null) {
            LOG.debug("peer {} announced node {} (cache ID {}), which this server does not serve; confirmed anyway",
                    from.id, s.path(), s.cacheId());
        }
        outbox.send(from.id, new ConfirmPath(true, NodeRef.path(s.path())), from);
    }

    /** {@code _process_confirm_path}: the path must be one the server sent this peer. */
    private void confirmPath(PeerState from, NodeRef.Path node) {
        if (rpcs.cache().confirmPath(from.id, node.path()) == null) {
            LOG.debug("peer {} confirmed {}, which the server never announced to it; ignored", from.id, node.path());
        }
    }

    // ---------------------------------------------------------------- what nodes call

    /** Godot 3's {@code rpc_id} from the server script: 0 all, -N all but N, N one peer. */
    private final class Host implements NodeHost {
        private final Set<Integer> view = Collections.unmodifiableSet(peers.keySet());

        @Override
        public boolean call(int peer, String node, String method, List<Object> args) {
            if (!peers.containsKey(peer)) {
                // Usual under load: the peer left between its request and the reply.
                LOG.debug("{}.{} for peer {}, which is not connected; not sent", node, method, peer);
                return false;
            }
            rpcs.send(node, method, args, peers, peer);
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
            rpcs.send(node, method, args, peers, 0);
        }

        /**
         * {@code rpc_id(-peer, …)}: Godot 3 addresses "everyone but N" as {@code to = -N}, so once
         * every target confirmed the path this is one message, encoded once. A peer that already
         * left cannot be excluded ({@code _send_rpc} refuses an unknown id), so that is {@code rpc()}.
         */
        @Override
        public void broadcastExcept(int peer, String node, String method, List<Object> args) {
            rpcs.send(node, method, args, peers, peers.containsKey(peer) ? -peer : 0);
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
            throw noSpawners();
        }

        @Override
        public boolean despawn(String spawner, String name) {
            throw noSpawners();
        }

        private IllegalArgumentException noSpawners() {
            return new IllegalArgumentException("Godot 3 has no MultiplayerSpawner: spawning a node for every peer needs Godot 4");
        }
    }

}

package dev.godotload.peer;

import java.util.List;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

/**
 * One Godot 4 client's protocol state, as {@code SceneMultiplayer} keeps it on a client with
 * {@code server_relay} on: its id, the other peers the server announced, the path ids it gave its
 * targets and which the server confirmed, and the ids the server (and relayed peers) gave theirs.
 * Pure: bytes in, events and bytes out; no sockets, clocks or threads. One per virtual user,
 * used by one thread at a time.
 */
public final class Godot4Peer implements GodotPeer {
    private final GodotVersion version;
    private final Godot4Packets codec;
    private final Contract contract;
    private final ClientState state;
    private int id;

    Godot4Peer(GodotVersion version, Contract contract, PeerDirectory directory) {
        this.state = new ClientState(directory);
        if (version.isGodot3()) {
            throw new IllegalArgumentException("Godot4Peer speaks Godot 4, not " + version.label());
        }
        this.version = version;
        this.codec = Godot4Packets.of(version);
        this.contract = contract;
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
        if (node == null) {
            // Godot: the node is missing, so an error and no confirmation.
            return new PeerEvent.Ignored(from, s, "announced node " + s.path() + ", which the contract lacks");
        }
        if (!state.receivedFrom(from)
                .store(s.cacheId(), s.path(), version.confirmsPathById())) {
            return new PeerEvent.Ignored(from, s, "duplicate remote cache id " + s.cacheId());
        }
        boolean matches = node.methodsMd5().equals(s.methodsMd5());
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

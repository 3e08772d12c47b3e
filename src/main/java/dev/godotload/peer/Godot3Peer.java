package dev.godotload.peer;

import java.util.List;

import dev.godotload.contract.Contract;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.SimplifyPath;

/**
 * One Godot 3 client's protocol state, as {@code MultiplayerAPI} keeps it over a
 * {@code WebSocketClient} (godot3.md): every message carries the 9-byte peer header; the server
 * announces this peer's id with SYS_ID and the others with SYS_ADD/SYS_DEL; methods travel by name;
 * each side numbers the paths it sends and confirms the other's by echoing the path.
 */
public final class Godot3Peer implements GodotPeer {
    private static final Godot3Packets CODEC = Godot3Packets.INSTANCE;

    private final Contract contract;
    private final ClientState state;
    private int id;

    Godot3Peer(Contract contract, PeerDirectory directory) {
        this.state = new ClientState(directory);
        this.contract = contract;
    }

    @Override
    public GodotVersion version() {
        return GodotVersion.GODOT_3;
    }

    @Override
    public Contract contract() {
        return contract;
    }

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

    @Override
    public PeerEvent receive(byte[] message) {
        Routed routed = CODEC.decode(message);
        int from = routed.from();
        Packet p = routed.packet();
        if (p instanceof PeerId || p instanceof AddPeer || p instanceof DelPeer) {
            if (from != SERVER) {
                return new PeerEvent.Ignored(from, p, "a peer announcement from peer " + from + ", not the server");
            }
            return announcement(p);
        }
        if (id == 0) {
            return new PeerEvent.Ignored(from, p, "data before this peer's SYS_ID");
        }
        if (p instanceof RemoteCall call) {
            return remoteCall(from, call);
        }
        if (p instanceof SimplifyPath s) {
            return simplifyPath(from, s);
        }
        if (p instanceof ConfirmPath c) {
            String path = state.sent.confirmPath(from, ((NodeRef.Path) c.node()).path());
            if (path == null) {
                return new PeerEvent.Ignored(from, c, "confirmation for a path never announced to peer " + from);
            }
            return new PeerEvent.PathConfirmed(path, true);
        }
        return new PeerEvent.Ignored(from, p, "not handled by a load-test peer");
    }

    private PeerEvent announcement(Packet p) {
        if (p instanceof PeerId assigned) {
            id = assigned.id();
            state.assigned(id);
            return new PeerEvent.IdAssigned(id);
        }
        if (p instanceof AddPeer a) {
            // SYS_ADD(1) is the server itself ("connected_to_server"); it is not one of the players.
            if (a.id() != SERVER) {
                state.joined(a.id());
            }
            return new PeerEvent.PeerJoined(a.id());
        }
        DelPeer d = (DelPeer) p;
        state.left(d.id());
        return new PeerEvent.PeerLeft(d.id());
    }

    private PeerEvent remoteCall(int from, RemoteCall call) {
        return InboundRpc.accept(contract, state.received, from, call, call.node(), node -> node.rpc(call.method()),
                "RPC method " + call.method(), call.args());
    }

    private PeerEvent simplifyPath(int from, SimplifyPath s) {
        if (contract.nodeOrNull(s.path()) == null) {
            // Godot 3: the node is missing, so an error and no confirmation.
            return new PeerEvent.Ignored(from, s, "announced node " + s.path() + ", which the contract lacks");
        }
        // Godot 3 overwrites an id announced twice (multiplayer_api.cpp _process_simplify_path).
        state.receivedFrom(from).store(s.cacheId(), s.path(), false);
        state.owe(CODEC.encode(new Routed(id, from, new ConfirmPath(true, NodeRef.path(s.path())))));
        return new PeerEvent.PathAnnounced(from, s.path(), s.cacheId(), true);
    }

    @Override
    public byte[] announcement(String nodePath) {
        requireId();
        contract.node(nodePath);
        if (!state.sent.markAnnounced(SERVER, nodePath)) {
            return null;
        }
        return CODEC.encode(new Routed(id, SERVER, SimplifyPath.godot3(state.sent.id(nodePath), nodePath)));
    }

    @Override
    public boolean needsAnnouncement(String nodePath) {
        return !state.sent.isAnnounced(SERVER, nodePath);
    }

    @Override
    public byte[] rpc(String nodePath, String method, List<Object> args) {
        requireId();
        RpcSpec spec = contract.node(nodePath).rpc(method);
        if (args.size() != spec.parameters().size()) {
            throw new IllegalArgumentException(nodePath + "." + spec.signature() + " called with " + args.size()
                    + " arguments");
        }
        NodeRef target = state.sent.isConfirmed(SERVER, nodePath) ? NodeRef.cached(state.sent.id(nodePath)) : NodeRef.path(nodePath);
        return CODEC.encode(new Routed(id, SERVER, new RemoteCall(target, spec.name(), args)));
    }

    @Override
    public byte[] authData(byte[] data) {
        throw new UnsupportedOperationException("Godot 3 has no authentication");
    }

    @Override
    public byte[] authComplete() {
        throw new UnsupportedOperationException("Godot 3 has no authentication");
    }

    @Override
    public boolean hasReplies() {
        return state.owesReplies();
    }

    @Override
    public byte[] takeReply() {
        return state.nextReply();
    }

    private void requireId() {
        if (id == 0) {
            throw new IllegalStateException("not connected: the server has not sent this peer's SYS_ID yet");
        }
    }
}

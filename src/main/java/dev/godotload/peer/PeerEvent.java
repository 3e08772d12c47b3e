package dev.godotload.peer;

import java.util.List;

import dev.godotload.wire.packet.Packet;

/** What one inbound message meant to a {@link GodotPeer}. */
public sealed interface PeerEvent {

    /** The 4-byte id message: this peer is now connected as {@code id}. */
    record IdAssigned(int id) implements PeerEvent {
    }

    /** SYS ADD_PEER: another client joined (the server relays for it). */
    record PeerJoined(int peer) implements PeerEvent {
    }

    /** SYS DEL_PEER: another client left. */
    record PeerLeft(int peer) implements PeerEvent {
    }

    /** An RPC that Godot would call: node and method resolved, arguments of the contract's types. */
    record RpcReceived(int from, String node, String method, List<Object> args) implements PeerEvent {
        public RpcReceived {
            args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        }

        /** Argument {@code i} as a long (Godot ints). */
        public long longArg(int i) {
            return ((Number) args.get(i)).longValue();
        }

        public String stringArg(int i) {
            return (String) args.get(i);
        }
    }

    /** SIMPLIFY_PATH from {@code from}; a CONFIRM_PATH reply is queued when the node is known. */
    record PathAnnounced(int from, String path, int cacheId, boolean checksumMatches) implements PeerEvent {
    }

    /** CONFIRM_PATH: the other side now takes this peer's compact id for {@code path}. */
    record PathConfirmed(String path, boolean valid) implements PeerEvent {
    }

    /** SYS AUTH from the server: data, or completion when {@code data} is empty. */
    record AuthReceived(byte[] data) implements PeerEvent {
        public boolean isCompletion() {
            return data.length == 0;
        }
    }

    /**
     * A well-formed packet that Godot would log an error for and drop (unknown node id, unknown
     * method, wrong arguments…), or one this peer has no use for (RAW, replication).
     */
    record Ignored(int from, Packet packet, String reason) implements PeerEvent {
    }

    /** SPAWN: the spawner's authority ({@code from}) added {@code node}; {@code state} holds its spawn properties' values. */
    record Spawned(int from, SpawnedNode node, List<Object> state) implements PeerEvent {
        public Spawned {
            state = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(state));
        }
    }

    /** DESPAWN: the node {@code from} had spawned is gone. */
    record Despawned(int from, SpawnedNode node) implements PeerEvent {
    }

    /**
     * SYNC or DELTA from {@code from}: the states of the synchronizers this client knows, each with its
     * properties named ({@code time} is -1 for a DELTA, which has none). A state for a synchronizer
     * not known yet is skipped, as Godot skips it.
     */
    record Synced(int from, int time, List<SyncedState> states) implements PeerEvent {
        public Synced {
            states = List.copyOf(states);
        }
    }

    /** One synchronizer's values: its path, the node its properties belong to, the property paths and their values. */
    record SyncedState(String synchronizer, String node, List<String> properties, List<Object> values) {
        public SyncedState {
            properties = List.copyOf(properties);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        /** The value of property {@code path} ({@code .:stamp}; a bare {@code stamp} means {@code .:stamp}), or null. */
        public Object value(String path) {
            String p = path.indexOf(':') < 0 ? ".:" + path : path;
            int i = properties.indexOf(p);
            return i < 0 ? null : values.get(i);
        }
    }
}

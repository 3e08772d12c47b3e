package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of Godot 3's routing: {@code _process_multiplayer} and {@code _server_relay}
 * (modules/websocket/websocket_multiplayer_peer.cpp 3.x) for a data message from a client whose
 * {@code from} checked out. It is forwarded byte for byte, header included, so {@code from} stays
 * the original sender:
 * <ul>
 * <li>{@code to == 1}: to nobody, it is for the server;</li>
 * <li>{@code to == 0}: to every peer but the sender (and the server processes it);</li>
 * <li>{@code to < 0}: to every peer but the sender and {@code -to} (and the server processes it,
 * even for {@code to == -1}: Godot compares its own id with {@code -sender}, never equal);</li>
 * <li>{@code to > 1}: to that peer only, not processed; refused when it is the sender or not connected.</li>
 * </ul>
 */
final class Godot3Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Godot3Relay.class);

    private final NavigableMap<Integer, PeerState> peers;
    private final Godot3Outbox outbox;
    private final ServerCounters counters;

    Godot3Relay(NavigableMap<Integer, PeerState> peers, Godot3Outbox outbox, ServerCounters counters) {
        this.peers = peers;
        this.outbox = outbox;
        this.counters = counters;
    }

    /**
     * Whether the server processes a message addressed {@code to}: {@code _store_pkt} runs for 1, 0 and
     * every negative {@code to}, never for a single other peer.
     */
    static boolean isForServer(int to) {
        return to <= 1;
    }

    /** Forwards {@code message} from {@code from} where {@code to} says (the server itself never among them). */
    void relay(PeerState from, int to, byte[] message) {
        if (to == 1) {
            return;
        }
        if (to > 1) {
            relayToOne(from, to, message);
            return;
        }
        List<PeerState> targets = new ArrayList<>(peers.size());
        for (PeerState p : peers.values()) {
            // -to overflows for Integer.MIN_VALUE exactly as Godot's int32 does: nobody is excluded.
            if (p.id != from.id && p.id != -to) {
                targets.add(p);
            }
        }
        if (!targets.isEmpty()) {
            outbox.forward(message, targets);
        }
    }

    private void relayToOne(PeerState from, int to, byte[] message) {
        if (to == from.id) {
            counters.recordRefused();
            LOG.warn("peer {} addressed a message to itself; dropped", from.id);
            return;
        }
        PeerState target = peers.get(to);
        if (target == null) {
            // Usual under load: the target left while the message was on its way.
            LOG.debug("peer {} sent a message to peer {}, which is not connected; dropped", from.id, to);
            return;
        }
        outbox.forward(message, List.of(target));
    }
}

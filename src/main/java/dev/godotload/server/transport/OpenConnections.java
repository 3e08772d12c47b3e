package dev.godotload.server.transport;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import dev.godotload.wire.packet.PeerId;

/**
 * The open peers by id. Ids are drawn at random from 2 … 2^31-1 like Godot's
 * {@code generate_unique_id} and are unique among the peers registered here. An id is registered
 * on a channel loop when its WebSocket opens and removed on the game loop once the listener has
 * seen the disconnect, so the listener never sees one id on two live peers.
 */
final class OpenConnections {
    private static final int MAX_DRAWS = 1000;

    private final ConcurrentHashMap<Integer, WebSocketConnection> peers = new ConcurrentHashMap<>();
    private final IntSupplier ids;

    OpenConnections() {
        this(() -> PeerId.randomClientId(ThreadLocalRandom.current()));
    }

    /** {@code ids} draws candidate ids; a taken one is drawn again. */
    OpenConnections(IntSupplier ids) {
        this.ids = ids;
    }

    /** Registers the peer {@code factory} makes for a free id. */
    WebSocketConnection register(IntFunction<WebSocketConnection> factory) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int id = ids.getAsInt();
            if (id < 2) {
                throw new IllegalStateException("peer id " + id + " drawn; ids start at 2");
            }
            if (!peers.containsKey(id)) {
                WebSocketConnection peer = factory.apply(id);
                if (peers.putIfAbsent(id, peer) == null) {
                    return peer;
                }
            }
        }
        throw new IllegalStateException("no free peer id after " + MAX_DRAWS + " draws");
    }

    void remove(WebSocketConnection peer) {
        peers.remove(peer.id(), peer);
    }

    Collection<WebSocketConnection> peers() {
        return peers.values();
    }
}

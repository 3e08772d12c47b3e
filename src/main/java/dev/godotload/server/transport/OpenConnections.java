package dev.godotload.server.transport;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import dev.godotload.wire.packet.PeerId;

/**
 * The open peers by id. Ids are drawn at random from 2 … 2^31-1 like Godot's
 * {@code generate_unique_id} and are unique among the peers registered here. An id is registered
 * on a channel loop when its WebSocket opens and removed on the game loop once the listener has
 * seen the disconnect, so the listener never sees one id on two live peers. The same span is what
 * {@link ConnectionLimits#maxPeers()} counts.
 */
final class OpenConnections {
    private static final int MAX_DRAWS = 1000;

    private final ConcurrentHashMap<Integer, WebSocketConnection> peers = new ConcurrentHashMap<>();
    /** Places taken: registered peers, and those being registered (the map's size would let two I/O loops both take the last place). */
    private final AtomicInteger taken = new AtomicInteger();
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
        return registerWithin(0, factory);
    }

    /**
     * Like {@link #register}, unless {@code maxPeers} (0: no limit) places are taken: then null, and
     * nothing is registered.
     */
    WebSocketConnection registerWithin(int maxPeers, IntFunction<WebSocketConnection> factory) {
        int now;
        do {
            now = taken.get();
            if (maxPeers > 0 && now >= maxPeers) {
                return null;
            }
        } while (!taken.compareAndSet(now, now + 1));
        return registerTaken(factory);
    }

    /** Places taken now: the peers a refused upgrade is told of. */
    int taken() {
        return taken.get();
    }

    private WebSocketConnection registerTaken(IntFunction<WebSocketConnection> factory) {
        boolean registered = false;
        try {
            WebSocketConnection peer = drawAndRegister(factory);
            registered = true;
            return peer;
        } finally {
            if (!registered) {
                taken.decrementAndGet();
            }
        }
    }

    private WebSocketConnection drawAndRegister(IntFunction<WebSocketConnection> factory) {
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
        if (peers.remove(peer.id(), peer)) {
            taken.decrementAndGet();
        }
    }

    Collection<WebSocketConnection> peers() {
        return peers.values();
    }
}

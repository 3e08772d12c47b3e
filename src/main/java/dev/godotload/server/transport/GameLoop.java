package dev.godotload.server.transport;

import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * Hands transport events to the listener on the single game-loop thread. Each channel submits its
 * events from its own event loop in the order they happened, and the game loop runs submissions in
 * order, so per peer the listener sees connected, packets, disconnected, and nothing after that.
 */
final class GameLoop {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final EventLoop loop;
    private final TransportListener listener;
    private final OpenConnections registry;
    private final TransportCounters counters;

    GameLoop(EventLoop loop, TransportListener listener, OpenConnections registry, TransportCounters counters) {
        this.loop = loop;
        this.listener = listener;
        this.registry = registry;
        this.counters = counters;
    }

    EventLoop loop() {
        return loop;
    }

    void connected(WebSocketConnection peer) {
        submit(peer, () -> {
            int peers = counters.peerJoined();
            log.info("peer {} connected from {} ({})", peer.id(), peer.remoteAddress(), count(peers));
            listener.peerConnected(peer);
        });
    }

    void received(WebSocketConnection peer, byte[] packet) {
        submit(peer, () -> {
            try {
                counters.received(packet.length);
                log.debug("peer {}: received {} bytes", peer.id(), packet.length);
                listener.packetReceived(peer, packet);
            } finally {
                peer.inbound().delivered(packet.length);
            }
        });
    }

    void disconnected(WebSocketConnection peer) {
        submit(peer, () -> {
            registry.remove(peer);
            int peers = counters.peerLeft();
            long dropped = peer.droppedPackets();
            log.info("peer {} disconnected ({}): {}{}", peer.id(), count(peers), peer.closeReason(),
                    dropped == 0 ? "" : ", " + dropped + " outbound packets dropped");
            listener.peerDisconnected(peer);
        });
    }

    private void submit(WebSocketConnection peer, Runnable event) {
        try {
            loop.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    // A listener bug must not stop the loop: every other peer depends on it.
                    log.error("listener failed on an event of peer {}", peer.id(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("game loop stopped; event of peer {} dropped", peer.id());
        }
    }

    private static String count(int peers) {
        return peers + (peers == 1 ? " peer" : " peers");
    }
}

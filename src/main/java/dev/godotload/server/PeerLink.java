package dev.godotload.server;

import io.netty.buffer.ByteBuf;

/**
 * One connected WebSocket peer as the game loop sees it.
 */
public interface PeerLink {
    int id();

    String remoteAddress();

    /** Queues one packet as one binary message; takes ownership of {@code packet}; false if dropped. */
    boolean send(ByteBuf packet);

    void close();
}

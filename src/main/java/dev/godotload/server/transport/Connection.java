package dev.godotload.server.transport;

import io.netty.buffer.ByteBuf;

/** One connected Godot peer as the layer above sees it. */
public interface Connection {

    /** The Godot peer id, 2 … 2^31-1 (the server is 1). */
    int id();

    /** The client's address, e.g. {@code "127.0.0.1:54321"}. */
    String remoteAddress();

    /**
     * Queues one packet as one binary WebSocket message. Takes ownership of {@code packet} and
     * releases it exactly once, whatever happens. Callable from the game loop (or any thread);
     * packets sent from one thread go out in order.
     *
     * <p>If the bytes queued but not yet handed to the socket plus this packet exceed the outbound
     * limit, the packet is DROPPED, as Godot's {@code put_packet} does (ERR_OUT_OF_MEMORY), counted
     * in {@link TransportStats#droppedOutbound()}, and this returns {@code false}. It also returns
     * {@code false} once the connection is closed (not counted as a drop).
     */
    boolean send(ByteBuf packet);

    /** Sends a close frame with code 1000, then closes the TCP connection. Idempotent. */
    void close();
}

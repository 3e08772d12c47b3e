package dev.godotload.server.transport;

/**
 * Events from the transport. All calls come from ONE thread: the server's single game loop
 * (a Netty {@code DefaultEventLoop} owned by the transport), never from channel event loops, so the
 * listener needs no locking and sees events in one total order (like Godot's main loop).
 *
 * <p>For one peer the order is always {@code peerConnected}, any number of {@code packetReceived},
 * then {@code peerDisconnected}. A listener that throws is logged; the transport carries on.
 */
public interface TransportListener {

    /**
     * After the 101 response, and in the Godot 4 dialect after the 4-byte id message: packets sent
     * from here follow both. In the Godot 3 dialect the first packet sent here is the peer's first
     * message (its SYS_ID).
     */
    void peerConnected(Connection peer);

    /** One complete WebSocket message (binary or text), at most {@code maxMessageBytes}. */
    void packetReceived(Connection peer, byte[] packet);

    /** Once per connected peer, after a close frame or the loss of the TCP connection. */
    void peerDisconnected(Connection peer);
}

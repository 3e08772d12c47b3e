package dev.godotload.server;

/**
 * Events from the transport, all on the server's single game loop, in one total order.
 */
public interface TransportListener {
    void peerConnected(PeerLink peer);

    void packetReceived(PeerLink peer, byte[] packet);

    void peerDisconnected(PeerLink peer);
}

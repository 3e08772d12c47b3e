package dev.godotload.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link WebSocketTransport}; the defaults are Godot 4's
 * ({@code WebSocketMultiplayerPeer}: handshake_timeout 3 s, inbound and outbound buffers 65,535 bytes,
 * no supported protocols).
 *
 * @param host                where to listen
 * @param port                0 picks a free port ({@link WebSocketTransport#port()} tells which)
 * @param handshakeTimeout    from TCP accept until the WebSocket is open; then the connection is dropped
 * @param maxMessageBytes     largest inbound message; a bigger one closes the connection with 1009
 * @param outboundBufferBytes per peer, bytes queued but unsent beyond which packets are dropped
 * @param subprotocols        {@code Sec-WebSocket-Protocol} values accepted, in order of preference
 *                            of the client's offer; empty = a client offering any protocol is refused
 */
public record TransportOptions(String host, int port, Duration handshakeTimeout, int maxMessageBytes,
                               int outboundBufferBytes, List<String> subprotocols) {

    public TransportOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, was " + handshakeTimeout);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        if (outboundBufferBytes < 1) {
            throw new IllegalArgumentException("outboundBufferBytes must be positive, was " + outboundBufferBytes);
        }
        subprotocols = List.copyOf(subprotocols);
        for (String protocol : subprotocols) {
            // Offers are split on commas and trimmed, so a comma or a space could never match.
            if (!protocol.matches("[\\x21-\\x7e&&[^,]]+")) {
                throw new IllegalArgumentException("bad subprotocol '" + protocol + "'");
            }
        }
    }

    /** 127.0.0.1:9080 and Godot's defaults. */
    public static TransportOptions defaults() {
        return new TransportOptions("127.0.0.1", 9080, Duration.ofSeconds(3), 65535, 65535, List.of());
    }

    public TransportOptions withHost(String newHost) {
        return new TransportOptions(newHost, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                subprotocols);
    }

    public TransportOptions withPort(int newPort) {
        return new TransportOptions(host, newPort, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                subprotocols);
    }

    public TransportOptions withHandshakeTimeout(Duration newTimeout) {
        return new TransportOptions(host, port, newTimeout, maxMessageBytes, outboundBufferBytes, subprotocols);
    }

    public TransportOptions withMaxMessageBytes(int newMax) {
        return new TransportOptions(host, port, handshakeTimeout, newMax, outboundBufferBytes, subprotocols);
    }

    public TransportOptions withOutboundBufferBytes(int newLimit) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, newLimit, subprotocols);
    }

    public TransportOptions withSubprotocols(List<String> newSubprotocols) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                newSubprotocols);
    }
}

package dev.godotload.server.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.godotload.wire.GodotVersion;

/**
 * Settings of a {@link WebSocketTransport}; {@link #defaults()} are Godot 4's
 * ({@code WebSocketMultiplayerPeer}: handshake_timeout 3 s, inbound and outbound buffers 65,535 bytes,
 * no supported protocols), {@link #defaults(GodotVersion)} a given line's.
 *
 * @param host                where to listen
 * @param port                0 picks a free port ({@link WebSocketTransport#port()} tells which)
 * @param handshakeTimeout    from TCP accept until the WebSocket is open; then the connection is dropped
 * @param maxMessageBytes     largest inbound message; a bigger one closes the connection with 1009
 * @param outboundBufferBytes per peer, bytes queued but unsent beyond which packets are dropped
 * @param subprotocols        {@code Sec-WebSocket-Protocol} values accepted, in order of preference
 *                            of the client's offer; empty = a client offering any protocol is refused
 * @param dialect             the Godot line's transport rules: peer id message, refusals, close echo
 * @param limits              the limits Godot lacks: peers, messages a second per peer (none by default)
 */
public record TransportOptions(String host, int port, Duration handshakeTimeout, int maxMessageBytes,
                               int outboundBufferBytes, List<String> subprotocols, TransportDialect dialect,
                               ConnectionLimits limits) {
    /**
     * Godot 3.2.3's pending-peer timeout: a fixed {@code WSL_SERVER_TIMEOUT} of 1000 ms, checked on
     * each poll (measured: dropped after about 1.07 s). 3.5 made it {@code handshake_timeout}, 3 s.
     */
    public static final Duration GODOT_3_HANDSHAKE_TIMEOUT = Duration.ofMillis(1000);

    public TransportOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(limits, "limits");
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

    /** Godot 4's transport rules with these settings, and no limits of our own. */
    public TransportOptions(String host, int port, Duration handshakeTimeout, int maxMessageBytes,
                            int outboundBufferBytes, List<String> subprotocols) {
        this(host, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes, subprotocols, TransportDialect.GODOT_4,
                ConnectionLimits.NONE);
    }

    /** 127.0.0.1:9080 and Godot 4's defaults. */
    public static TransportOptions defaults() {
        int limit = GodotVersion.DEFAULT.maxMessageBytes();
        return new TransportOptions("127.0.0.1", 9080, Duration.ofSeconds(3), limit, limit, List.of());
    }

    /**
     * 127.0.0.1:9080 and the defaults of {@code version}'s line: Godot 4's, or Godot 3.2.3's (its
     * dialect, a 1 s handshake timeout; the 65,535-byte limits are the same, see
     * {@link GodotVersion#maxMessageBytes()}).
     */
    public static TransportOptions defaults(GodotVersion version) {
        TransportOptions godot4 = defaults();
        if (!version.isGodot3()) {
            return godot4;
        }
        return godot4.withDialect(TransportDialect.GODOT_3).withHandshakeTimeout(GODOT_3_HANDSHAKE_TIMEOUT);
    }

    public TransportOptions withHost(String newHost) {
        return new TransportOptions(newHost, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                subprotocols, dialect, limits);
    }

    public TransportOptions withPort(int newPort) {
        return new TransportOptions(host, newPort, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                subprotocols, dialect, limits);
    }

    public TransportOptions withHandshakeTimeout(Duration newTimeout) {
        return new TransportOptions(host, port, newTimeout, maxMessageBytes, outboundBufferBytes, subprotocols,
                dialect, limits);
    }

    public TransportOptions withMaxMessageBytes(int newMax) {
        return new TransportOptions(host, port, handshakeTimeout, newMax, outboundBufferBytes, subprotocols, dialect, limits);
    }

    public TransportOptions withOutboundBufferBytes(int newLimit) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, newLimit, subprotocols, dialect, limits);
    }

    public TransportOptions withSubprotocols(List<String> newSubprotocols) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes,
                newSubprotocols, dialect, limits);
    }

    public TransportOptions withDialect(TransportDialect newDialect) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes, subprotocols,
                newDialect, limits);
    }

    public TransportOptions withLimits(ConnectionLimits newLimits) {
        return new TransportOptions(host, port, handshakeTimeout, maxMessageBytes, outboundBufferBytes, subprotocols,
                dialect, newLimits);
    }
}

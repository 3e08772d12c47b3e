package dev.godotload.server.transport;

/**
 * Limits a server exposed to players needs and Godot's WebSocket server does not have; both are off
 * by default, as in Godot.
 *
 * @param maxPeers             open WebSocket connections at most; the next upgrade is refused. A
 *                             connection counts from its 101 response until the game loop has seen it
 *                             go; TCP connections still in their handshake do not count (the handshake
 *                             timeout bounds them), so they cannot take a player's place. 0: no limit
 * @param maxMessagesPerSecond per connection, inbound WebSocket messages a second (a token bucket that
 *                             holds at most this many, refilled at this rate, so a burst of this many
 *                             passes); the message that finds it empty closes the connection with 1008.
 *                             Control frames do not count. 0: no limit
 */
public record ConnectionLimits(int maxPeers, int maxMessagesPerSecond) {
    /** Godot's: none. */
    public static final ConnectionLimits NONE = new ConnectionLimits(0, 0);
    /** The largest value either limit takes. */
    public static final int MAX = 1_000_000;

    public ConnectionLimits {
        if (maxPeers < 0 || maxPeers > MAX) {
            throw new IllegalArgumentException("max peers must be 1 to " + MAX + " (0: no limit), got " + maxPeers);
        }
        if (maxMessagesPerSecond < 0 || maxMessagesPerSecond > MAX) {
            throw new IllegalArgumentException("max messages per second must be 1 to " + MAX + " (0: no limit), got "
                    + maxMessagesPerSecond);
        }
    }

    /** For a banner, e.g. {@code "max peers 500, max 100 msgs/s per peer"}; empty when there are none. */
    public String describe() {
        String peers = maxPeers == 0 ? "" : "max peers " + maxPeers;
        String rate = maxMessagesPerSecond == 0 ? "" : "max " + maxMessagesPerSecond + " msgs/s per peer";
        return peers.isEmpty() || rate.isEmpty() ? peers + rate : peers + ", " + rate;
    }
}

package dev.godotload.server.transport;

/**
 * A snapshot of a transport's counters, cumulative since start. Packets and bytes are WebSocket
 * message payloads exchanged with the listener (the 4-byte id message is not one).
 *
 * @param peers           peers connected now, as the listener sees them
 * @param packetsIn       messages delivered to the listener
 * @param packetsOut      packets written to a socket
 * @param bytesIn         payload bytes of {@code packetsIn}
 * @param bytesOut        payload bytes of {@code packetsOut}
 * @param droppedOutbound packets refused because the peer's outbound buffer was full
 * @param queuedOutBytes  bytes handed to peers' connections and not yet written to their sockets, now
 * @param queuedOutMaxBytes the most of them one peer has, now: at the outbound buffer's size, that peer loses packets
 * @param loopLagMicros   the game loop's worst lateness over the last second (see {@link LoopLag})
 */
public record TransportStats(int peers, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                             long droppedOutbound, long queuedOutBytes, long queuedOutMaxBytes, long loopLagMicros) {
}

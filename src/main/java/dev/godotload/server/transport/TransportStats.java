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
 */
public record TransportStats(int peers, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                             long droppedOutbound) {
}

package dev.godotload.faults;

/**
 * What the fault proxy did: connections accepted, those whose server could not be reached, bytes
 * read from users (up) and from the server (down) before the toxics, and sockets reset.
 */
public record FaultProxyStats(long connections, long unreachable, long bytesUp, long bytesDown, long resets) {
}

package dev.godotload.server.transport;

/** A refused upgrade request; the message is the one-line reason sent back and logged. */
final class HandshakeException extends Exception {
    HandshakeException(String reason) {
        // A refused handshake is the client's doing, not ours: no stack trace worth keeping.
        super(reason, null, false, false);
    }
}

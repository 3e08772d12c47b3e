package dev.godotload.server.multiplayer;

import dev.godotload.peer.ReceiveCache;
import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.Timers;

/**
 * The server's state for one connected client: its link, the path ids it announced to the server,
 * and, while it authenticates, how far that has gone.
 */
final class PeerState {
    final Connection link;
    final int id;
    final ReceiveCache paths = new ReceiveCache();
    boolean admitted;
    /** The server accepted the peer's token and sent {@code 07 00}. */
    boolean authLocal;
    /** The peer sent {@code 07 00}. */
    boolean authRemote;
    Timers.Cancellable authTimer;

    PeerState(Connection link) {
        this.link = link;
        this.id = link.id();
    }

    void cancelAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel();
            authTimer = null;
        }
    }

    @Override
    public String toString() {
        return "peer " + id;
    }
}

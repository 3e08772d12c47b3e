package dev.godotload.gatling;

import dev.godotload.peer.PeerEvent;

/** Sees every replication event of every user of a run, in each user's arrival order; called on that user's thread. */
interface ReplicaHandler {
    default void spawned(GodotUser user, PeerEvent.Spawned event, long receivedMillis) {
    }

    default void despawned(GodotUser user, PeerEvent.Despawned event, long receivedMillis) {
    }

    default void synced(GodotUser user, PeerEvent.Synced event, long receivedMillis) {
    }

    /** The user leaves: last chance to judge what it holds. */
    default void leaving(GodotUser user, long nowMillis) {
    }
}

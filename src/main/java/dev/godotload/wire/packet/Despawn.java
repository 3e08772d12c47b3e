package dev.godotload.wire.packet;

/** DESPAWN: the node the same sender spawned as {@code netId} is gone. */
public record Despawn(int netId) implements Replication {
}

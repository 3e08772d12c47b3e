package dev.godotload.gatling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.godotload.peer.Godot4Peer;
import dev.godotload.peer.PeerEvent;
import dev.godotload.peer.SpawnedNode;

/**
 * Row {@code despawn}: when a player leaves, each other user's DESPAWN of the player's node, timed
 * from the moment the player left. A DESPAWN of a player who is still here is a KO, and so is a
 * node of a player who left more than {@code grace} before a user leaves that is still spawned on
 * that user. Players are nodes named after their peer ids under a spawn path ({@code {peer}}).
 * Shared by the users of a run: one entry per player who left.
 */
public final class Despawns implements ReplicaHandler {
    private final String rowName;
    private final String nodePattern;
    private final long graceMillis;
    private final Map<Integer, Long> leftAt = new ConcurrentHashMap<>();
    private final AtomicLong observed = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();

    Despawns(String rowName, String nodePattern, long graceMillis) {
        this.rowName = rowName;
        this.nodePattern = nodePattern;
        this.graceMillis = graceMillis;
    }

    /** {@code user} leaves now: the others should see its node despawned. */
    void left(GodotUser user, long nowMillis) {
        if (user.id() != 0) {
            leftAt.put(user.id(), nowMillis);
        }
    }

    @Override
    public void despawned(GodotUser user, PeerEvent.Despawned event, long receivedMillis) {
        int owner = Godot.clientAt(nodePattern, event.node().path());
        if (owner == 0) {
            return;
        }
        Long left = leftAt.get(owner);
        if (left != null) {
            observed.incrementAndGet();
            user.record(Row.ok(rowName, left, receivedMillis));
        } else if (user.knows(owner)) {
            user.record(Row.ko(rowName, receivedMillis, receivedMillis,
                    "the server despawned the node of a player who is still connected"));
        }
    }

    @Override
    public void leaving(GodotUser user, long nowMillis) {
        left(user, nowMillis);
        if (!(user.peer() instanceof Godot4Peer p)) {
            return;
        }
        for (SpawnedNode node : p.spawnedNodes()) {
            int owner = Godot.clientAt(nodePattern, node.path());
            Long left = owner == 0 || owner == user.id() ? null : leftAt.get(owner);
            if (left != null && nowMillis - left > graceMillis) {
                missing.incrementAndGet();
                // one message for all, so the report's error table groups them
                user.record(Row.ko(rowName, left, nowMillis, "no DESPAWN of a player who left more than " + graceMillis
                        + " ms before"));
            }
        }
    }

    /** DESPAWNs seen of players who had left. */
    public long observed() {
        return observed.get();
    }

    /** Nodes of departed players still spawned on a user when it left. */
    public long missing() {
        return missing.get();
    }
}

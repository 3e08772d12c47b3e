package dev.godotload.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.godotload.gatling.Despawns;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotClock;
import dev.godotload.gatling.GodotUser;
import dev.godotload.gatling.SyncFanOut;
import dev.godotload.wire.variant.Vector3;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * The plaza ({@code godot/plaza-godot4}) in a simulation's words: the server spawns a player named
 * after each peer under {@code Main/Players}; each player owns its {@code Sync}, which streams its
 * position, rotation and a timestamp ({@code stamp}, the sender's clock in microseconds) to every
 * other player. Rows: {@code spawn} (joining until one's own player appears), {@code sync fan-out}
 * (each copy of a player's state at each other player, timed from its stamp) and {@code despawn}
 * (each other player seeing a player who left disappear).
 */
public final class Plaza {
    public static final String PLAYER = "Main/Players/" + Godot.PEER;
    public static final String SYNC = PLAYER + "/Sync";
    public static final String SYNC_FAN_OUT = "sync fan-out";
    public static final String DESPAWN = "despawn";
    /** The property the game replicates for latency: the sender's clock when it took the pose. */
    public static final String STAMP = "stamp";
    private static final String LAST_STAMP = "plaza stamp";
    private static final double WALK_RADIUS = 2.0;

    private final Godot godot;
    private final SyncFanOut fanOut;
    private final Despawns despawns;

    /**
     * @param players how many players will walk; those who are done wait for the others before leaving
     * @param grace   how long after a player left its node may still be spawned on another player
     */
    public Plaza(Godot godot, int players, Duration grace) {
        this.godot = godot;
        this.fanOut = godot.syncFanOut(SYNC_FAN_OUT, SYNC, STAMP).participants(players);
        this.despawns = godot.despawns(DESPAWN, PLAYER, grace);
    }

    /** Joining the plaza: waits until the server spawned this user's player (row {@code spawn}). */
    public ChainBuilder arrive(Duration timeout) {
        return godot.spawned(PLAYER, timeout);
    }

    /** One network frame of walking: the player's pose, sent to everyone who confirmed its synchronizer. */
    public ChainBuilder walk() {
        return godot.sync(SYNC, s -> pose(Godot.user(s)));
    }

    public SyncFanOut fanOut() {
        return fanOut;
    }

    public Despawns despawns() {
        return despawns;
    }

    /** A player walking a small circle around its own spot, facing where it goes. */
    static Map<String, Object> pose(GodotUser me) {
        long stamp = me.nextAtLeast(LAST_STAMP, GodotClock.nowMicros());
        double angle = (stamp / 1_000_000.0) % (2 * Math.PI);
        double spot = (me.id() % 360) * Math.PI / 180;
        Map<String, Object> pose = new LinkedHashMap<>();
        pose.put("position", new Vector3(10 * Math.cos(spot) + WALK_RADIUS * Math.cos(angle), 0,
                10 * Math.sin(spot) + WALK_RADIUS * Math.sin(angle)));
        pose.put("rotation", new Vector3(0, -angle, 0));
        pose.put(STAMP, stamp);
        return pose;
    }
}

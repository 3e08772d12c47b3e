package dev.godotload.demo;

import java.util.List;

import dev.godotload.gatling.FanOut;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotClock;
import dev.godotload.gatling.GodotUser;
import dev.godotload.peer.PeerEvent.RpcReceived;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.Vector3;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * The demo game's avatars ({@code Main/Avatars} of docs/contract.md) in a simulation's words: a user
 * streams its head pose, and the server relays each pose to every other peer (row
 * {@code pose fan-out}, timed from the pose's {@code sent_usec}). No copy comes back to the sender
 * and no acknowledgement: the sender's peer list when it sends says who should get one.
 */
public final class Avatars {
    public static final String NODE = "Main/Avatars";
    public static final String FAN_OUT = "pose fan-out";
    /** A user's last {@code sent_usec}: a pose's sequence, strictly increasing per user. */
    private static final String LAST_SENT = "pose usec";
    private static final double EYE_HEIGHT = 1.7;

    private final Godot godot;
    private final FanOut fanOut;

    /** @param streamers how many users will stream poses; those who are done wait for the others before leaving */
    public Avatars(Godot godot, int streamers) {
        this.godot = godot;
        // pose_changed(peer, pose, sent_usec)
        this.fanOut = godot.fanOutAsSent(FAN_OUT, NODE, "pose_changed", pose -> pose.longArg(0), Avatars::sentUsec,
                Avatars::sentUsec).participants(streamers);
    }

    /** {@code update_pose(pose, sent_usec)}: the user's head, walking a circle of its own. */
    public ChainBuilder movePose() {
        return godot.call(NODE, "update_pose", s -> {
            GodotUser me = Godot.user(s);
            long sent = me.nextAtLeast(LAST_SENT, GodotClock.nowMicros());
            fanOut.sent(me, sent);
            return List.of(head(me.id(), sent), sent);
        }).send();
    }

    /** The delivery accounting of every relayed pose. */
    public FanOut fanOut() {
        return fanOut;
    }

    /** A head at eye height on a circle around the user's own spot, turning as it walks: a pose a client would send. */
    static Transform3D head(int peer, long micros) {
        double angle = (micros / 1_000_000.0) % (2 * Math.PI);
        double spot = (peer % 360) * Math.PI / 180;
        Vector3 origin = new Vector3(10 * Math.cos(spot) + Math.cos(angle), EYE_HEIGHT, 10 * Math.sin(spot) + Math.sin(angle));
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        Basis yaw = new Basis(new Vector3(c, 0, s), new Vector3(0, 1, 0), new Vector3(-s, 0, c));
        return new Transform3D(yaw, origin);
    }

    private static long sentUsec(RpcReceived pose) {
        return pose.longArg(2);
    }
}

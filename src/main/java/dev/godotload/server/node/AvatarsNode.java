package dev.godotload.server.node;

import java.util.List;

import dev.godotload.server.multiplayer.NodeCall;
import dev.godotload.server.multiplayer.ServerNode;

/**
 * {@code Main/Avatars} of the contract: {@code update_pose(pose, sent_usec)} goes to every other
 * peer as {@code pose_changed(peer, pose, sent_usec)}.
 */
public final class AvatarsNode implements ServerNode {
    public static final String PATH = "Main/Avatars";

    private long relayed;

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public void call(NodeCall call) {
        if (call.method().equals("update_pose")) {
            relayed++;
            call.host().broadcastExcept(call.from(), PATH, "pose_changed",
                    List.of((long) call.from(), call.args().get(0), call.longArg(1)));
        }
    }

    /** Poses relayed. */
    public long relayed() {
        return relayed;
    }
}

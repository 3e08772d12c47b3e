package dev.godotload.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.godotload.gatling.FanOut;
import dev.godotload.gatling.Godot;
import dev.godotload.peer.PeerEvent.RpcReceived;
import dev.godotload.target.ReportFolder;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.IntegrityVerdict;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * The demo game's shared prop world ({@code Main/World} of docs/contract.md) in a simulation's
 * words: a user glues a selection of props and merges it (row {@code prop merge}, OK on
 * {@code edit_applied}, KO on {@code edit_rejected}); everyone else sees the merge land (row
 * {@code world fan-out}); at the end one user reads the world back and every merge of the run is
 * checked against it (rows {@code world read back} and {@code world integrity}). The argument layout
 * of the RPCs lives here, named.
 */
public final class SharedWorld {
    public static final String NODE = "Main/World";
    public static final String MERGE = "prop merge";
    public static final String FAN_OUT = "world fan-out";
    public static final String READ_BACK = "world read back";
    public static final String INTEGRITY = "world integrity";
    /** The verdict's file, next to the report's index.html. */
    public static final String VERDICT_FILE = "world-integrity.json";

    private final Godot godot;
    private final MergeLedger ledger = new MergeLedger();
    private final FanOut fanOut;

    /** @param editors how many users will merge; those who are done wait for the others before leaving */
    public SharedWorld(Godot godot, int editors) {
        this.godot = godot;
        // world_changed(version, from_peer, glued); the author gets edit_applied(op_id, version) instead of a copy
        this.fanOut = godot.fanOutToOthers(FAN_OUT, NODE, "world_changed",
                        SharedWorld::changedBy, change -> ledger.sentMicros(changedBy(change), glued(change)),
                        change -> change.longArg(0), NODE, "edit_applied", applied -> applied.longArg(1))
                .participants(editors);
        godot.onPush(NODE, "edit_applied", push -> ledger.acknowledged(push.user(), opId(push.rpc()), push.rpc().longArg(1)));
        godot.onPush(NODE, "edit_rejected", push -> ledger.rejected(push.user(), opId(push.rpc()), reason(push.rpc())));
    }

    /**
     * {@code merge_world(op_id, glued)} with the session's {@code selection} (a {@link Selections}
     * feeder puts it there), recorded in the ledger before it is sent, then the wait for its answer.
     */
    public ChainBuilder merge() {
        return godot.call(NODE, "merge_world", s -> {
                    int[] glued = s.get(Selections.KEY);
                    return List.of(ledger.attempt(Godot.user(s), glued), new PackedInt32Array(glued));
                })
                .await(MERGE, NODE, "edit_applied", "edit_rejected", (answer, me) -> opId(answer) == ledger.opId(me),
                        SharedWorld::reason);
    }

    /** {@code request_state()}, the state checked against every merge, and the verdict as a report row. */
    public ChainBuilder readBackAndJudge() {
        return godot.call(NODE, "request_state", s -> List.of())
                .await(READ_BACK, NODE, "receive_state", (state, me) -> {
                    ledger.check(state.longArg(0), state.args().get(1)); // receive_state(version, groups)
                    return true;
                })
                .exec(ledger.judge(godot, INTEGRITY));
    }

    public FanOut fanOut() {
        return fanOut;
    }

    /**
     * Prints the fan-out summary and the verdict (the first 20 problems by name), and writes the
     * verdict to {@value #VERDICT_FILE} in the report folder of {@code simulation}, after what ran
     * against what.
     */
    public void report(Class<?> simulation, String target, int users, int mergesPerUser) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("simulation", simulation.getSimpleName());
        about.put("target", target);
        about.put("users", users);
        about.put("mergesPerUser", mergesPerUser);
        System.out.println("godot-load: " + fanOut.summary());
        IntegrityVerdict verdict = ledger.verdict();
        if (verdict == null) {
            System.out.println("godot-load: world integrity NOT CHECKED: "
                    + (ledger.unreadable() != null ? ledger.unreadable() : "the world was not read back"));
        } else {
            System.out.println("godot-load: " + verdict.summary());
            for (String problem : verdict.problems(20)) {
                System.out.println("godot-load:   " + problem);
            }
        }
        Path json = ReportFolder.of(simulation).resolve(VERDICT_FILE);
        try {
            ledger.writeJson(json, about);
            System.out.println("godot-load: verdict written to " + json);
        } catch (IOException e) {
            System.err.println("godot-load: cannot write " + json + ": " + e.getMessage());
        }
    }

    // edit_applied(op_id, version), edit_rejected(op_id, reason)
    private static long opId(RpcReceived answer) {
        return answer.longArg(0);
    }

    private static String reason(RpcReceived rejection) {
        return rejection.stringArg(1);
    }

    // world_changed(version, from_peer, glued)
    private static long changedBy(RpcReceived change) {
        return change.longArg(1);
    }

    private static PackedInt32Array glued(RpcReceived change) {
        return (PackedInt32Array) change.args().get(2);
    }
}

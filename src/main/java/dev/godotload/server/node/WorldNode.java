package dev.godotload.server.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.server.multiplayer.Answer;
import dev.godotload.server.multiplayer.NodeCall;
import dev.godotload.server.multiplayer.NodeHost;
import dev.godotload.server.multiplayer.ServerNode;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.StoredMerge;
import dev.godotload.world.World;
import dev.godotload.world.WorldStore;

/**
 * {@code Main/World} of the contract: users glue props together and merge their changed world
 * into the shared one.
 *
 * <ul>
 * <li>{@code merge_world(op_id, glued)}: checked (2 to 64 distinct known props, an op id the peer
 * has not used), applied to the in-memory {@link World}, appended to the {@link WorldStore}. Only
 * when the commit holding it completes does the sender get {@code edit_applied(op_id, version)} and
 * every other peer {@code world_changed(version, from_peer, glued)}. A refused merge gets
 * {@code edit_rejected(op_id, reason)} and changes nothing.</li>
 * <li>{@code request_state()}: the state as it is when the request arrives, sent once every merge
 * applied before it has committed, so a reader never sees an edit a crash could still take back.</li>
 * </ul>
 * If the store fails, the node stops applying merges (fail-stop) and answers every later one with
 * {@code edit_rejected}; merges in flight get no answer, which a client must count as indeterminate.
 */
public final class WorldNode implements ServerNode {
    public static final String PATH = "Main/World";
    /** The fault switch's name, as {@code --fault} takes it. */
    public static final String LOSE_ACKED_MERGES = "lose-acked-merges";

    private static final Logger LOG = LoggerFactory.getLogger(WorldNode.class);

    private final World world;
    private final WorldStore store;
    private final double loseAckedMerges;
    private final DoubleSupplier random;
    /** Op ids each connected peer has used, so a repeated one is refused, never applied twice. */
    private final Map<Integer, Set<Long>> opIds = new HashMap<>();
    private NodeHost host;
    private String storeFailure;
    private long applied;
    private long rejected;
    /** Read by the server's close from another thread. */
    private volatile long lostOnPurpose;

    /**
     * @param world           the world as loaded from {@code store}
     * @param loseAckedMerges fault injection, 0 normally: this fraction of merges is acknowledged but
     *                        neither applied nor stored, to show that the integrity check catches it
     * @param random          uniform in [0, 1), for the fault switch
     */
    public WorldNode(World world, WorldStore store, double loseAckedMerges, DoubleSupplier random) {
        if (!(loseAckedMerges >= 0 && loseAckedMerges <= 1)) {
            throw new IllegalArgumentException(LOSE_ACKED_MERGES + " must be a fraction from 0 to 1, got " + loseAckedMerges);
        }
        if (world.props() != store.props()) {
            throw new IllegalArgumentException("the world has " + world.props() + " props, its store " + store.props());
        }
        this.world = world;
        this.store = store;
        this.loseAckedMerges = loseAckedMerges;
        this.random = random;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public void attach(NodeHost nodeHost) {
        this.host = nodeHost;
    }

    @Override
    public void call(NodeCall call) {
        switch (call.method()) {
            case "merge_world" -> merge(call);
            case "request_state" -> requestState(call);
            // The server-to-client methods are authority-only: the dispatcher refuses them first.
            default -> LOG.debug("peer {} called {} on {}; not handled", call.from(), call.method(), PATH);
        }
    }

    private void merge(NodeCall call) {
        int peer = call.from();
        long opId = call.longArg(0);
        int[] glued = ((PackedInt32Array) call.args().get(1)).values();
        String why;
        if (!opIds.computeIfAbsent(peer, p -> new HashSet<>()).add(opId)) {
            why = "duplicate op_id " + opId;
        } else if (storeFailure != null) {
            why = "the world store failed, no merge is applied: " + storeFailure;
        } else {
            why = world.rejection(glued);
        }
        if (why != null) {
            rejected++;
            call.reply("edit_rejected", List.of(opId, why));
            return;
        }
        if (loseAckedMerges > 0 && random.getAsDouble() < loseAckedMerges) {
            long version = world.skipVersion();
            lostOnPurpose++;
            LOG.warn("fault {}: acknowledging op {} of peer {} as version {} without applying it", LOSE_ACKED_MERGES, opId,
                    peer, version);
            // behind the store's queue, so acknowledgements still leave in version order
            Answer answer = call.answerLater();
            store.flush().whenComplete((ok, failure) -> host.later(() -> committed(answer, peer, opId, version, glued, failure)));
            return;
        }
        long version = world.apply(glued);
        Answer answer = call.answerLater();
        store.append(new StoredMerge(version, peer, opId, glued))
                .whenComplete((ok, failure) -> host.later(() -> committed(answer, peer, opId, version, glued, failure)));
    }

    private void committed(Answer answer, int peer, long opId, long version, int[] glued, Throwable failure) {
        if (failure != null) {
            answer.withdraw();
            if (storeFailure == null) {
                storeFailure = rootMessage(failure);
                LOG.error("the world store failed at version {}; merges are refused from now on: {}", version, storeFailure);
            }
            return;
        }
        applied++;
        answer.send("edit_applied", List.of(opId, version));
        host.broadcastExcept(peer, PATH, "world_changed", List.of(version, (long) peer, new PackedInt32Array(glued)));
    }

    private void requestState(NodeCall call) {
        long version = world.version();
        List<Object> groups = new ArrayList<>();
        for (int[] g : world.groups()) {
            groups.add(new PackedInt32Array(g));
        }
        List<Object> state = List.of(version, groups);
        Answer answer = call.answerLater();
        store.flush().whenComplete((ok, failure) -> host.later(() -> {
            if (failure != null) {
                // What the request saw may not be durable; no answer is better than a dirty read.
                LOG.error("state for peer {} not sent: the world store failed: {}", call.from(), rootMessage(failure));
                answer.withdraw();
                return;
            }
            answer.send("receive_state", state);
        }));
    }

    @Override
    public void peerLeft(int peer) {
        opIds.remove(peer);
    }

    /** The current world version (for {@code Main/Stats}). Game loop only. */
    public long version() {
        return world.version();
    }

    /** Merges acknowledged. */
    public long applied() {
        return applied;
    }

    /** Merges refused. */
    public long rejected() {
        return rejected;
    }

    /** Merges acknowledged without being applied, by the fault switch. */
    public long lostOnPurpose() {
        return lostOnPurpose;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}

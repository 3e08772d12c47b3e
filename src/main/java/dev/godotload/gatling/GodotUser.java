package dev.godotload.gatling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.peer.Audience;
import dev.godotload.peer.GodotPeer;
import dev.godotload.peer.PeerEvent;
import dev.godotload.wire.WireFormatException;

/**
 * One virtual user's side of the conversation, kept in its Gatling session: the Godot peer state,
 * the report rows it owes, the replies it owes the server, and its own counters. Every inbound
 * frame passes through {@link #onFrame} exactly once, in arrival order, whether it was matched
 * live by an await or drained from Gatling's buffer, so peer sets and path caches stay exact.
 */
public final class GodotUser {
    private static final Logger LOG = LoggerFactory.getLogger(GodotUser.class);

    private final GodotPeer peer;
    private final int index;
    private final Map<String, List<PushHandler>> handlers;
    private final ContractCheck contract;
    private final List<ReplicaHandler> replicaHandlers;
    /** Frames built and not yet sent (a synchronizer's messages to each peer). */
    private final java.util.ArrayDeque<byte[]> outgoing = new java.util.ArrayDeque<>();
    /** When this user started connecting, in Gatling's clock. */
    private long joiningMillis;
    /** Nodes this user already found differing: one KO per node and user, however many packets show it. */
    private java.util.Set<String> differing = java.util.Set.of();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> counters = new HashMap<>();
    /** What ended the last await that can be refused: the reply's method, or the refusal. */
    private String answer;
    private long protocolErrors;
    private long ignored;
    private boolean warned;
    /** Frames an await matched, so a wait that failed before its timeout can tell a refusal from a lost connection. */
    private long matched;
    /** Why this user's connection ended under it, or null while it is open (or closed by the user). */
    private String lost;
    /** When the peer id arrived, in Gatling's clock. */
    private long connectedMillis;
    /** The WebSocket action being watched (see {@link Godot#watched}): its start, the matches before it, the session's mark. */
    private long watchSince;
    private long watchMatched;
    private boolean failedBeforeWatch;
    /** Counted among {@link Godot#usersOnline()}: from its id's arrival until it leaves or loses its connection. */
    private boolean online;

    GodotUser(GodotPeer peer, int index, Map<String, List<PushHandler>> handlers) {
        this(peer, index, handlers, new ContractCheck(peer.contract()));
    }

    GodotUser(GodotPeer peer, int index, Map<String, List<PushHandler>> handlers, ContractCheck contract) {
        this(peer, index, handlers, contract, List.of());
    }

    GodotUser(GodotPeer peer, int index, Map<String, List<PushHandler>> handlers, ContractCheck contract,
            List<ReplicaHandler> replicaHandlers) {
        this.peer = peer;
        this.index = index;
        this.handlers = handlers;
        this.contract = contract;
        this.replicaHandlers = replicaHandlers;
    }

    /** This user's Godot peer id, or 0 before the server sent it. */
    public int id() {
        return peer.id();
    }

    /** This user's number in its run (0, 1, 2 … in the order users started), for run-wide bitsets. */
    public int index() {
        return index;
    }

    /** How many other players the server announced and still has. */
    public int peerCount() {
        return peer.peerCount();
    }

    /** The users of this injector a message this user sends now reaches (see {@link FanOut}). */
    Audience audience() {
        return peer.audience();
    }

    /** Whether the server announced {@code peer} to this user and still has it. */
    public boolean knows(int peer) {
        return this.peer.knows(peer);
    }

    GodotPeer peer() {
        return peer;
    }

    /**
     * Takes one inbound frame and tells whether it is the event {@code awaited} wants. A frame that
     * is not a valid packet is counted, logged once per user, and never matches.
     */
    boolean onFrame(byte[] frame, long receivedMillis, Predicate<PeerEvent> awaited) {
        PeerEvent event;
        try {
            event = peer.receive(frame);
        } catch (WireFormatException e) {
            // a Godot client drops such a packet with an error and carries on; so does this user
            protocolErrors++;
            problem("malformed packet from the server: " + e.getMessage());
            record(Row.ko(Godot.PROTOCOL_ERROR, receivedMillis, receivedMillis, "protocol error: " + e.getMessage()));
            return false;
        }
        if (event instanceof PeerEvent.IdAssigned) {
            connectedMillis = receivedMillis;
        }
        if (event instanceof PeerEvent.RpcReceived rpc) {
            List<PushHandler> hs = handlers.get(key(rpc.node(), rpc.method()));
            if (hs != null) {
                Push push = new Push(rpc, receivedMillis, this);
                for (PushHandler h : hs) {
                    h.onPush(push);
                }
            }
        } else if (event instanceof PeerEvent.Spawned e) {
            for (ReplicaHandler h : replicaHandlers) {
                h.spawned(this, e, receivedMillis);
            }
        } else if (event instanceof PeerEvent.Despawned e) {
            for (ReplicaHandler h : replicaHandlers) {
                h.despawned(this, e, receivedMillis);
            }
        } else if (event instanceof PeerEvent.Synced e) {
            for (ReplicaHandler h : replicaHandlers) {
                h.synced(this, e, receivedMillis);
            }
        } else if (event instanceof PeerEvent.PathConfirmed c && peer.contract().nodeOrNull(c.path()) == null) {
            // a synchronizer's path, confirmed by the server or another player: no RPCs to check
            if (!c.valid()) {
                problem("the checksum of " + c.path() + " was refused: it should have no @rpc methods");
            }
        } else if (event instanceof PeerEvent.PathAnnounced a && !a.checksumMatches()
                && peer.contract().nodeOrNull(a.path()) == null) {
            problem("peer " + a.from() + " announced " + a.path() + " with a checksum of @rpc methods it should not have");
        } else if (event instanceof PeerEvent.PathConfirmed c) {
            if (c.valid()) {
                record(Row.ok(ContractCheck.row(c.path()), receivedMillis, receivedMillis));
            } else {
                differs(c.path(), true, receivedMillis);
            }
        } else if (event instanceof PeerEvent.PathAnnounced a && !a.checksumMatches()) {
            differs(a.path(), false, receivedMillis);
        } else if (event instanceof PeerEvent.Ignored i) {
            ignored++;
            problem(i.reason());
        }
        boolean match = awaited != null && awaited.test(event);
        if (match) {
            matched++;
        }
        return match;
    }

    /** The user starts connecting now (Gatling's clock). */
    void joining(long nowMillis) {
        joiningMillis = nowMillis;
    }

    /** When this user started connecting, in Gatling's clock. */
    long joiningMillis() {
        return joiningMillis;
    }

    void queue(List<byte[]> frames) {
        outgoing.addAll(frames);
    }

    boolean hasQueued() {
        return !outgoing.isEmpty();
    }

    byte[] takeQueued() {
        return outgoing.poll();
    }

    /** Drops what was built and not sent (the connection is gone). */
    void dropQueued() {
        outgoing.clear();
    }

    /** Sets counter {@code name} (see {@link #next}). */
    public void set(String name, long value) {
        counters.put(name, value);
    }

    /** A watched WebSocket action starts now; {@code failed}: the session's failed mark before it. */
    void watch(long nowMillis, boolean failed) {
        watchSince = nowMillis;
        watchMatched = matched;
        failedBeforeWatch = failed;
    }

    /**
     * The watched action ended; {@code failed}: it marked the session failed. True when that means
     * the connection was lost (see {@link Godot#watched}), which this records.
     */
    boolean watched(String step, boolean failed, java.time.Duration timeout, long nowMillis) {
        boolean timedOut = timeout != null && nowMillis - watchSince >= timeout.toMillis();
        if (failed && lost == null && !timedOut && matched == watchMatched) {
            connectionLost(step, nowMillis);
            return true;
        }
        return false;
    }

    /** How long the watched action has taken by {@code nowMillis}. */
    long watchedFor(long nowMillis) {
        return nowMillis - watchSince;
    }

    boolean failedBeforeWatch() {
        return failedBeforeWatch;
    }

    /**
     * The connection ended without this user closing it: one KO {@value Godot#CONNECTION_LOST} row,
     * and from now on the user sends nothing (see {@link Godot#connected}).
     */
    void connectionLost(String step, long nowMillis) {
        if (lost != null) {
            return;
        }
        // one message for every user, so the report's error table counts them on one line
        lost = "connection lost at '" + step + "': the server closed the WebSocket or the connection dropped";
        LOG.warn("peer {}: {}, {} s after its id arrived", peer.id(), lost, (nowMillis - connectedMillis) / 1000);
        record(Row.ko(Godot.CONNECTION_LOST, nowMillis, nowMillis, lost));
    }

    /** True the first time: this user is online now. */
    boolean arrive() {
        if (online) {
            return false;
        }
        online = true;
        return true;
    }

    /** True the first time after {@link #arrive}: this user is not online any more. */
    boolean depart() {
        if (!online) {
            return false;
        }
        online = false;
        return true;
    }

    /** Whether the connection ended under this user (see {@link #connectionLost}). */
    public boolean lost() {
        return lost != null;
    }

    private void differs(String node, boolean ours, long millis) {
        if (!differing.contains(node)) {
            java.util.Set<String> more = new java.util.HashSet<>(differing);
            more.add(node);
            differing = more;
            record(Row.ko(ContractCheck.row(node), millis, millis, contract.mismatch(node, ours)));
        }
    }

    /** Leaving: a path announced to the server and never confirmed is a contract KO of its node. */
    /** The user leaves now: the replication handlers judge what it holds. */
    void leaving(long nowMillis) {
        for (ReplicaHandler h : replicaHandlers) {
            h.leaving(this, nowMillis);
        }
    }

    void checkPathsConfirmed(long nowMillis) {
        for (String path : peer.unconfirmedPaths()) {
            if (peer.contract().nodeOrNull(path) == null) {
                problem("the server never confirmed the path " + path);
                continue; // a synchronizer's path: one row per player would flood the report
            }
            record(Row.ko(ContractCheck.row(path), nowMillis, nowMillis, contract.unconfirmed(path)));
        }
    }

    /** Logs the first problem of this user only: under load the same one repeats thousands of times. */
    private void problem(String what) {
        if (!warned) {
            warned = true;
            LOG.warn("peer {}: {}", peer.id(), what);
        }
    }

    void answer(String what) {
        answer = what;
    }

    String takeAnswer() {
        String a = answer;
        answer = null;
        return a == null ? "no answer" : a;
    }

    /** Adds a row to the report at the next drain. */
    public void record(Row row) {
        rows.add(row);
    }

    List<Row> takeRows() {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Row> out = new ArrayList<>(rows);
        rows.clear();
        return out;
    }

    /** Increments and returns this user's counter {@code name} (1 the first time). */
    public long next(String name) {
        return counters.merge(name, 1L, Long::sum);
    }

    /** Advances counter {@code name} to {@code floor}, or by one when it is there already, and returns it. */
    public long nextAtLeast(String name, long floor) {
        return counters.merge(name, floor, (old, f) -> Math.max(old + 1, f));
    }

    /** The current value of counter {@code name} (0 before the first {@link #next}). */
    public long current(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Frames that were not valid Godot packets. */
    public long protocolErrors() {
        return protocolErrors;
    }

    /** Valid packets that a Godot client would have dropped with an error (unknown node id, bad arguments…). */
    public long ignored() {
        return ignored;
    }

    static String key(String node, String method) {
        return node + "." + method;
    }
}

package dev.godotload.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.peer.Godot4Peer;
import dev.godotload.peer.GodotPeer;
import dev.godotload.peer.PeerDirectory;
import dev.godotload.peer.PeerEvent;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.PeerId;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The Godot DSL over Gatling's WebSocket module: each virtual user is a Godot 4 client that gets
 * its peer id, calls RPCs by node path and method name, answers the server's path announcements
 * and decodes every push. One instance per simulation; build chains from it.
 *
 * <pre>{@code
 * Godot godot = Godot.builder(contract).url(target::url).build();
 * scenario("chat").exec(godot.connect())
 *     .exec(godot.call("Main/Chat", "send_message", s -> List.of("hi", GodotClock.nowMicros(), 1L))
 *         .await("chat round trip", "Main/Chat", "receive_message", (rpc, user) -> rpc.longArg(0) == user.id()))
 *     .exec(godot.disconnect());
 * }</pre>
 *
 * <p>How pushes are never lost: Gatling hands a frame either to the check an await armed (our
 * matcher sees every frame of the wait) or, between awaits, to its unmatched-message buffer, which
 * it clears on every send. Every send this DSL makes is preceded, in the same synchronous action
 * chain, by a drain of that buffer, so each frame reaches {@link GodotUser} exactly once, in order.
 */
public final class Godot {
    /** The session attribute holding the {@link GodotUser}. */
    public static final String USER = "godot.user";
    /** Set on a user that did not connect because the injector is short of heap or file descriptors. */
    private static final String REFUSED = "godot.refused";
    /**
     * The report row that says whether the injector had room for every user: one OK entry from the
     * first user, a KO entry for each user that did not connect because the injector was short of heap
     * or file descriptors.
     */
    public static final String INJECTOR_LIMITS = "injector limits";
    /**
     * The report row of a user whose connection ended under it (server gone, closed by the server,
     * network reset): one KO per such user, after which it sends nothing more.
     */
    public static final String CONNECTION_LOST = "connection lost";
    /** The report row of a frame from the server that is not a valid Godot packet: a KO per frame. */
    public static final String PROTOCOL_ERROR = "protocol error";
    /** The report row of a player's own node appearing: from the start of its connect to the server's SPAWN of it. */
    public static final String SPAWN = "spawn";
    /** A path segment that stands for a peer id: a node named after its player ({@code Main/Players/{peer}}). */
    public static final String PEER = NodeSpec.PEER;
    private static final Duration SPAWN_POLL = Duration.ofMillis(20);
    static final String WS = "godot";
    /** Replies (CONFIRM_PATH) sent per drain; more wait for the next one. */
    static final int REPLIES_PER_DRAIN = 4;
    private static final Duration LISTEN_STEP = Duration.ofMillis(250);

    private final Contract contract;
    private final GodotVersion version;
    private final Supplier<String> url;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final int inboxSize;
    private final String authToken;
    private final String subprotocol;
    private final boolean serverRelay;
    private final GatlingStats stats = new GatlingStats();
    private final Map<String, List<PushHandler>> handlers = new ConcurrentHashMap<>();
    private final List<FanOut> fanOuts = new CopyOnWriteArrayList<>();
    private final List<ReplicaHandler> replicaHandlers = new CopyOnWriteArrayList<>();
    private final List<SyncFanOut> syncFanOuts = new CopyOnWriteArrayList<>();
    /** The node patterns {@link #spawned} waits for, each with its handler, registered once. */
    private final Map<String, ReplicaHandler> ownSpawns = new ConcurrentHashMap<>();
    /** The peer ids this run's users hear about, each stored once for all of them. */
    private final PeerDirectory directory = new PeerDirectory();
    private final ContractCheck contractCheck;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicBoolean connectionRowOpened = new AtomicBoolean();
    private final InjectorLimits limits;

    private Godot(Builder b) {
        this.contract = b.contract;
        this.version = b.version;
        this.url = b.url;
        this.connectTimeout = b.connectTimeout;
        this.replyTimeout = b.replyTimeout;
        this.inboxSize = b.inboxSize;
        this.authToken = b.authToken;
        this.subprotocol = b.subprotocol;
        this.serverRelay = b.serverRelay;
        this.limits = b.limits;
        this.contractCheck = new ContractCheck(b.contract);
    }

    public static Builder builder(Contract contract) {
        return new Builder(contract);
    }

    public Contract contract() {
        return contract;
    }

    public GodotVersion version() {
        return version;
    }

    /** Gatling's HTTP protocol with the buffer that holds pushes between awaits. */
    public HttpProtocolBuilder protocol() {
        return http.wsUnmatchedInboundMessageBufferSize(inboxSize);
    }

    /** The user of a session (after {@link #connect}). */
    public static GodotUser user(Session session) {
        return session.get(USER);
    }

    /** Whether this session's user is connected: it received its peer id and has not lost the connection. */
    public static boolean connected(Session session) {
        GodotUser u = session.get(USER);
        return u != null && u.id() != 0 && !u.lost();
    }

    /**
     * The assertion every simulation should make: no user was turned away because the injector ran
     * short of heap or file descriptors (row {@value #INJECTOR_LIMITS}). Such a run measured less than
     * it was asked to, whatever its other figures say.
     */
    public static Assertion injectorHadRoom() {
        return details(INJECTOR_LIMITS).failedRequests().count().is(0L);
    }

    /**
     * The assertion that no user lost its connection (row {@value #CONNECTION_LOST}: one OK entry from
     * the first user that got its id, so the row exists, and a KO for each user whose connection ended
     * under it).
     */
    public static Assertion connectionsHeld() {
        return details(CONNECTION_LOST).failedRequests().count().is(0L);
    }

    /**
     * The assertions that the server's {@code nodes} have the methods the contract says: no KO in
     * their {@code contract <node>} rows (one entry per user and node it calls; see {@link ContractCheck}).
     */
    public static List<Assertion> contractHeld(String... nodes) {
        List<Assertion> out = new java.util.ArrayList<>();
        for (String node : nodes) {
            out.add(details(ContractCheck.row(node)).failedRequests().count().is(0L));
        }
        return out;
    }

    /** Now, in the report's clock (Gatling's), in milliseconds. */
    public long nowMillis() {
        return stats.nowMillis();
    }

    /** The latencies of the run's rows, second by second, while it goes on (see {@link LiveLatencies}). */
    public LiveLatencies latencies() {
        return stats.latencies();
    }

    /**
     * The users connected now: their id arrived (and their authentication, with a token), and they
     * have neither left nor lost their connection. Gatling's active users also count those still
     * connecting or already refused; this is what the server should see.
     */
    public int usersOnline() {
        return online.get();
    }

    /** One line for the end of the run when a node of the server differed from the contract, else null. */
    public String contractSummary() {
        return contractCheck.summary();
    }

    /** Calls {@code handler} for every {@code node.method} RPC the server pushes to any user. */
    public Godot onPush(String node, String method, PushHandler handler) {
        contract.node(node).methodId(method);
        handlers.computeIfAbsent(GodotUser.key(node, method), k -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /**
     * Delivery accounting for a push the server sends to everyone (see {@link FanOut}): each copy
     * that reaches another user is a row named {@code rowName}.
     */
    public FanOut fanOut(String rowName, String node, String method, ToLongFunction<PeerEvent.RpcReceived> sender,
            ToLongFunction<PeerEvent.RpcReceived> sentMicros, ToLongFunction<PeerEvent.RpcReceived> sequence) {
        FanOut f = new FanOut(rowName, stats, directory, sender, sentMicros, sequence);
        if (!serverRelay) {
            f.unannounced();
        }
        onPush(node, method, f);
        fanOuts.add(f);
        return f;
    }

    /**
     * Delivery accounting for a push the server sends to every peer but the sender, such as
     * {@code world_changed}: the sender's acknowledgement {@code ackNode.ackMethod}, which the server
     * sends at the same moment, says how many copies to expect, and {@code ackSequence} reads from it
     * the same sequence that {@code sequence} reads from a copy.
     */
    public FanOut fanOutToOthers(String rowName, String node, String method, ToLongFunction<PeerEvent.RpcReceived> sender,
            ToLongFunction<PeerEvent.RpcReceived> sentMicros, ToLongFunction<PeerEvent.RpcReceived> sequence,
            String ackNode, String ackMethod, ToLongFunction<PeerEvent.RpcReceived> ackSequence) {
        FanOut f = fanOut(rowName, node, method, sender, sentMicros, sequence).toOthersOnly();
        onPush(ackNode, ackMethod, push -> f.expect(push.user(), ackSequence.applyAsLong(push.rpc())));
        return f;
    }

    /**
     * Delivery accounting for a push the server sends to every peer but the sender with no
     * acknowledgement, such as {@code pose_changed}: the sender's peer list when it sends says how
     * many copies to expect; the message's builder calls {@link FanOut#sent}.
     */
    public FanOut fanOutAsSent(String rowName, String node, String method, ToLongFunction<PeerEvent.RpcReceived> sender,
            ToLongFunction<PeerEvent.RpcReceived> sentMicros, ToLongFunction<PeerEvent.RpcReceived> sequence) {
        return fanOut(rowName, node, method, sender, sentMicros, sequence).asSent();
    }

    /**
     * Opens the WebSocket and waits for the peer id: rows {@code connect} (the upgrade) and
     * {@code peer id} (until the id arrived). With an auth token, then authenticates (row
     * {@code auth}). A user the injector has no room for (heap or file descriptors, see
     * {@link InjectorLimits}) does not connect: it records a KO {@value #INJECTOR_LIMITS} row instead.
     */
    public ChainBuilder connect() {
        io.gatling.javaapi.http.WsConnectActionBuilder open = ws("connect", WS).connect(s -> url.get());
        if (subprotocol != null) {
            open = open.subprotocol(subprotocol);
        }
        ChainBuilder c = exec(stats.capture())
                .exec(s -> {
                    int index = users.getAndIncrement();
                    GodotUser u = new GodotUser(GodotPeer.of(version, contract, directory), index, handlers, contractCheck,
                            replicaHandlers);
                    String refusal = limits.refusal(index);
                    long now = stats.nowMillis();
                    u.joining(now);
                    if (refusal == null) {
                        if (index == 0) {
                            u.record(Row.ok(INJECTOR_LIMITS, now, now));
                        }
                        return flush(s.set(USER, u));
                    }
                    u.record(Row.ko(INJECTOR_LIMITS, now, now, refusal.substring(refusal.indexOf(": ") + 2)));
                    return flush(s.set(USER, u).set(REFUSED, true));
                })
                .doIf(s -> !s.contains(REFUSED)).then(exec(open.await(connectTimeout).on(
                        ws.checkBinaryMessage("peer id").matching(observe(e -> e instanceof PeerEvent.IdAssigned)))));
        if (authToken != null) {
            byte[] token = authToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            c = c.doIf(Godot::connected).then(
                    exec(watched("auth data", null, ws("auth data", WS).sendBytes(s -> user(s).peer().authData(token))))
                            .doIf(Godot::connected).then(watched("auth", connectTimeout,
                                    ws("auth complete", WS).sendBytes(s -> user(s).peer().authComplete())
                                            .await(connectTimeout).on(ws.checkBinaryMessage("auth").matching(observe(
                                                    e -> e instanceof PeerEvent.AuthReceived a && a.isCompletion()))))));
        }
        // a user without an id never will have one: the others stop waiting to learn whether it is ours
        return c.exec(s -> {
            if (!connected(s)) {
                user(s).peer().abandon();
                return s;
            }
            if (user(s).arrive()) {
                online.incrementAndGet();
            }
            if (!connectionRowOpened.getAndSet(true)) {
                long now = stats.nowMillis();
                user(s).record(Row.ok(CONNECTION_LOST, now, now));
                return flush(s);
            }
            return s;
        });
    }

    // ---------------------------------------------------------------- replication (Godot 4)

    /**
     * Waits until the server spawned this user's own node, {@code nodePattern} with {@value #PEER} standing
     * for its peer id ({@code Main/Players/{peer}}): row {@value #SPAWN}, from the start of its connect
     * to the SPAWN, or a KO when none came within {@code timeout} of joining.
     */
    public ChainBuilder spawned(String nodePattern, Duration timeout) {
        requireReplication(nodePattern);
        String key = "godot.spawned " + nodePattern;
        ownSpawns.computeIfAbsent(nodePattern, p -> {
            ReplicaHandler h = new ReplicaHandler() {
                @Override
                public void spawned(GodotUser user, PeerEvent.Spawned event, long receivedMillis) {
                    if (user.current(key) == 0 && event.node().path().equals(forPeer(p, user.id()))) {
                        user.set(key, receivedMillis);
                        user.record(Row.ok(SPAWN, user.joiningMillis(), receivedMillis));
                    }
                }
            };
            replicaHandlers.add(h);
            return h;
        });
        return doIf(Godot::connected).then(exec(drain())
                .asLongAs(s -> connected(s) && user(s).current(key) == 0
                        && stats.nowMillis() - user(s).joiningMillis() < timeout.toMillis())
                .on(pause(SPAWN_POLL).exec(drain()))
                .exec(s -> {
                    GodotUser u = user(s);
                    if (connected(s) && u.current(key) == 0) {
                        long now = stats.nowMillis();
                        u.record(Row.ko(SPAWN, u.joiningMillis(), now, "no SPAWN of " + forPeer(nodePattern, u.id())
                                + " within " + timeout.toMillis() + " ms of joining"));
                        return flush(s);
                    }
                    return s;
                }));
    }

    /** Whether this user's own node {@code nodePattern} ({@value #PEER} = its id) is spawned. */
    public static boolean isSpawned(Session session, String nodePattern) {
        return connected(session) && user(session).current("godot.spawned " + nodePattern) != 0;
    }

    /**
     * One network frame of a synchronizer this user has authority over, {@code synchronizerPattern}
     * ({@code Main/Players/{peer}/Sync}): what a Godot client sends then, to the server and, through it, to
     * every other player — a SIMPLIFY_PATH to whoever was not told yet, a SYNC of {@code properties} (names
     * as in the synchronizer's config, {@code position} or {@code .:position}) to whoever confirmed. Nothing
     * while the node is not spawned.
     */
    public ChainBuilder sync(String synchronizerPattern, Function<Session, Map<String, Object>> properties) {
        requireReplication(synchronizerPattern);
        return doIf(Godot::connected).then(exec(drain())
                .exec(s -> {
                    GodotUser u = user(s);
                    Godot4Peer p = (Godot4Peer) u.peer();
                    String path = forPeer(synchronizerPattern, u.id());
                    if (!p.hasSynchronizer(path)) {
                        return s; // not spawned (yet): a Godot client has nothing to sync either
                    }
                    Map<String, Object> values = properties.apply(s);
                    int[] local = {0};
                    u.queue(p.sync(path, values, peer -> {
                        if (peer != GodotPeer.SERVER && directory.isLocal(peer)) {
                            local[0]++;
                        }
                    }));
                    for (SyncFanOut f : syncFanOuts) {
                        f.sent(u, path, values, local[0]);
                    }
                    return s;
                })
                .asLongAs(s -> connected(s) && user(s).hasQueued()).on(
                        watched("sync", null, ws("sync", WS).sendBytes(s -> user(s).takeQueued()))));
    }

    /**
     * Delivery accounting for the SYNC of {@code synchronizerPattern}: each copy of a user's state that reaches
     * another user is a row {@code rowName}, timed from the sender's clock in {@code stampProperty}, which each
     * state must carry (see {@link #sync}; use {@link GodotClock#nowMicros()}, increasing).
     */
    public SyncFanOut syncFanOut(String rowName, String synchronizerPattern, String stampProperty) {
        requireReplication(synchronizerPattern);
        // a SYNC copy is no RPC: SyncFanOut hands FanOut each copy's sender, stamp and arrival itself
        FanOut f = new FanOut(rowName, stats, directory, r -> 0, r -> 0, r -> 0);
        if (!serverRelay) {
            f.unannounced();
        }
        SyncFanOut sync = new SyncFanOut(f, synchronizerPattern, stampProperty);
        fanOuts.add(f);
        syncFanOuts.add(sync);
        replicaHandlers.add(sync);
        return sync;
    }

    /**
     * Row {@code rowName}: each user's DESPAWN of a player's node ({@code nodePattern}, e.g.
     * {@code Main/Players/{peer}}) after that player left, timed from its leaving; a node of a player who left
     * more than {@code grace} earlier still spawned on a user when it leaves is a KO.
     */
    public Despawns despawns(String rowName, String nodePattern, Duration grace) {
        requireReplication(nodePattern);
        Despawns d = new Despawns(rowName, nodePattern, grace.toMillis());
        replicaHandlers.add(d);
        return d;
    }

    private void requireReplication(String pattern) {
        if (version.isGodot3()) {
            throw new IllegalArgumentException("replication (" + pattern + ") is Godot 4's MultiplayerSpawner and "
                    + "MultiplayerSynchronizer; this run speaks Godot " + version.label());
        }
        if (contract.spawners().isEmpty() && contract.synchronizers().isEmpty()) {
            throw new IllegalArgumentException(contract.location() + " has no spawners or synchronizers, so "
                    + pattern + " cannot be replicated; extract the contract from your project "
                    + "(java -jar godot-load.jar contract PROJECT_DIR)");
        }
    }

    /** {@code pattern} with its {@value #PEER} segment replaced by {@code id}. */
    public static String forPeer(String pattern, int id) {
        return pattern.replace(PEER, Integer.toString(id));
    }

    /**
     * The client whose node {@code path} is, where {@code pattern} names client nodes by their peer id
     * ({@value #PEER}): the id, or 0 when the path does not match or names the server (1).
     */
    static int clientAt(String pattern, String path) {
        int id = NodeSpec.peerIdAt(pattern, path);
        return id >= PeerId.FIRST_CLIENT ? id : 0;
    }

    /** An RPC call on the server's node {@code node}; finish it with {@code await(...)} or {@code send()}. */
    public GodotCall call(String node, String method, Function<Session, List<Object>> args) {
        contract.node(node).methodId(method);
        return new GodotCall(this, node, method, args);
    }

    /**
     * Processes the pushes buffered since the last send (rows, peer list, path announcements),
     * records the rows they produced, and sends the replies they owe.
     */
    public ChainBuilder drain() {
        ChainBuilder c = exec(ws.processUnmatchedMessages(WS, (messages, session) -> {
            GodotUser u = user(session);
            if (messages.size() >= inboxSize) {
                u.record(Row.ko("inbox", stats.nowMillis(), stats.nowMillis(), "more than " + inboxSize
                        + " pushes between two sends: some were dropped; raise -Dgodot.inboxSize"));
            }
            for (WsInboundMessage m : messages) {
                if (m instanceof WsInboundMessage.Binary b) {
                    u.onFrame(b.message(), b.timestamp(), null);
                }
            }
            return flush(session);
        }));
        for (int i = 0; i < REPLIES_PER_DRAIN; i++) {
            c = c.doIf(s -> connected(s) && user(s).peer().hasReplies()).then(
                    watched("path cache", null, ws("path cache", WS).sendBytes(s -> user(s).peer().takeReply())));
        }
        return doIf(Godot::connected).then(c);
    }

    /** Keeps listening for {@code duration}, draining pushes as they come. */
    public ChainBuilder listen(Duration duration) {
        return listenUntil(() -> false, duration);
    }

    /** Keeps listening until {@code done} holds or {@code max} has passed, draining pushes as they come. */
    public ChainBuilder listenUntil(BooleanSupplier done, Duration max) {
        return listenWhile(s -> !done.getAsBoolean(), max);
    }

    /** Keeps listening while {@code more} holds for this user, at most {@code max}, draining pushes as they come. */
    public ChainBuilder listenWhile(Predicate<Session> more, Duration max) {
        String since = "godot.listenSince";
        return exec(s -> s.set(since, stats.nowMillis()))
                .asLongAs(s -> connected(s) && more.test(s) && stats.nowMillis() - s.getLong(since) < max.toMillis())
                .on(pause(LISTEN_STEP).exec(drain()))
                .exec(drain());
    }

    /**
     * Leaves: a last drain, the fan-out bookkeeping (the last user out records the copies that
     * never arrived), then a close frame (row {@code disconnect}).
     */
    public ChainBuilder disconnect() {
        return exec(drain())
                .exec(s -> {
                    GodotUser u = s.get(USER);
                    if (u != null && u.id() != 0) {
                        u.leaving(stats.nowMillis());
                        u.dropQueued();
                    }
                    if (connected(s)) {
                        u.checkPathsConfirmed(stats.nowMillis());
                    }
                    if (u != null && u.depart()) {
                        online.decrementAndGet();
                    }
                    if (u != null) {
                        for (FanOut f : fanOuts) {
                            f.leave(u);
                        }
                    }
                    return u == null ? s : flush(s);
                })
                // a socket that died while the user only listened fails its close: that too is a lost connection
                .doIf(Godot::connected).then(watched("disconnect", null, ws("disconnect", WS).close()))
                .exec(this::flush);
    }

    /**
     * Runs one WebSocket action of this DSL and tells whether the connection died under it. Gatling
     * keeps no close code for a socket the server closed between two actions, and reports the death
     * only at the next action on it, as a KO of that action; so: the action failed, and not because
     * its wait ran out ({@code timeout}, null for an action without a wait) or a refusal matched it.
     * The session's failed mark is kept as it was before for Gatling's own use.
     */
    ChainBuilder watched(String step, Duration timeout, io.gatling.javaapi.core.ActionBuilder action) {
        return exec(s -> {
                    user(s).watch(stats.nowMillis(), s.isFailed());
                    return s.markAsSucceeded();
                })
                .exec(action)
                .exec(s -> {
                    GodotUser u = user(s);
                    long now = stats.nowMillis();
                    if (timeout != null) {
                        // Gatling times the wait from the send; the drain before it takes no measurable time
                        stats.latencies().add(step, now, u.watchedFor(now), !s.isFailed());
                    }
                    if (u.watched(step, s.isFailed(), timeout, now)) {
                        if (u.depart()) {
                            online.decrementAndGet();
                        }
                        flush(s);
                    }
                    return u.failedBeforeWatch() ? s.markAsFailed() : s;
                });
    }

    /** Marks this user done sending for every fan-out, so lingering users can stop waiting for it. */
    public ChainBuilder doneSending() {
        return exec(s -> {
            GodotUser u = user(s);
            for (FanOut f : fanOuts) {
                f.senderDone(u);
            }
            return s;
        });
    }

    /**
     * Records one entry that the simulation works out itself (a verdict, a check at the end), timed
     * at this moment on the report's clock.
     */
    public ChainBuilder record(LongFunction<Row> row) {
        return exec(s -> {
            Godot.user(s).record(row.apply(stats.nowMillis()));
            return flush(s);
        });
    }

    /**
     * Records one entry that is no user's (a verdict on the whole run), timed at this moment: for a
     * scenario whose user does not connect.
     */
    public ChainBuilder verdict(LongFunction<Row> row) {
        return exec(s -> {
            stats.record(s, row.apply(stats.nowMillis()));
            return s;
        });
    }

    Session flush(Session session) {
        GodotUser u = user(session);
        for (Row r : u.takeRows()) {
            stats.record(session, r);
        }
        return session;
    }

    GatlingStats stats() {
        return stats;
    }

    Duration replyTimeout() {
        return replyTimeout;
    }

    /** A match condition that feeds every frame of the wait to the user and matches {@code awaited}. */
    CheckBuilder observe(Predicate<PeerEvent> awaited) {
        return observe((e, u) -> awaited.test(e));
    }

    /** The same, for a match that depends on the user (its id, its counters). */
    CheckBuilder observe(BiPredicate<PeerEvent, GodotUser> awaited) {
        return bodyBytes().transformWithSession((bytes, s) -> {
            GodotUser u = user(s);
            return u.onFrame(bytes, stats.nowMillis(), e -> awaited.test(e, u));
        }).is(true);
    }

    public static final class Builder {
        private final Contract contract;
        private GodotVersion version = GodotVersion.DEFAULT;
        private Supplier<String> url = () -> "ws://127.0.0.1:9080";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration replyTimeout = Duration.ofSeconds(5);
        private int inboxSize = 10_000;
        private String authToken;
        private String subprotocol;
        private boolean serverRelay = true;
        private InjectorLimits limits = InjectorLimits.ofThisJvm();

        private Builder(Contract contract) {
            this.contract = contract;
        }

        public Builder version(GodotVersion v) {
            this.version = v;
            return this;
        }

        /** Read when each user connects, so a target started in {@code before()} can supply its port. */
        public Builder url(Supplier<String> url) {
            this.url = url;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder replyTimeout(Duration d) {
            this.replyTimeout = d;
            return this;
        }

        public Builder inboxSize(int n) {
            this.inboxSize = n;
            return this;
        }

        public Builder authToken(String token) {
            this.authToken = token;
            return this;
        }

        /** Offer this WebSocket sub-protocol (only if the server set the same in {@code supported_protocols}). */
        public Builder subprotocol(String protocol) {
            this.subprotocol = protocol;
            return this;
        }

        /**
         * Whether the server tells every client of every other ({@code SceneMultiplayer.server_relay}, on
         * by default). Off, users know only the server, and a fan-out can time the copies that arrive but
         * not know how many to expect ({@link FanOut#unannounced}).
         */
        public Builder serverRelay(boolean on) {
            this.serverRelay = on;
            return this;
        }

        /** The bounds past which no more users connect (tests give their own). */
        Builder limits(InjectorLimits l) {
            this.limits = l;
            return this;
        }

        public Godot build() {
            return new Godot(this);
        }
    }
}

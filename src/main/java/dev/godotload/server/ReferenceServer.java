package dev.godotload.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.server.multiplayer.Godot3MultiplayerServer;
import dev.godotload.server.multiplayer.SceneMultiplayerServer;
import dev.godotload.server.multiplayer.ServerNode;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.multiplayer.Spawner;
import dev.godotload.server.node.AvatarsNode;
import dev.godotload.server.node.ChatNode;
import dev.godotload.server.node.PlazaNode;
import dev.godotload.server.node.StatsNode;
import dev.godotload.server.node.WorldNode;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.Timers;
import dev.godotload.server.transport.TransportDialect;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.server.transport.TransportStats;
import dev.godotload.server.transport.WebSocketTransport;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.SqliteWorldStore;
import dev.godotload.world.World;
import dev.godotload.world.WorldStore;
import dev.godotload.world.WorldStoreException;

/**
 * The reference server: a Godot 4 {@code SceneMultiplayer} server with {@code server_relay} on
 * ({@link SceneMultiplayerServer}), or a Godot 3 {@code WebSocketServer} with the multiplayer API
 * ({@link Godot3MultiplayerServer}), serving a {@link Game} over Godot's WebSocket transport.
 * What {@code serve} runs and what a simulation starts in-process when no {@code -Dgodot.url} is given.
 */
public final class ReferenceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReferenceServer.class);

    private final WebSocketTransport transport;
    private final ServerSettings settings;
    private final Game game;
    /** Null for a game without the world. */
    private final WorldStore store;
    private final WorldNode world;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledFuture<?> summary;

    private ReferenceServer(WebSocketTransport transport, ServerSettings settings, Game game, WorldStore store,
            WorldNode world, Duration summaryInterval) {
        this.transport = transport;
        this.settings = settings;
        this.game = game;
        this.store = store;
        this.world = world;
        this.summary = summaryInterval.isZero() ? null : scheduleSummary(summaryInterval);
    }

    /**
     * Binds and serves {@code game} until {@link #close()}, in the protocol of
     * {@code settings.version()}. {@link Game#SOCIAL}: opens the world's store first, and serves the
     * nodes it implements ({@code Main/Chat}, {@code Main/World}, {@code Main/Avatars},
     * {@code Main/Stats}) that the contract has. {@link Game#PLAZA}: the plaza's {@code Main} and its
     * spawner ({@link PlazaNode}); {@code world} is not used. The transport's
     * {@link TransportDialect} follows that version whatever {@code transport} says (a Godot 3 layer
     * behind a transport that writes a Godot 4 peer id first could serve nobody); every other
     * transport option is used as given, so pass {@link TransportOptions#defaults(GodotVersion)} for
     * the line's own timeouts.
     *
     * @param summaryInterval how often to log the one-line summary; zero for never
     * @throws java.io.UncheckedIOException with a one-line message when it cannot listen
     * @throws WorldStoreException with a one-line message when the world's database cannot be used
     * @throws IllegalArgumentException for the plaza on Godot 3, which has no spawners
     */
    public static ReferenceServer start(TransportOptions transport, ServerSettings settings, Game game, WorldOptions world,
            Duration summaryInterval) {
        if (game == Game.PLAZA) {
            if (settings.version().isGodot3()) {
                throw new IllegalArgumentException("the plaza needs Godot 4: Godot 3 has no MultiplayerSpawner or "
                        + "MultiplayerSynchronizer");
            }
            WebSocketTransport t = WebSocketTransport.start(transport.withDialect(TransportDialect.of(settings.version())),
                    loop -> layer(settings, Timers.on(loop), List.of(new PlazaNode()), List.of(PlazaNode.PLAYERS)));
            return new ReferenceServer(t, settings, game, null, null, summaryInterval);
        }
        WorldStore store = SqliteWorldStore.open(world.resolveDatabase(), world.props());
        try {
            World loaded = store.load();
            WorldNode worldNode = new WorldNode(loaded, store, world.loseAckedMerges(),
                    () -> ThreadLocalRandom.current().nextDouble());
            List<ServerNode> nodes = new ArrayList<>();
            // the nodes exist before the transport they are served by: Main/Stats reads it once it listens
            AtomicReference<WebSocketTransport> listening = new AtomicReference<>();
            Supplier<TransportStats> transportStats = () -> {
                WebSocketTransport t = listening.get();
                return t == null ? null : t.stats();
            };
            for (ServerNode n : List.of(new ChatNode(settings.stressMode()), worldNode, new AvatarsNode(),
                    new StatsNode(worldNode::version, System::nanoTime, transportStats))) {
                if (settings.contract().nodeOrNull(n.path()) != null) {
                    nodes.add(n);
                }
            }
            log.info("world: {}, {} props, version {}{}", store.description(), store.props(), loaded.version(),
                    world.loseAckedMerges() > 0 ? ", FAULT " + WorldNode.LOSE_ACKED_MERGES + "=" + world.loseAckedMerges()
                            + ": acknowledged merges will be lost on purpose" : "");
            WebSocketTransport t = WebSocketTransport.start(
                    transport.withDialect(TransportDialect.of(settings.version())),
                    loop -> layer(settings, Timers.on(loop), nodes, List.of()));
            listening.set(t);
            return new ReferenceServer(t, settings, game, store, worldNode, summaryInterval);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The multiplayer layer of the settings' Godot line. */
    private static TransportListener layer(ServerSettings settings, Timers timers, List<ServerNode> nodes,
            List<Spawner> spawners) {
        return settings.version().isGodot3() ? new Godot3MultiplayerServer(settings, timers, nodes)
                : new SceneMultiplayerServer(settings, timers, nodes, spawners);
    }

    public Game game() {
        return game;
    }

    /** Where the world is kept, e.g. {@code SQLite target/world.db (WAL, synchronous=FULL)}; null for a game without it. */
    public String worldDescription() {
        return store == null ? null : store.description();
    }

    public int port() {
        return transport.port();
    }

    /** The URL clients connect to, e.g. {@code ws://127.0.0.1:9080}. */
    public String url() {
        InetSocketAddress a = transport.address();
        String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        return "ws://" + host + ":" + a.getPort();
    }

    public ServerSettings settings() {
        return settings;
    }

    public TransportStats stats() {
        return transport.stats();
    }

    private ScheduledFuture<?> scheduleSummary(Duration every) {
        long[] last = {0, 0, System.nanoTime()};
        return transport.gameLoop().scheduleAtFixedRate(() -> {
            TransportStats s = transport.stats();
            long now = System.nanoTime();
            double seconds = Math.max(1e-3, (now - last[2]) / 1e9);
            log.info(String.format(Locale.ROOT, "%d %s, %.0f msg/s in, %.0f msg/s out, %d dropped outbound",
                    s.peers(), s.peers() == 1 ? "peer" : "peers", (s.packetsIn() - last[0]) / seconds, (s.packetsOut() - last[1]) / seconds,
                    s.droppedOutbound()));
            last[0] = s.packetsIn();
            last[1] = s.packetsOut();
            last[2] = now;
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every peer and stops; returns within 5 s. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (summary != null) {
            summary.cancel(false);
        }
        transport.close();
        if (store == null) {
            return;
        }
        store.close(); // after the transport: merges still queued commit before the file closes
        if (world.lostOnPurpose() > 0) {
            log.warn("fault {}: {} merges were acknowledged and lost on purpose", WorldNode.LOSE_ACKED_MERGES,
                    world.lostOnPurpose());
        }
    }
}

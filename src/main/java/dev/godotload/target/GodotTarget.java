package dev.godotload.target;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.godotload.contract.Contract;
import dev.godotload.engine.EngineErrors;
import dev.godotload.faults.FaultProxy;
import dev.godotload.faults.FaultProxyStats;
import dev.godotload.faults.Faults;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.Row;
import dev.godotload.server.Game;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.ConnectionLimits;
import dev.godotload.vitals.VitalsReport;
import dev.godotload.vitals.VitalsSampler;
import dev.godotload.vitals.VitalsSeries;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.World;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * Which Godot server a run drives, chosen in one place for every simulation: {@code -Dgodot.url}
 * if given, {@code -Dgodot.target} for a real engine, else the reference server started in-process
 * on a free loopback port before injection and stopped afterwards. Either way the target is checked
 * (upgrade + peer id) before the first user, so an unreachable one is one clear line within
 * {@code godot.connectTimeout}, not a wall of KOs.
 *
 * <p>Knobs: {@code godot.url}, {@code godot.target}, {@code godot.project}, {@code godot.version} (4.3),
 * {@code godot.contract} ({@value Contract#DEFAULT_RESOURCE}), {@code godot.authToken}, {@code godot.subprotocol},
 * {@code godot.stressMode} (on), {@code godot.serverRelay} (on), {@code godot.connectTimeout} (5s),
 * {@code godot.replyTimeout} (5s), {@code godot.inboxSize} (10000), the embedded server's game
 * {@code godot.game} ({@code social}; {@code plaza}), and for the embedded server's world
 * {@code godot.db} (a fresh file under {@code target/}), {@code godot.props} (1000), {@code godot.fault}
 * (none; {@code lose-acked-merges=F}), and its limits {@code godot.maxPeers} and {@code godot.maxMsgsPerSec}
 * (none, as {@code serve}'s {@code --max-peers} and {@code --max-msgs-per-sec}); and the vitals
 * {@code godot.vitals} (on) and {@code godot.vitals.interval} (1s).
 *
 * <p>A bad network, {@code godot.faults} (none) and {@code godot.faults.users} (1): once the target is
 * up, a {@link FaultProxy} on loopback stands in front of it, whatever its kind, and that fraction of
 * the users connects through it; the others connect directly.
 *
 * <p>While the run goes on, a {@link VitalsSampler} reads the target's {@code Main/Stats} every
 * interval (directly, not through the fault proxy); {@link #close()} writes {@code vitals.json} and
 * {@code vitals.html} into the run's report folder. So every simulation that starts and closes its
 * target gets them, without a line of its own.
 */
public final class GodotTarget implements AutoCloseable {
    /** The report row of a real engine's unexpected error lines: see {@link #engineErrorsVerdict()}. */
    public static final String ENGINE_ERRORS = "engine errors";
    private final ServerUnderTest server;
    private volatile TargetSettings settings;
    private final boolean propsGiven;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final int inboxSize;
    private final Faults faults;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong faultedConnects = new AtomicLong();
    /** Null with {@code -Dgodot.vitals=off}. */
    private final Duration vitalsInterval;
    private volatile String url;
    private volatile FaultProxy proxy;
    private volatile String proxyUrl;
    /** The DSL of this run, for the users online and the latencies; the first {@link #godot()} made. */
    private volatile Godot godot;
    private VitalsSampler vitals;
    /** Set by the first {@link #close()}, so its lines are printed once. */
    private boolean closed;

    private GodotTarget(LoadProperties p) {
        if (p.string("godot.protocol") != null) {
            // The protocol follows the Godot line; one knob says both.
            throw new IllegalArgumentException("-Dgodot.protocol is not a knob: the protocol follows -Dgodot.version "
                    + "(3 for Godot 3, 4.0 to 4.6 for Godot 4), e.g. -Dgodot.version=" + p.string("godot.protocol"));
        }
        this.server = ServerUnderTest.choose(p);
        GodotVersion version = version(p.string("godot.version", server.defaultVersion()));
        Game game = game(p);
        this.settings = new TargetSettings(version, Contract.load(p.string("godot.contract", Contract.DEFAULT_RESOURCE)),
                p.string("godot.authToken"), p.string("godot.subprotocol"), p.flag("godot.stressMode", true),
                p.flag("godot.serverRelay", true), game, world(p), limits(p));
        this.propsGiven = p.string("godot.props") != null;
        this.connectTimeout = p.duration("godot.connectTimeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        this.replyTimeout = p.duration("godot.replyTimeout", Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofMinutes(5));
        this.inboxSize = p.integer("godot.inboxSize", 10_000, 100, 10_000_000);
        this.faults = FaultsSpec.read(p);
        Duration interval = p.duration("godot.vitals.interval", Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMinutes(1));
        this.vitalsInterval = p.flag("godot.vitals", true) ? interval : null;
        if (version.isGodot3() && settings.authToken() != null) {
            throw new IllegalArgumentException("bad -Dgodot.authToken: Godot 3 has no authentication");
        }
        if (version.isGodot3() && !settings.serverRelay()) {
            throw new IllegalArgumentException("bad -Dgodot.serverRelay: Godot 3's WebSocket server always relays");
        }
        server.check(settings, p);
        this.url = server.owned() ? null : server.start(settings);
    }

    private static Game game(LoadProperties p) {
        String text = p.string("godot.game");
        if (text == null) {
            return Game.DEFAULT;
        }
        try {
            return Game.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad -Dgodot.game='" + text + "': " + e.getMessage());
        }
    }

    private static WorldOptions world(LoadProperties p) {
        WorldOptions w = WorldOptions.defaults().withDatabase(p.string("godot.db"))
                .withProps(p.integer("godot.props", World.DEFAULT_PROPS, World.MIN_GLUED, World.MAX_PROPS));
        try {
            return w.withFault(p.string("godot.fault"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad -Dgodot.fault='" + p.string("godot.fault") + "': " + e.getMessage());
        }
    }

    /** Unset is no limit, as leaving out serve's option is; 0 is refused there, so here too. */
    private static ConnectionLimits limits(LoadProperties p) {
        return new ConnectionLimits(p.integer("godot.maxPeers", 0, 1, ConnectionLimits.MAX),
                p.integer("godot.maxMsgsPerSec", 0, 1, ConnectionLimits.MAX));
    }

    private static GodotVersion version(String text) {
        try {
            return GodotVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + text + "': " + e.getMessage());
        }
    }

    /** Reads the knobs; @throws IllegalArgumentException one line per bad value */
    public static GodotTarget of(LoadProperties properties) {
        return new GodotTarget(properties);
    }

    /**
     * Reads the knobs from system properties.
     *
     * @throws BadSettingException one line naming the bad knob
     */
    public static GodotTarget fromSystemProperties(LoadProperties properties) {
        return LoadProperties.read(() -> of(properties));
    }

    /**
     * The embedded server's world size when {@code -Dgodot.props} does not set it: a simulation
     * passes the size its catalog needs. Call before {@link #start()}; no effect on a remote target.
     */
    public GodotTarget worldProps(int props) {
        if (!propsGiven) {
            TargetSettings s = settings;
            settings = new TargetSettings(s.version(), s.contract(), s.authToken(), s.subprotocol(), s.stressMode(),
                    s.serverRelay(), s.game(), s.world().withProps(props), s.limits());
        }
        return this;
    }

    /**
     * Whether the server sends every chat line to everyone ({@code -Dgodot.stressMode}, on by default)
     * or back to its sender only: for a server this run starts, what it is started with; for a
     * remote one, what the tester says it does.
     */
    public boolean stressMode() {
        return settings.stressMode();
    }

    /** The world size a server this run starts gets (a remote server has its own). */
    public int worldProps() {
        return settings.world().props();
    }

    /**
     * Row {@value #ENGINE_ERRORS}: one entry, KO when the real engine this run started logged an error line that
     * nobody expected (the first of them is the KO's message), OK otherwise, and OK with no engine to read. Run
     * it once the users are gone and before {@link #close()}.
     */
    public ChainBuilder engineErrorsVerdict() {
        Godot g = godot != null ? godot : godot();
        return g.verdict(now -> {
            EngineErrors e = server.engineErrors();
            return e == null || e.count() == 0 ? Row.ok(ENGINE_ERRORS, now, now)
                    : Row.ko(ENGINE_ERRORS, now, now, e.count() + " engine error line(s), first: " + e.first().get(0));
        });
    }

    /** A DSL instance aimed at this target. */
    public Godot godot() {
        TargetSettings s = settings;
        Godot g = Godot.builder(s.contract()).version(s.version()).url(this::userUrl).connectTimeout(connectTimeout)
                .replyTimeout(replyTimeout).inboxSize(inboxSize).authToken(s.authToken()).subprotocol(s.subprotocol())
                .serverRelay(s.serverRelay()).build();
        if (godot == null) {
            godot = g;
        }
        return g;
    }

    /** Whether this run starts its own server (the reference server or a real engine). */
    public boolean isEmbedded() {
        return server.owned();
    }

    /** The kind of server, for tests. */
    ServerUnderTest server() {
        return server;
    }

    /**
     * Starts the server this run owns, then checks the target (upgrade + peer id). On failure
     * whatever was started is stopped again.
     *
     * @throws TargetUnavailableException one line saying what failed
     */
    public synchronized void start() {
        TargetSettings s = settings;
        try {
            url = server.start(s);
            TargetProbe.probe(url, s.subprotocol(), s.version(), connectTimeout);
            if (faults != null && proxy == null) {
                startProxy(url);
            }
            if (vitalsInterval != null && vitals == null) {
                vitals = VitalsSampler.start(new VitalsSampler.Target(url, s.version(), s.contract(), s.authToken(),
                        s.subprotocol(), connectTimeout), vitalsInterval, () -> {
                            Godot g = godot;
                            return g == null ? 0 : g.usersOnline();
                        });
            }
        } catch (TargetUnavailableException e) {
            close();
            throw e;
        }
    }

    /** The proxy in front of the target, and the URL that leads users through it (same path, loopback host). */
    private void startProxy(String target) {
        URI uri = URI.create(target);
        int port = uri.getPort() >= 0 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
        try {
            proxy = FaultProxy.start(faults, new InetSocketAddress(uri.getHost(), port));
            proxyUrl = new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", proxy.port(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (RuntimeException | URISyntaxException e) {
            throw new TargetUnavailableException("cannot put the fault proxy in front of " + target + ": " + e.getMessage());
        }
    }

    /**
     * The URL one user connects to, asked once per connect: through the fault proxy for the users
     * {@link Faults#affects} picks (in the order they connect), else the target's own.
     */
    String userUrl() {
        String direct = url();
        if (faults == null || !faults.affects(connects.getAndIncrement())) {
            return direct;
        }
        String through = proxyUrl;
        if (through == null) {
            throw new IllegalStateException("the fault proxy is not started yet: call start() in before()");
        }
        faultedConnects.incrementAndGet();
        return through;
    }

    /**
     * One line for the end of the run: which faults, how many users got them, what the proxy
     * carried; null without {@code -Dgodot.faults}.
     */
    String faultsSummary() {
        FaultProxy p = proxy;
        if (faults == null || p == null) {
            return null;
        }
        FaultProxyStats st = p.stats();
        long all = connects.get();
        long faulted = faultedConnects.get();
        return String.format(Locale.ROOT, "godot-load: network faults %s on %,d of %,d users (%.0f%%); the proxy carried"
                + " %,d connections, %,.1f KB up and %,.1f KB down, reset %,d sockets", faults.spec(), faulted, all,
                all == 0 ? 0.0 : 100.0 * faulted / all, st.connections(), st.bytesUp() / 1024.0, st.bytesDown() / 1024.0,
                st.resets())
                + (st.unreachable() == 0 ? "" : String.format(Locale.ROOT, ", could not reach the target %,d times",
                        st.unreachable()));
    }

    /** The URL of the target itself (known once {@link #start()} ran for a server this run owns). */
    public String url() {
        String u = url;
        if (u == null) {
            throw new IllegalStateException("the embedded server is not started yet: call start() in before()");
        }
        return u;
    }

    public String description() {
        String u = url;
        String d = server.description(settings, u == null ? "(not started)" : u);
        if (faults == null) {
            return d;
        }
        String through = proxyUrl;
        return d + ", with network faults " + faults.spec() + " for "
                + (faults.users() == 1 ? "every user" : String.format(Locale.ROOT, "%s%% of the users (spread evenly "
                        + "over the order they connect)", BigDecimal.valueOf(faults.users()).movePointRight(2).stripTrailingZeros()
                        .toPlainString()))
                + " through " + (through == null ? "a proxy (not started)" : "the proxy at " + through);
    }

    /**
     * Writes the vitals (if they were sampled) and prints where, then stops what this run started.
     * The vitals go first: the sampler leaves before its server stops.
     */
    @Override
    public synchronized void close() {
        try {
            if (!closed) {
                closed = true;
                printSummaries();
            }
            writeVitals();
        } finally {
            FaultProxy p = proxy;
            if (p != null) {
                p.close();
            }
            server.close();
        }
    }

    /**
     * The lines every simulation ends with, whatever it is: where the server's nodes differed from the
     * contract, and what the fault proxy did; nothing when there is nothing to say.
     */
    private void printSummaries() {
        Godot g = godot;
        if (g != null && g.contractSummary() != null) {
            System.out.println(g.contractSummary());
        }
        String faulted = faultsSummary();
        if (faulted != null) {
            System.out.println(faulted);
        }
    }

    /** Nothing here may fail the run: the vitals are beside the report, not part of its verdict. */
    private void writeVitals() {
        VitalsSampler v = vitals;
        if (v == null) {
            return;
        }
        vitals = null;
        v.close();
        Godot g = godot;
        try {
            VitalsSeries series = VitalsSeries.of(v.startedMillis(), v.samples(), g == null ? null : g.latencies());
            Path page = VitalsReport.write(ReportFolder.current(), series, description(), v.note(), vitalsInterval);
            System.out.println("godot-load: server vitals: " + page.toUri());
        } catch (UncheckedIOException | IllegalStateException e) {
            System.out.println("godot-load: server vitals not written: " + e.getMessage());
        }
    }
}

package dev.godotload.target;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.godotload.contract.Contract;
import dev.godotload.gatling.Godot;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.vitals.VitalsReport;
import dev.godotload.vitals.VitalsSampler;
import dev.godotload.vitals.VitalsSeries;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.World;

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
 * {@code godot.replyTimeout} (5s), {@code godot.inboxSize} (10000), and for the embedded server's world
 * {@code godot.db} (a fresh file under {@code target/}), {@code godot.props} (1000), {@code godot.fault}
 * (none; {@code lose-acked-merges=F}); and the vitals {@code godot.vitals} (on) and
 * {@code godot.vitals.interval} (1s).
 *
 * <p>While the run goes on, a {@link VitalsSampler} reads the target's {@code Main/Stats} every
 * interval; {@link #close()} writes {@code vitals.json} and {@code vitals.html} into the run's report
 * folder. So every simulation that starts and closes its target gets them, without a line of its own.
 */
public final class GodotTarget implements AutoCloseable {
    private final ServerUnderTest server;
    private volatile TargetSettings settings;
    private final boolean propsGiven;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final int inboxSize;
    /** Null with {@code -Dgodot.vitals=off}. */
    private final Duration vitalsInterval;
    private volatile String url;
    /** The DSL of this run, for the users online and the latencies; the first {@link #godot()} made. */
    private volatile Godot godot;
    private VitalsSampler vitals;

    private GodotTarget(LoadProperties p) {
        if (p.string("godot.protocol") != null) {
            // The protocol follows the Godot line; one knob says both.
            throw new IllegalArgumentException("-Dgodot.protocol is not a knob: the protocol follows -Dgodot.version "
                    + "(3 for Godot 3, 4.0 to 4.6 for Godot 4), e.g. -Dgodot.version=" + p.string("godot.protocol"));
        }
        this.server = ServerUnderTest.choose(p);
        GodotVersion version = version(p.string("godot.version", server.defaultVersion()));
        this.settings = new TargetSettings(version, Contract.load(p.string("godot.contract", Contract.DEFAULT_RESOURCE)),
                p.string("godot.authToken"), p.string("godot.subprotocol"), p.flag("godot.stressMode", true),
                p.flag("godot.serverRelay", true), world(p));
        this.propsGiven = p.string("godot.props") != null;
        this.connectTimeout = p.duration("godot.connectTimeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        this.replyTimeout = p.duration("godot.replyTimeout", Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofMinutes(5));
        this.inboxSize = p.integer("godot.inboxSize", 10_000, 100, 10_000_000);
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

    private static WorldOptions world(LoadProperties p) {
        WorldOptions w = WorldOptions.defaults().withDatabase(p.string("godot.db"))
                .withProps(p.integer("godot.props", World.DEFAULT_PROPS, World.MIN_GLUED, World.MAX_PROPS));
        try {
            return w.withFault(p.string("godot.fault"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad -Dgodot.fault='" + p.string("godot.fault") + "': " + e.getMessage());
        }
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
                    s.serverRelay(), s.world().withProps(props));
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

    /** A DSL instance aimed at this target. */
    public Godot godot() {
        TargetSettings s = settings;
        Godot g = Godot.builder(s.contract()).version(s.version()).url(this::url).connectTimeout(connectTimeout)
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

    /** The URL users connect to (known once {@link #start()} ran for a server this run owns). */
    public String url() {
        String u = url;
        if (u == null) {
            throw new IllegalStateException("the embedded server is not started yet: call start() in before()");
        }
        return u;
    }

    public String description() {
        String u = url;
        return server.description(settings, u == null ? "(not started)" : u);
    }

    /**
     * Writes the vitals (if they were sampled) and prints where, then stops what this run started.
     * The vitals go first: the sampler leaves before its server stops.
     */
    @Override
    public synchronized void close() {
        try {
            writeVitals();
        } finally {
            server.close();
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

package dev.godotload.gatling;

import java.io.UncheckedIOException;
import java.time.Duration;

import dev.godotload.contract.Contract;
import dev.godotload.server.ReferenceServer;
import dev.godotload.server.ServerSettings;
import dev.godotload.server.TransportOptions;
import dev.godotload.server.WorldNode;
import dev.godotload.server.WorldOptions;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.World;
import dev.godotload.world.WorldStoreException;

/**
 * Which Godot server a run drives, chosen in one place for every simulation: {@code -Dgodot.url}
 * if given, else the reference server started in-process on a free loopback port before injection
 * and stopped afterwards. Either way the target is checked (upgrade + peer id) before the first
 * user, so an unreachable one is one clear line within {@code godot.connectTimeout}, not a wall of KOs.
 *
 * <p>Knobs: {@code godot.url}, {@code godot.version} (4.3), {@code godot.contract}
 * ({@value Contract#DEFAULT_RESOURCE}), {@code godot.authToken}, {@code godot.subprotocol}, {@code godot.stressMode}
 * (embedded server only, on), {@code godot.connectTimeout} (5s), {@code godot.replyTimeout} (5s),
 * {@code godot.inboxSize} (10000), and for the embedded server's world {@code godot.db} (a fresh file under
 * {@code target/}), {@code godot.props} (1000), {@code godot.fault} (none; {@code lose-acked-merges=F}).
 */
public final class GodotTarget implements AutoCloseable {
    /** Exit status of the Gatling JVM when the target cannot be reached. */
    public static final int EXIT_UNREACHABLE = 3;

    private final String configuredUrl;
    private final GodotVersion version;
    private final Contract contract;
    private final String authToken;
    private final String subprotocol;
    private final boolean stressMode;
    private volatile WorldOptions world;
    private final boolean propsGiven;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final int inboxSize;
    private volatile String url;
    private ReferenceServer embedded;

    private GodotTarget(LoadProperties p) {
        this.configuredUrl = p.string("godot.url");
        this.version = version(p.string("godot.version", GodotVersion.DEFAULT.label()));
        this.contract = Contract.load(p.string("godot.contract", Contract.DEFAULT_RESOURCE));
        this.authToken = p.string("godot.authToken");
        this.subprotocol = p.string("godot.subprotocol");
        this.stressMode = p.flag("godot.stressMode", true);
        this.world = world(p);
        this.propsGiven = p.string("godot.props") != null;
        this.connectTimeout = p.duration("godot.connectTimeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        this.replyTimeout = p.duration("godot.replyTimeout", Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofMinutes(5));
        this.inboxSize = p.integer("godot.inboxSize", 10_000, 100, 10_000_000);
        if (version.isGodot3()) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + p.string("godot.version")
                    + "': Godot 3 targets are not supported yet; use 4.0 to 4.6");
        }
        this.url = configuredUrl;
    }

    /**
     * The embedded server's world size when {@code -Dgodot.props} does not set it: a simulation
     * passes the size its catalog needs. Call before {@link #start()}; no effect on a remote target.
     */
    public GodotTarget worldProps(int props) {
        if (!propsGiven) {
            world = world.withProps(props);
        }
        return this;
    }

    /** The world size the embedded server gets (a remote server has its own). */
    public int worldProps() {
        return world.props();
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

    /** Reads the knobs from system properties; a bad one ends the run with one line. */
    public static GodotTarget fromSystemProperties(LoadProperties properties) {
        return LoadProperties.orExit(() -> of(properties));
    }

    /** A DSL instance aimed at this target. */
    public Godot godot() {
        return Godot.builder(contract).version(version).url(this::url).connectTimeout(connectTimeout)
                .replyTimeout(replyTimeout).inboxSize(inboxSize).authToken(authToken).subprotocol(subprotocol).build();
    }

    public boolean isEmbedded() {
        return configuredUrl == null;
    }

    /**
     * Starts the embedded server, or checks the configured one.
     *
     * @throws TargetUnavailableException one line saying what failed
     */
    public synchronized void start() {
        if (configuredUrl == null && embedded == null) {
            ServerSettings settings = ServerSettings.defaults(contract).withVersion(version).withStressMode(stressMode);
            if (authToken != null) {
                settings = settings.withAuthToken(authToken);
            }
            try {
                TransportOptions transport = TransportOptions.defaults().withPort(0);
                if (subprotocol != null) {
                    transport = transport.withSubprotocols(java.util.List.of(subprotocol));
                }
                embedded = ReferenceServer.start(transport, settings, world, Duration.ZERO);
            } catch (UncheckedIOException | WorldStoreException e) {
                throw new TargetUnavailableException("cannot start the embedded reference server: " + e.getMessage());
            }
            url = embedded.url();
        }
        TargetProbe.probe(url, subprotocol, connectTimeout);
    }

    /** {@link #start()}; a failure prints one line and ends the Gatling JVM. */
    public void startOrExit() {
        try {
            start();
        } catch (TargetUnavailableException e) {
            System.err.println("godot-load: " + e.getMessage());
            System.err.flush();
            close();
            System.exit(EXIT_UNREACHABLE);
        }
    }

    /** The URL users connect to (known once {@link #start()} ran for the embedded server). */
    public String url() {
        String u = url;
        if (u == null) {
            throw new IllegalStateException("the embedded server is not started yet: call start() in before()");
        }
        return u;
    }

    public String description() {
        return configuredUrl != null ? "the Godot server at " + configuredUrl + " (Godot " + version.label() + " protocol)"
                : "the embedded reference server at " + url + " (Godot " + version.label() + " protocol, stress mode "
                        + (stressMode ? "on" : "off") + ", " + world.props()
                        + " props in " + (embedded != null ? embedded.worldDescription() : "?")
                        + (world.loseAckedMerges() > 0 ? ", FAULT " + WorldNode.LOSE_ACKED_MERGES + "=" + world.loseAckedMerges() : "")
                        + ")";
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}

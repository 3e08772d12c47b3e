package dev.godotload.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import dev.godotload.contract.Contract;
import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.engine.Godot3Server;
import dev.godotload.engine.Godot4WebServer;
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
    /** A real engine quits by itself after this, should the run never stop it. */
    static final Duration ENGINE_LIFETIME = Duration.ofHours(3);

    /** What the run drives. */
    public enum Kind {
        /** {@code -Dgodot.url}: a server someone else started. */
        URL,
        /** The reference server, in this JVM (the default). */
        REFERENCE,
        /** {@code -Dgodot.target=godot3}: the real Godot 3 engine running {@code godot/server-godot3}. */
        GODOT3,
        /**
         * {@code -Dgodot.target=godot4-web}: the real Godot 4.6 engine (web template, headless Chromium)
         * running {@code godot/server-godot4} behind an {@link dev.godotload.engine.EngineBridge}.
         */
        GODOT4_WEB
    }

    private final Kind kind;
    private final String configuredUrl;
    private final GodotVersion version;
    private final Path project;
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
    private Godot3Server engine;
    private Godot4WebServer web;

    private GodotTarget(LoadProperties p) {
        if (p.string("godot.protocol") != null) {
            // The protocol follows the Godot line; one knob says both.
            throw new IllegalArgumentException("-Dgodot.protocol is not a knob: the protocol follows -Dgodot.version "
                    + "(3 for Godot 3, 4.0 to 4.6 for Godot 4), e.g. -Dgodot.version=" + p.string("godot.protocol"));
        }
        this.configuredUrl = p.string("godot.url");
        this.kind = kind(p.string("godot.target"), configuredUrl);
        String versionText = p.string("godot.version",
                kind == Kind.GODOT3 ? "3" : kind == Kind.GODOT4_WEB ? "4.6" : GodotVersion.DEFAULT.label());
        this.version = version(versionText);
        if (kind == Kind.GODOT3 && !version.isGodot3()) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + versionText
                    + "': -Dgodot.target=godot3 runs the Godot 3 engine, which speaks Godot 3");
        }
        if (kind == Kind.GODOT4_WEB && (version.isGodot3() || !version.confirmsPathById())) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + versionText
                    + "': -Dgodot.target=godot4-web runs Godot 4.6, which speaks the 4.3+ protocol");
        }
        this.project = Path.of(p.string("godot.project",
                kind == Kind.GODOT4_WEB ? Godot4WebServer.DEFAULT_PROJECT : Godot3Server.DEFAULT_PROJECT));
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
        if (version.isGodot3() && authToken != null) {
            throw new IllegalArgumentException("bad -Dgodot.authToken: Godot 3 has no authentication");
        }
        if ((kind == Kind.GODOT3 || kind == Kind.GODOT4_WEB) && (p.string("godot.db") != null || p.string("godot.fault") != null)) {
            throw new IllegalArgumentException("-Dgodot.db and -Dgodot.fault are for the reference server, not a real engine");
        }
        if (kind == Kind.GODOT4_WEB && (authToken != null || subprotocol != null)) {
            throw new IllegalArgumentException("-Dgodot.authToken and -Dgodot.subprotocol are not set up in godot/server-godot4");
        }
        this.url = configuredUrl;
    }

    private static Kind kind(String target, String url) {
        if (target == null || target.isBlank()) {
            return url != null ? Kind.URL : Kind.REFERENCE;
        }
        Kind k;
        switch (target.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "reference":
                k = Kind.REFERENCE;
                break;
            case "godot3":
                k = Kind.GODOT3;
                break;
            case "godot4-web":
                k = Kind.GODOT4_WEB;
                break;
            default:
                throw new IllegalArgumentException("bad -Dgodot.target='" + target + "': expected reference (the embedded "
                        + "reference server), godot3 (the real Godot 3 engine) or godot4-web (the real Godot 4.6 in headless Chromium)");
        }
        if (url != null) {
            throw new IllegalArgumentException("-Dgodot.url and -Dgodot.target=" + target
                    + " both choose the target; give one (godot.url drives a server that is already running)");
        }
        return k;
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

    public Kind kind() {
        return kind;
    }

    /** Whether this run starts its own server (the reference server or a real engine). */
    public boolean isEmbedded() {
        return kind != Kind.URL;
    }

    /**
     * Starts the embedded server, or checks the configured one.
     *
     * @throws TargetUnavailableException one line saying what failed
     */
    public synchronized void start() {
        if (kind == Kind.GODOT3 && engine == null) {
            try {
                engine = Godot3Server.start(new Godot3Server.Options(project, world.props(), stressMode, ENGINE_LIFETIME,
                        engineLog("godot3-server")), System.getenv());
            } catch (EngineUnavailableException e) {
                throw new TargetUnavailableException(e.getMessage());
            }
            url = engine.url();
        }
        if (kind == Kind.GODOT4_WEB && web == null) {
            try {
                web = Godot4WebServer.start(new Godot4WebServer.Options(project, world.props(), stressMode,
                        engineLog("godot4-web-server")), System.getenv());
            } catch (EngineUnavailableException e) {
                throw new TargetUnavailableException(e.getMessage());
            }
            url = web.url();
        }
        if (kind == Kind.REFERENCE && embedded == null) {
            ServerSettings settings = ServerSettings.defaults(contract).withVersion(version).withStressMode(stressMode);
            if (authToken != null) {
                settings = settings.withAuthToken(authToken);
            }
            try {
                TransportOptions transport = TransportOptions.defaults(version).withPort(0);
                if (subprotocol != null) {
                    transport = transport.withSubprotocols(java.util.List.of(subprotocol));
                }
                embedded = ReferenceServer.start(transport, settings, world, Duration.ZERO);
            } catch (UncheckedIOException | WorldStoreException e) {
                throw new TargetUnavailableException("cannot start the embedded reference server: " + e.getMessage());
            }
            url = embedded.url();
        }
        TargetProbe.probe(url, subprotocol, version, connectTimeout);
    }

    /** Where a real engine's output goes during the run: {@code target/<name>-<time>.log}. */
    private static Path engineLog(String name) {
        return Path.of("target", name + "-" + java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
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
        if (kind == Kind.GODOT4_WEB) {
            return "the real Godot 4.6 engine (web template, headless Chromium) running " + project + " behind a bridge at "
                    + url + (web != null ? " (" + web.description() + "; log " + web.logFile() + ")" : "");
        }
        if (kind == Kind.GODOT3) {
            return "the real Godot 3 engine running " + project + " at " + url + " (stress mode " + (stressMode ? "on" : "off")
                    + ", " + world.props() + " props" + (engine != null ? ", pid " + engine.pid() + ", log " + engine.logFile() : "")
                    + ")";
        }
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
        if (engine != null) {
            engine.close();
            keepEngineLog(engine.logFile(), "godot3-server.log");
            engine = null;
        }
        if (web != null) {
            web.close();
            keepEngineLog(web.logFile(), "godot4-web-server.log");
            web = null;
        }
    }

    /** Copies the engine's log next to the report of the run going on (the newest run folder). */
    private static void keepEngineLog(Path log, String name) {
        Path folder = ReportFolder.current();
        try {
            Files.copy(log, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("godot-load: the engine's log is in " + folder.resolve(name));
        } catch (IOException e) {
            System.err.println("godot-load: the engine's log stays in " + log + " (" + e.getMessage() + ")");
        }
    }
}

package dev.godotload.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.godotload.contract.Contract;
import dev.godotload.server.Game;
import dev.godotload.server.ReferenceServer;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldNode;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.ConnectionLimits;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.World;
import dev.godotload.world.WorldStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the reference server in the foreground until SIGINT/SIGTERM. Logs one line per
 * connect and disconnect and a periodic summary; prints the URL it listens on first, so a script
 * that asked for {@code --port 0} can read it.
 */
@Command(name = "serve", customSynopsis = ServeCommand.USAGE,
        description = {"Runs the reference server (Godot 4 SceneMultiplayer, or Godot 3 with --godot 3, over",
                "WebSocket) until Ctrl-C; the first line names the URL it listens on."},
        descriptionHeading = "%n", optionListHeading = "%noptions:%n", sortOptions = false)
final class ServeCommand implements Callable<Integer> {
    static final String USAGE = "serve [--host 127.0.0.1] [--port 9080] [--godot 4.3|4.2|3] [--game social|plaza] [--stress-mode on|off]"
            + " [--server-relay on|off] [--auth-token T] [--subprotocol P] [--max-peers N] [--max-msgs-per-sec N]"
            + " [--contract FILE] [--db FILE|:memory:] [--props 1000] [--fault lose-acked-merges=F] [--summary-every 10s]";
    static final Duration MAX_SUMMARY_EVERY = Duration.ofHours(24);

    record Options(TransportOptions transport, ServerSettings settings, Game game, WorldOptions world, Duration summaryEvery) {
    }

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--host", paramLabel = "HOST", description = "the address to listen on (default 127.0.0.1: loopback only)")
    private String host;
    @Option(names = "--port", paramLabel = "PORT", converter = OptionValues.Port.class,
            description = "the port (default 9080); 0 picks a free one, which the first line names")
    private Integer port;
    @Option(names = "--godot", paramLabel = "4.3|4.2|3", converter = OptionValues.Godot.class,
            description = "the protocol: 4.3 (4.3 to 4.6, the default), 4.2 (4.0 to 4.2, path-echo CONFIRM_PATH) or 3 (3.x)")
    private GodotVersion version = GodotVersion.DEFAULT;
    @Option(names = "--game", paramLabel = "social|plaza", converter = GameName.class,
            description = "what it serves: social (the default: chat, the prop world, avatars and stats, which the "
                    + "bundled simulations drive) or plaza (a player spawned for every peer and synchronized by it, as "
                    + "godot/plaza-godot4; Godot 4 only)")
    private Game game = Game.DEFAULT;
    @Option(names = "--stress-mode", paramLabel = "on|off", arity = "1", converter = StressMode.class,
            description = "on: chat goes back to everyone, the sender included (the default); off: to the sender only")
    private boolean stress = true;
    @Option(names = "--server-relay", paramLabel = "on|off", arity = "1", converter = ServerRelay.class,
            description = "Godot 4's SceneMultiplayer.server_relay: on (the default) announces every client to every "
                    + "other and relays between them; off: clients know only the server (Godot 4 only)")
    private boolean relay = true;
    @Option(names = "--auth-token", paramLabel = "T", description = "a token every client must send (Godot 4 only)")
    private String token;
    @Option(names = "--subprotocol", paramLabel = "P", description = "the WebSocket sub-protocol to require")
    private String subprotocol;
    @Option(names = "--max-peers", paramLabel = "N", converter = MaxPeers.class,
            description = "refuse the upgrade (HTTP 503) while N peers are connected (default: no limit, as in Godot)")
    private int maxPeers;
    @Option(names = "--max-msgs-per-sec", paramLabel = "N", converter = MaxMessagesPerSecond.class,
            description = "disconnect (close 1008) a peer that sends more than N messages a second, in bursts of up to N "
                    + "(default: no limit, as in Godot)")
    private int maxMessagesPerSecond;
    @Option(names = "--contract", paramLabel = "FILE", description = "the game's nodes and RPCs (default: the bundled "
            + Contract.DEFAULT_RESOURCE + ")")
    private String contract = Contract.DEFAULT_RESOURCE;
    @Option(names = "--db", paramLabel = "FILE|:memory:",
            description = "the world's SQLite file (default: a fresh one under ./target or the temp folder); :memory: keeps nothing")
    private String database;
    @Option(names = "--props", paramLabel = "N", converter = Props.class,
            description = "props in the world, " + World.MIN_GLUED + " to " + World.MAX_PROPS + " (default " + World.DEFAULT_PROPS + ")")
    private Integer props;
    @Option(names = "--fault", paramLabel = "lose-acked-merges=F",
            description = "acknowledge that fraction of merges without applying them, to validate an integrity checker")
    private List<String> faults = List.of();
    @Option(names = "--summary-every", paramLabel = "DURATION", converter = SummaryEvery.class,
            description = "how often to log the one-line summary (default 10s; 0 turns it off)")
    private Duration summary = Duration.ofSeconds(10);
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    ServeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The options of a command line, without serving (the tests' entry point). */
    static Options parse(List<String> args) throws UsageException {
        ServeCommand command = new ServeCommand(System.out, System.err);
        Cli.parse(command, args);
        return command.options();
    }

    @Override
    public Integer call() throws UsageException {
        return runUntilSignalled(options(), out, err); // usage errors before anything starts
    }

    /** What the parsed options mean together; the checks that span options. */
    Options options() throws UsageException {
        if (!game.hasWorld() && (database != null || props != null || !faults.isEmpty())) {
            throw new UsageException("--db, --props and --fault set up the social game's world; --game " + game.label()
                    + " has none");
        }
        if (game == Game.PLAZA && version.isGodot3()) {
            throw new UsageException("--game plaza: Godot 3 has no MultiplayerSpawner or MultiplayerSynchronizer; use --godot 4.x");
        }
        WorldOptions world = WorldOptions.defaults();
        if (database != null) {
            if (database.isBlank()) {
                throw new UsageException("--db takes a file name or :memory:");
            }
            world = world.withDatabase(database);
        }
        if (props != null) {
            world = world.withProps(props);
        }
        for (String fault : faults) {
            try {
                world = world.withFault(fault);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fault " + fault + ": " + e.getMessage());
            }
        }
        Contract c;
        try {
            c = Contract.load(contract);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--contract: " + e.getMessage());
        }
        if (!relay && version.isGodot3()) {
            throw new UsageException("--server-relay off: Godot 3's WebSocket server always relays; use --godot 4.x");
        }
        ServerSettings settings = ServerSettings.defaults(c).withVersion(version).withStressMode(stress).withServerRelay(relay);
        if (token != null) {
            if (token.isEmpty()) {
                throw new UsageException("--auth-token must not be empty");
            }
            if (version.isGodot3()) {
                throw new UsageException("--auth-token: Godot 3 has no authentication; use --godot 4.x for a token");
            }
            settings = settings.withAuthToken(token);
        }
        TransportOptions transport = transport(version, host, port, subprotocol)
                .withLimits(new ConnectionLimits(maxPeers, maxMessagesPerSecond));
        return new Options(transport, settings, game, world, summary);
    }

    /** The line's transport defaults (Godot 3.2.3: 1 s handshake timeout, no reply to a refused upgrade), then the options given. */
    private static TransportOptions transport(GodotVersion version, String host, Integer port, String subprotocol)
            throws UsageException {
        TransportOptions transport = TransportOptions.defaults(version);
        try {
            if (host != null) {
                transport = transport.withHost(host);
            }
            if (port != null) {
                transport = transport.withPort(port);
            }
            if (subprotocol != null) {
                transport = transport.withSubprotocols(List.of(subprotocol));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return transport;
    }

    /** How the banner names the protocol: "3" for the whole Godot 3 line, else e.g. "4.3". */
    static String protocolName(GodotVersion version) {
        return version.isGodot3() ? "3" : version.label();
    }

    /** Serves until {@code stop} opens; 1 when it cannot listen. */
    static int run(Options o, PrintStream out, PrintStream err, CountDownLatch stop) {
        ReferenceServer server;
        try {
            server = ReferenceServer.start(o.transport(), o.settings(), o.game(), o.world(), o.summaryEvery());
        } catch (UncheckedIOException | WorldStoreException e) {
            err.println("godot-load serve: " + e.getMessage());
            return 1;
        }
        out.println("godot-load reference server listening on " + server.url() + " (Godot "
                + protocolName(o.settings().version()) + " protocol"
                + (o.game().hasWorld() ? ", stress mode " + (o.settings().stressMode() ? "on" : "off") : ", game " + o.game().label())
                + (o.settings().serverRelay() ? "" : ", server relay off")
                + (o.settings().requiresAuth() ? ", auth token required" : "")
                + (o.transport().limits().describe().isEmpty() ? "" : ", " + o.transport().limits().describe())
                + "); Ctrl-C stops it");
        if (o.game().hasWorld()) {
            out.println("world: " + server.worldDescription() + ", " + o.world().props() + " props"
                    + (o.world().loseAckedMerges() > 0 ? "; FAULT " + WorldNode.LOSE_ACKED_MERGES + "=" + o.world().loseAckedMerges()
                            + ": some acknowledged merges are lost on purpose, to validate an integrity checker" : ""));
        } else {
            out.println("game: " + o.game().label() + ", " + o.game().summary());
        }
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return 0;
    }

    /** Runs in the foreground of this JVM, stopping cleanly on SIGINT/SIGTERM. */
    static int runUntilSignalled(Options options, PrintStream out, PrintStream err) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(); // the JVM must not halt before the server closed its peers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "godot-load-shutdown"));
        try {
            return run(options, out, err, stop);
        } finally {
            stopped.countDown();
        }
    }

    /** {@code --game}. */
    static final class GameName implements ITypeConverter<Game> {
        @Override
        public Game convert(String v) throws UsageException {
            try {
                return Game.parse(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--game must be " + Game.choices() + ", got '" + v + "'");
            }
        }
    }

    /** {@code --props}: a world's size. */
    static final class Props implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) throws UsageException {
            try {
                int p = Integer.parseInt(v);
                if (p >= World.MIN_GLUED && p <= World.MAX_PROPS) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new UsageException("--props must be " + World.MIN_GLUED + " to " + World.MAX_PROPS + ", got '" + v + "'");
        }
    }

    /**
     * An on/off option. true and false too: picocli hands a boolean option's value to its converter a
     * second time, as "true" or "false", after the first conversion.
     */
    abstract static class OnOff implements ITypeConverter<Boolean> {
        private final String option;

        OnOff(String option) {
            this.option = option;
        }

        @Override
        public Boolean convert(String v) throws UsageException {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new UsageException(option + " takes on or off, got '" + v + "'");
            };
        }
    }

    static final class StressMode extends OnOff {
        StressMode() {
            super("--stress-mode");
        }
    }

    static final class ServerRelay extends OnOff {
        ServerRelay() {
            super("--server-relay");
        }
    }

    /** A limit of {@link ConnectionLimits}: 1 to {@value ConnectionLimits#MAX}; no limit is the option left out. */
    abstract static class Limit implements ITypeConverter<Integer> {
        private final String option;

        Limit(String option) {
            this.option = option;
        }

        @Override
        public Integer convert(String v) throws UsageException {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= ConnectionLimits.MAX) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new UsageException(option + " must be 1 to " + ConnectionLimits.MAX + " (leave it out for no limit), got '"
                    + v + "'");
        }
    }

    static final class MaxPeers extends Limit {
        MaxPeers() {
            super("--max-peers");
        }
    }

    static final class MaxMessagesPerSecond extends Limit {
        MaxMessagesPerSecond() {
            super("--max-msgs-per-sec");
        }
    }

    /** {@code --summary-every}: 0 (off) to 24h. */
    static final class SummaryEvery implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) throws UsageException {
            return OptionValues.duration("--summary-every", v, Duration.ZERO, MAX_SUMMARY_EVERY, " (0 turns the summary off)");
        }
    }
}

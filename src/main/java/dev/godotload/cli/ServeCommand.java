package dev.godotload.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import dev.godotload.contract.Contract;
import dev.godotload.server.ReferenceServer;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldNode;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.wire.GodotVersion;
import dev.godotload.world.World;
import dev.godotload.world.WorldStoreException;

/**
 * {@code serve}: the reference server in the foreground until SIGINT/SIGTERM. Logs one line per
 * connect and disconnect and a periodic summary; prints the URL it listens on first, so a script
 * that asked for {@code --port 0} can read it.
 */
final class ServeCommand {
    static final String USAGE = "serve [--host 127.0.0.1] [--port 9080] [--godot 4.3|4.2|3] [--stress-mode on|off]"
            + " [--auth-token T] [--subprotocol P] [--contract FILE] [--db FILE|:memory:] [--props 1000]"
            + " [--fault lose-acked-merges=F] [--summary-every 10s]";

    record Options(TransportOptions transport, ServerSettings settings, WorldOptions world, Duration summaryEvery) {
    }

    private ServeCommand() {
    }

    static Options parse(List<String> args) throws UsageException {
        String host = null;
        Integer port = null;
        String subprotocol = null;
        GodotVersion version = GodotVersion.DEFAULT;
        boolean stress = true;
        String token = null;
        String contract = Contract.DEFAULT_RESOURCE;
        Duration summary = Duration.ofSeconds(10);
        WorldOptions world = WorldOptions.defaults();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--host" -> host = Main.value(args, ++i, a);
                case "--port" -> port = port(Main.value(args, ++i, a));
                case "--godot" -> version = version(Main.value(args, ++i, a));
                case "--stress-mode" -> stress = onOff(a, Main.value(args, ++i, a));
                case "--auth-token" -> token = Main.value(args, ++i, a);
                case "--subprotocol" -> subprotocol = Main.value(args, ++i, a);
                case "--contract" -> contract = Main.value(args, ++i, a);
                case "--summary-every" -> summary = seconds(a, Main.value(args, ++i, a), " (0 turns the summary off)");
                case "--db" -> world = world.withDatabase(database(Main.value(args, ++i, a)));
                case "--props" -> world = world.withProps(props(Main.value(args, ++i, a)));
                case "--fault" -> world = fault(world, Main.value(args, ++i, a));
                default -> throw new UsageException("unknown option " + a);
            }
        }
        Contract c;
        try {
            c = Contract.load(contract);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--contract: " + e.getMessage());
        }
        ServerSettings settings = ServerSettings.defaults(c).withVersion(version).withStressMode(stress);
        if (token != null) {
            if (token.isEmpty()) {
                throw new UsageException("--auth-token must not be empty");
            }
            if (version.isGodot3()) {
                throw new UsageException("--auth-token: Godot 3 has no authentication; use --godot 4.x for a token");
            }
            settings = settings.withAuthToken(token);
        }
        return new Options(transport(version, host, port, subprotocol), settings, world, summary);
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
            server = ReferenceServer.start(o.transport(), o.settings(), o.world(), o.summaryEvery());
        } catch (UncheckedIOException | WorldStoreException e) {
            err.println("godot-load serve: " + e.getMessage());
            return 1;
        }
        out.println("godot-load reference server listening on " + server.url() + " (Godot "
                + protocolName(o.settings().version()) + " protocol, stress mode " + (o.settings().stressMode() ? "on" : "off")
                + (o.settings().requiresAuth() ? ", auth token required" : "") + "); Ctrl-C stops it");
        out.println("world: " + server.worldDescription() + ", " + o.world().props() + " props"
                + (o.world().loseAckedMerges() > 0 ? "; FAULT " + WorldNode.LOSE_ACKED_MERGES + "=" + o.world().loseAckedMerges()
                        + ": some acknowledged merges are lost on purpose, to validate an integrity checker" : ""));
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
    static int runUntilSignalled(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options options = parse(args); // usage errors before anything starts
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

    static int port(String v) throws UsageException {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--port must be 0 to 65535 (0 picks a free port), got '" + v + "'");
    }

    private static String database(String v) throws UsageException {
        if (v.isBlank()) {
            throw new UsageException("--db takes a file name or :memory:");
        }
        return v;
    }

    private static int props(String v) throws UsageException {
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

    private static WorldOptions fault(WorldOptions world, String v) throws UsageException {
        try {
            return world.withFault(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fault " + v + ": " + e.getMessage());
        }
    }

    private static GodotVersion version(String v) throws UsageException {
        try {
            return GodotVersion.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--godot: " + e.getMessage());
        }
    }

    private static boolean onOff(String option, String v) throws UsageException {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw new UsageException(option + " takes on or off, got '" + v + "'");
        }
    }

    static Duration seconds(String option, String v, String hint) throws UsageException {
        String t = v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
        try {
            long s = Long.parseLong(t);
            if (s >= 0 && s <= 86_400) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(option + " takes whole seconds, e.g. 10s" + hint + ", got '" + v + "'");
    }
}

package dev.godotload.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.godotload.engine.EngineBridge;
import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.server.transport.TransportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code bridge}: lets a Godot server that cannot listen (a project in the web template, e.g.
 * {@code godot/server-godot4} with {@code -- --bridge URL}) serve real clients. Prints the URL the
 * engine connects to, waits for the engine's READY, then accepts clients on {@code --port} until
 * SIGINT/SIGTERM.
 */
@Command(name = "bridge", customSynopsis = BridgeCommand.USAGE,
        description = {"Lets a Godot server in a browser (the web template), which cannot listen, serve real",
                "WebSocket clients: prints the URL the engine connects to, waits for its READY, then takes",
                "clients until Ctrl-C."},
        descriptionHeading = "%n", optionListHeading = "%noptions:%n", sortOptions = false)
final class BridgeCommand implements Callable<Integer> {
    static final String USAGE = "bridge [--port 9080] [--ready-timeout 600s]";
    static final Duration MAX_READY_TIMEOUT = Duration.ofHours(24);

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--port", paramLabel = "PORT", converter = OptionValues.Port.class,
            description = "the port for the clients (default 9080); 0 picks a free one")
    private Integer port;
    @Option(names = "--ready-timeout", paramLabel = "DURATION", converter = ReadyTimeout.class,
            description = "how long to wait for the engine's READY (default 600s)")
    private Duration readyTimeout = Duration.ofMinutes(10);
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    BridgeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        TransportOptions clients = TransportOptions.defaults();
        if (port != null) {
            clients = clients.withPort(port);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "godot-load-bridge-shutdown"));
        try (EngineBridge bridge = EngineBridge.open()) {
            out.println("godot-load bridge: engine URL " + bridge.engineUrl()
                    + " (run the Godot server with -- --bridge " + bridge.engineUrl() + "); waiting for its READY");
            out.flush();
            String server;
            try {
                server = bridge.awaitReady(readyTimeout);
            } catch (EngineUnavailableException e) {
                err.println("godot-load bridge: " + e.getMessage());
                return 1;
            }
            String url = bridge.startClients(clients);
            out.println("godot-load bridge: clients on " + url + " for " + server + "; Ctrl-C stops it");
            out.flush();
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stopped.countDown();
        }
    }

    /** {@code --ready-timeout}: 0 to 24h. */
    static final class ReadyTimeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) throws UsageException {
            return OptionValues.duration("--ready-timeout", v, Duration.ZERO, MAX_READY_TIMEOUT, "");
        }
    }
}

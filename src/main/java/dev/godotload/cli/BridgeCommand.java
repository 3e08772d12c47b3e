package dev.godotload.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.godotload.engine.EngineBridge;
import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.server.transport.TransportOptions;

/**
 * {@code bridge}: lets a Godot server that cannot listen (a project in the web template, e.g.
 * {@code godot/server-godot4} with {@code -- --bridge URL}) serve real clients. Prints the URL the
 * engine connects to, waits for the engine's READY, then accepts clients on {@code --port} until
 * SIGINT/SIGTERM.
 */
final class BridgeCommand {
    static final String USAGE = "bridge [--port 9080] [--ready-timeout 600s]";

    private BridgeCommand() {
    }

    static int runUntilSignalled(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TransportOptions clients = TransportOptions.defaults();
        Duration readyTimeout = Duration.ofMinutes(10);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--port" -> clients = clients.withPort(ServeCommand.port(Main.value(args, ++i, a)));
                case "--ready-timeout" -> readyTimeout = ServeCommand.seconds(a, Main.value(args, ++i, a), "");
                default -> throw new UsageException("unknown option " + a);
            }
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
}

package dev.godotload.bench.godot3;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures N Godot 3 clients by hand against a reference server of its own, from the repository root:
 *
 * <pre>
 * ./mvnw -o -q package -DskipTests -Dgatling.skip=true
 * java -cp target/test-classes:target/godot-load.jar dev.godotload.bench.godot3.MeasureGodot3Clients \
 *     CLIENTS [SENTENCES=5] [INTERVAL_MS=1000] [RAMP_MS=CLIENTS*100] [LINGER_MS=3000]
 * </pre>
 *
 * Logs go to target/godot3-clients-measure.
 */
public final class MeasureGodot3Clients {
    private MeasureGodot3Clients() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 5) {
            System.err.println("usage: MeasureGodot3Clients CLIENTS [SENTENCES] [INTERVAL_MS] [RAMP_MS] [LINGER_MS]");
            System.exit(2);
        }
        int clients = Integer.parseInt(args[0]);
        int sentences = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration interval = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1000);
        Duration ramp = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : clients * 100L);
        Duration linger = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 3000);
        Path out = Path.of("target", "godot3-clients-measure");
        Godot3Clients.Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServer.jar(), out.resolve("serve.log"))) {
            r = Godot3Clients.run(server.port(), clients, sentences, interval, ramp, linger, out.resolve("clients"));
        }
        System.out.println(r);
        System.out.printf("clients %d: sent %d, received %d of %d (%s), RSS mean %.1f MB max %.1f MB, "
                + "CPU %.2f s total, %.0f µs per received message, %.1f s%n", r.clients(), r.sent(), r.received(),
                r.expectedReceived(), r.everyCopyArrived() ? "every copy" : "MISSING COPIES", r.meanRssMb(),
                r.maxRssMb(), r.totalCpuSeconds(), r.cpuMicrosPerMessage(), r.elapsedSeconds());
    }
}

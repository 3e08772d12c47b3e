package dev.godotload.bench.capacity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capacity command's measurements, each one run of one setting: a {@code serve} JVM and a
 * Gatling JVM on loopback, bounded in time, both stopped by PID whatever happens.
 */
final class Experiments {
    static final String CHAT = "dev.godotload.simulations.ChatStressSimulation";
    private static final String INJECTOR_HEAP = "2g";
    private static final String SERVER_HEAP = "2g";

    private final Path jar;
    private final Path work;
    private final java.util.function.Consumer<String> log;

    Experiments(Path jar, Path work, java.util.function.Consumer<String> log) {
        this.jar = jar;
        this.work = work;
        this.log = log;
    }

    /**
     * (a) Users held: {@code users} join over {@code ramp}, each says one sentence every 10 s for a
     * minute, the server echoes to the sender only (stress mode off). At steady state, both JVMs'
     * live heap after a full collection, divided by the users the server counts connected.
     */
    Measurement held(int users, boolean relay, Duration ramp, int run) throws Exception {
        return held("held", users, relay, ramp, run);
    }

    /** {@link #held(int, boolean, Duration, int)}, filed under {@code experiment}. */
    Measurement held(String experiment, int users, boolean relay, Duration ramp, int run) throws Exception {
        String setting = String.format(java.util.Locale.ROOT, "%,d users, relay %s", users, relay ? "on" : "off");
        Path dir = work.resolve("held-" + users + (relay ? "-relay" : "-norelay") + "-" + run);
        try (Serve serve = Serve.start(jar, dir.resolve("serve.log"), SERVER_HEAP, "--stress-mode", "off", "--server-relay",
                relay ? "on" : "off");
                Injector gatling = Injector.start(CHAT, Map.of("godot.url", serve.url(), "godot.stressMode", "off",
                        "godot.serverRelay", relay ? "on" : "off", "load.users", Integer.toString(users),
                        // the first users stay through the ramp, then everyone a minute more
                        "load.ramp", ramp.toSeconds() + "s", "load.sentences", Long.toString(6 + ramp.toSeconds() / 10),
                        "load.interval", "10s",
                        "load.maxWait", "2m"), INJECTOR_HEAP, dir, "capacity command")) {
            long connected = awaitPeers(serve, gatling, users, ramp.plusSeconds(120));
            if (connected < users) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s: only %,d users were ever connected"
                        + " at once; see %s", setting, connected, gatling.jvm.console));
            }
            Thread.sleep(10_000); // past the last join: steady state
            connected = serve.peers();
            long injectorHeap = gatling.jvm.liveHeapBytes();
            long serverHeap = serve.jvm.liveHeapBytes();
            log.accept(String.format(java.util.Locale.ROOT, "  %s: %,d connected, injector %,d KB live (%.1f KB a user),"
                    + " server %,d KB", setting, connected, injectorHeap / 1024, injectorHeap / 1024.0 / connected,
                    serverHeap / 1024));
            finish(gatling, ramp.plusSeconds(300));
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("users", (double) users);
            v.put("connected", (double) connected);
            v.put("injectorHeapKbPerUser", injectorHeap / 1024.0 / Math.max(1, connected));
            v.put("serverHeapKbPerUser", serverHeap / 1024.0 / Math.max(1, connected));
            v.put("koPercent", gatling.koPercent());
            v.put("roundTripP99Ms", gatling.row("chat round trip").p99());
            v.put("connectP99Ms", gatling.row("connect").p99());
            v.put("passed", gatling.jvm.process.exitValue() == 0 ? 1.0 : 0.0);
            v.put("rampSeconds", (double) ramp.toSeconds());
            return new Measurement(experiment, setting, run, v);
        }
    }

    /**
     * (b) Chat fan-out in stress mode: every sentence goes to everyone. {@code users} join over 10 s
     * and say 10 sentences about a second apart; the copies' latency, their rate, and the CPU both
     * JVMs spent per copy.
     */
    Measurement fanOut(int users, int run) throws Exception {
        String setting = String.format(java.util.Locale.ROOT, "%,d users", users);
        Path dir = work.resolve("fanout-" + users + "-" + run);
        try (Serve serve = Serve.start(jar, dir.resolve("serve.log"), SERVER_HEAP, "--stress-mode", "on");
                Injector gatling = Injector.start(CHAT, Map.of("godot.url", serve.url(), "load.users", Integer.toString(users),
                        "load.ramp", "10s", "load.sentences", "10", "load.interval", "1s", "load.maxWait", "3m"),
                        INJECTOR_HEAP, dir, "capacity command")) {
            // CPU from the first user in to the last one out: the JVMs' start-up and Gatling's report are left out
            double[] start = null;
            double[] end = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
            while (System.nanoTime() < deadline && gatling.jvm.process.isAlive()) {
                long peers = serve.peers();
                double[] now = {serve.jvm.cpuSeconds(), gatling.jvm.cpuSeconds()};
                if (start == null && peers > 0) {
                    start = now;
                } else if (start != null) {
                    end = now;
                    if (peers == 0) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
            finish(gatling, Duration.ofMinutes(3));
            double wholeCpu = serve.jvm.cpuSeconds() + gatling.jvm.cpuSeconds();
            if (start == null || end == null) {
                throw new IllegalStateException("the server never counted a user; see " + gatling.jvm.console);
            }
            double serverCpu = end[0] - start[0];
            double injectorCpu = end[1] - start[1];
            GatlingReport copies = gatling.row("chat fan-out");
            GatlingReport roundTrips = gatling.row("chat round trip");
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("users", (double) users);
            v.put("copies", (double) copies.ok());
            v.put("deliveryPercent", copies.total() == 0 ? Double.NaN : 100.0 * copies.ok() / copies.total());
            v.put("copiesPerSecond", copies.meanPerSecond());
            v.put("fanOutP50Ms", copies.p50());
            v.put("fanOutP99Ms", copies.p99());
            v.put("roundTripP99Ms", roundTrips.p99());
            v.put("serverCpuSeconds", serverCpu);
            v.put("injectorCpuSeconds", injectorCpu);
            v.put("cpuMicrosPerCopy", (serverCpu + injectorCpu) * 1e6 / (copies.ok() + roundTrips.ok()));
            v.put("wholeCpuMicrosPerCopy", wholeCpu * 1e6 / (copies.ok() + roundTrips.ok()));
            log.accept(String.format(java.util.Locale.ROOT, "  %s: %,d copies, %.0f/s, fan-out p99 %.0f ms, %.2f µs CPU a copy",
                    setting, copies.ok(), copies.meanPerSecond(), copies.p99(), v.get("cpuMicrosPerCopy")));
            return new Measurement("fanout", setting, run, v);
        }
    }

    /**
     * (c) Connect rate: {@code users} open their WebSocket within {@code ramp} (relay off and stress
     * mode off, so nothing but the upgrades and the ids is measured). The server's peer count, read
     * every 200 ms, says when the first and the last had joined.
     */
    Measurement connects(int users, Duration ramp, int run) throws Exception {
        double offered = users / (double) Math.max(1, ramp.toMillis()) * 1000;
        String setting = String.format(java.util.Locale.ROOT, "%,d users in %d ms", users, ramp.toMillis());
        Path dir = work.resolve("connects-" + users + "-" + ramp.toMillis() + "-" + run);
        try (Serve serve = Serve.start(jar, dir.resolve("serve.log"), SERVER_HEAP, "--stress-mode", "off", "--server-relay",
                "off");
                Injector gatling = Injector.start(CHAT, Map.of("godot.url", serve.url(), "godot.stressMode", "off",
                        "godot.serverRelay", "off", "load.users", Integer.toString(users), "load.ramp", ramp.toMillis() + "ms",
                        "load.sentences", "1", "load.interval", "20s", "load.maxWait", "1m"), INJECTOR_HEAP, dir, "capacity command")) {
            long first = 0;
            long last = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long peers = 0;
            while (System.nanoTime() < deadline && gatling.jvm.process.isAlive() && peers < users) {
                peers = serve.peers();
                long now = System.nanoTime();
                if (peers > 0 && first == 0) {
                    first = now;
                }
                last = now;
                Thread.sleep(200);
            }
            double seconds = first == 0 ? Double.NaN : Math.max(0.2, (last - first) / 1e9);
            finish(gatling, Duration.ofMinutes(3));
            GatlingReport connect = gatling.row("connect");
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("users", (double) users);
            v.put("offeredPerSecond", offered);
            v.put("achievedPerSecond", peers / seconds);
            v.put("connectKoPercent", connect.koPercent());
            v.put("connectP50Ms", connect.p50());
            v.put("connectP99Ms", connect.p99());
            log.accept(String.format(java.util.Locale.ROOT, "  %s: %,d joined at %.0f/s, connect KO %.2f %%, p99 %.0f ms",
                    setting, peers, v.get("achievedPerSecond"), connect.koPercent(), connect.p99()));
            return new Measurement("connects", setting, run, v);
        }
    }

    /**
     * (e) The alternative: {@code clients} headless Godot 3 clients ({@code godot3-server} running
     * bench/godot3-chat-client), then as many Gatling users, each against its own {@code serve
     * --godot 3} in stress mode, 5 sentences a second apart over a 5 s ramp. Whole processes: what
     * each way costs to run the test, start-up included.
     */
    Measurement godot3(int clients, int run) throws Exception {
        String setting = String.format(java.util.Locale.ROOT, "%d users", clients);
        Path dir = work.resolve("godot3-" + clients + "-" + run);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("users", (double) clients);
        try (Serve serve = Serve.start(jar, dir.resolve("serve-godot.log"), SERVER_HEAP, "--godot", "3")) {
            dev.godotload.bench.godot3.Godot3Clients.Result godot = dev.godotload.bench.godot3.Godot3Clients.run(serve.port,
                    clients, 5, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3), dir.resolve("godot3"));
            v.put("godotRssMbPerClient", godot.meanRssMb());
            v.put("godotCpuMicrosPerMessage", godot.cpuMicrosPerMessage());
            v.put("godotReceived", (double) godot.received());
        }
        try (Serve serve = Serve.start(jar, dir.resolve("serve-gatling.log"), SERVER_HEAP, "--godot", "3");
                Injector gatling = Injector.start(CHAT, Map.of("godot.url", serve.url(), "godot.version", "3",
                        "load.users", Integer.toString(clients), "load.ramp", "5s", "load.sentences", "5",
                        "load.interval", "1s", "load.maxWait", "1m"), INJECTOR_HEAP, dir, "capacity command")) {
            long maxRss = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline && !gatling.jvm.process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                maxRss = Math.max(maxRss, gatling.jvm.rssBytes());
                gatling.jvm.cpuSeconds();
            }
            finish(gatling, Duration.ofSeconds(10));
            long received = gatling.row("chat fan-out").ok() + gatling.row("chat round trip").ok();
            v.put("gatlingRssMbPerUser", maxRss / 1024.0 / 1024.0 / clients);
            v.put("gatlingCpuMicrosPerMessage", gatling.jvm.cpuSeconds() * 1e6 / received);
            v.put("gatlingReceived", (double) received);
        }
        log.accept(String.format(java.util.Locale.ROOT, "  %s: Godot 3 clients %.1f MB and %.0f µs a message; Gatling %.2f MB"
                + " a user and %.0f µs a message", setting, v.get("godotRssMbPerClient"), v.get("godotCpuMicrosPerMessage"),
                v.get("gatlingRssMbPerUser"), v.get("gatlingCpuMicrosPerMessage")));
        return new Measurement("godot3", setting, run, v);
    }

    /**
     * (d) The ceiling: the pattern of {@link #fanOut} at {@code users} through a bare Netty broadcast
     * server and bare Netty clients (dev.godotload.bench.baseline), whole processes.
     */
    Measurement baseline(int users, int run) throws Exception {
        String setting = String.format(java.util.Locale.ROOT, "%,d users", users);
        dev.godotload.bench.baseline.Baseline.Result r = dev.godotload.bench.baseline.Baseline.run(users, 10,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(3), work.resolve("baseline-" + users + "-" + run));
        if (!r.complete()) {
            throw new IllegalStateException("the Netty baseline delivered " + r.copies() + " of " + r.expected() + " copies");
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("users", (double) users);
        v.put("copies", (double) r.copies());
        v.put("p99Ms", r.p99Ms());
        v.put("cpuMicrosPerCopy", r.cpuMicrosPerCopy());
        log.accept(String.format(java.util.Locale.ROOT, "  %s: %,d copies, p99 %.0f ms, %.2f µs CPU a copy", setting, r.copies(),
                r.p99Ms(), r.cpuMicrosPerCopy()));
        return new Measurement("baseline", setting, run, v);
    }

    /** Waits until the server counts {@code users} peers, the injector ends, or {@code max} passes; returns the count. */
    private static long awaitPeers(Serve serve, Injector gatling, int users, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long peers = 0;
        while (System.nanoTime() < deadline && gatling.jvm.process.isAlive()) {
            peers = serve.peers();
            if (peers >= users) {
                break;
            }
            Thread.sleep(2_000);
        }
        return peers;
    }

    private static void finish(Injector gatling, Duration max) throws Exception {
        if (!gatling.jvm.awaitExit(max.toSeconds())) {
            throw new IllegalStateException("the Gatling run did not end within " + max.toSeconds() + " s; see "
                    + gatling.jvm.console);
        }
    }
}

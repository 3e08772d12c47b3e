package dev.godotload.server.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.godotload.server.multiplayer.NodeCall;
import dev.godotload.server.multiplayer.NodeHost;
import dev.godotload.server.multiplayer.ServerCounters;
import dev.godotload.server.multiplayer.ServerNode;
import dev.godotload.server.transport.TransportStats;

/**
 * {@code Main/Stats} of the contract: {@code request_stats()} is answered with
 * {@code receive_stats(stats)}, a Dictionary of the server's vitals: {@code peers},
 * {@code packets_in}, {@code packets_out}, {@code bytes_in}, {@code bytes_out} (Godot packets at the
 * multiplayer layer, as the engine's own counters would count them), {@code rpcs_in} and
 * {@code rpcs_out} (the RPCs among them: a chat line in, each copy of it out), {@code world_version},
 * {@code uptime_msec}, and {@code memory_static} (the JVM's used heap, the closest thing a Java
 * server has). A Java server has no frames, so no {@code fps} or {@code process_msec}; what reads a
 * slowdown instead comes from the transport: {@code loop_lag_msec} (the game loop's worst lateness
 * over the last second, the Java counterpart of a long frame), {@code queued_out_bytes} and
 * {@code queued_out_max_bytes} (bytes waiting for peers' sockets, all and the fullest peer), and
 * {@code dropped_out} (packets refused because a peer's outbound buffer was full, since start).
 * Rates are left to the reader: counters are cumulative, so two readings give messages per second.
 */
public final class StatsNode implements ServerNode {
    public static final String PATH = "Main/Stats";

    private final LongSupplier worldVersion;
    private final LongSupplier nanoClock;
    private final Supplier<TransportStats> transport;
    private final long startedNanos;

    /** A node without a transport behind it (a layer's test): the transport's fields are left out. */
    public StatsNode(LongSupplier worldVersion, LongSupplier nanoClock) {
        this(worldVersion, nanoClock, () -> null);
    }

    /**
     * @param worldVersion the world's version, read on the game loop
     * @param nanoClock    {@link System#nanoTime()}, or a test's clock
     * @param transport    the transport's counters, or null while it is not listening yet
     */
    public StatsNode(LongSupplier worldVersion, LongSupplier nanoClock, Supplier<TransportStats> transport) {
        this.worldVersion = worldVersion;
        this.nanoClock = nanoClock;
        this.transport = transport;
        this.startedNanos = nanoClock.getAsLong();
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public void call(NodeCall call) {
        if (call.method().equals("request_stats")) {
            call.reply("receive_stats", List.of(stats(call.host())));
        }
    }

    Map<Object, Object> stats(NodeHost host) {
        ServerCounters c = host.counters();
        Runtime rt = Runtime.getRuntime();
        Map<Object, Object> s = new LinkedHashMap<>();
        s.put("peers", (long) host.peers().size());
        s.put("packets_in", c.packetsIn());
        s.put("packets_out", c.packetsOut());
        s.put("bytes_in", c.bytesIn());
        s.put("bytes_out", c.bytesOut());
        s.put("rpcs_in", c.packetsIn(ServerCounters.Kind.RPC));
        s.put("rpcs_out", c.packetsOut(ServerCounters.Kind.RPC));
        s.put("world_version", worldVersion.getAsLong());
        s.put("uptime_msec", (nanoClock.getAsLong() - startedNanos) / 1_000_000);
        s.put("memory_static", rt.totalMemory() - rt.freeMemory());
        TransportStats t = transport.get();
        if (t != null) {
            s.put("loop_lag_msec", t.loopLagMicros() / 1000.0);
            s.put("queued_out_bytes", t.queuedOutBytes());
            s.put("queued_out_max_bytes", t.queuedOutMaxBytes());
            s.put("dropped_out", t.droppedOutbound());
        }
        return s;
    }
}

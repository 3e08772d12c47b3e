package dev.godotload.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.godotload.contract.Contract;
import dev.godotload.server.multiplayer.SceneMultiplayerServer;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.ChatNode;
import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.Timers;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/**
 * The reference server's hot path without the network: one chat line in, its rebroadcast to every
 * peer out (decode, checks, one encode, a retained duplicate per peer). Links release what they
 * are given, so this is the game loop's share of a fan-out. Run with {@code bash docs/bench.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChatFanOutBenchmark {
    @Param({"10", "100", "1000"})
    int peers;

    private SceneMultiplayerServer server;
    private Link sender;
    private byte[] line;
    private long sent;

    private final class Link implements Connection {
        private final int id;

        Link(int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:" + id;
        }

        @Override
        public boolean send(ByteBuf packet) {
            sent += packet.readableBytes();
            packet.release();
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() {
        Contract contract = Contract.bundled();
        Timers never = (delay, task) -> () -> { };
        server = new SceneMultiplayerServer(ServerSettings.defaults(contract), never, List.of(new ChatNode(true)));
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_3);
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            Link l = new Link(1000 + i);
            links.add(l);
            server.peerConnected(l);
        }
        sender = links.get(0);
        String md5 = contract.node("Main/Chat").methodsMd5();
        server.packetReceived(sender, codec.encode(new SimplifyPath(1, "Main/Chat", md5)));
        byte[] warm = codec.encode(Rpc.of(NodeRef.path("Main/Chat"), 1, List.of("hi", 1L, 1L)));
        server.packetReceived(sender, warm); // the server announces Main/Chat (its id 1) to everyone
        for (Link l : links) {
            server.packetReceived(l, codec.encode(new ConfirmPath(true, NodeRef.cached(1))));
        }
        line = codec.encode(Rpc.of(NodeRef.cached(1), 1,
                List.of("the quick brown fox glues the red chair to the blue table", 1_732_180_000_123_456L, 7L)));
    }

    /** One sentence in, {@code peers} compact receive_message copies out. */
    @Benchmark
    public long rebroadcast() {
        server.packetReceived(sender, line);
        return sent;
    }
}

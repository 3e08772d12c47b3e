package dev.godotload.bench;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.Vector3;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The packets of the contract's hot paths, encoded and decoded: a chat sentence and its
 * rebroadcast, a merge fan-out, an avatar pose, a 200-group world read-back, and a Godot 3 chat
 * call. Run with {@code bash docs/bench.sh}; results in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireCodecBenchmark {
    private final Godot4Packets godot4 = Godot4Packets.of(GodotVersion.GODOT_4_3);
    private final Godot3Packets godot3 = Godot3Packets.INSTANCE;

    private Rpc sendMessage;
    private Rpc receiveMessage;
    private Rpc worldChanged;
    private Rpc updatePose;
    private Rpc receiveState;
    private Routed godot3Chat;
    private byte[] sendMessageBytes;
    private byte[] receiveMessageBytes;
    private byte[] worldChangedBytes;
    private byte[] updatePoseBytes;
    private byte[] receiveStateBytes;
    private byte[] godot3ChatBytes;

    @Setup
    public void setUp() {
        String sentence = "the quick brown fox glues the red chair to the blue table";
        long usec = 1_732_180_000_123_456L;
        sendMessage = Rpc.of(NodeRef.cached(1), 1, sentence, usec, 17L);
        receiveMessage = Rpc.of(NodeRef.cached(1), 0, 1_480_066_776L, sentence, usec, 17L);
        worldChanged = Rpc.of(NodeRef.cached(2), 5, 1234L, 1_480_066_776L, PackedInt32Array.of(3, 17, 99, 512, 640, 700, 801, 999));
        Transform3D pose = new Transform3D(Basis.IDENTITY, new Vector3(1.5, 1.7, -3.25));
        updatePose = Rpc.of(NodeRef.cached(3), 1, pose, usec);
        List<Object> groups = new ArrayList<>();
        for (int g = 0; g < 200; g++) {
            groups.add(PackedInt32Array.of(g * 5 + 1, g * 5 + 2, g * 5 + 3, g * 5 + 4));
        }
        receiveState = Rpc.of(NodeRef.cached(2), 3, 5000L, groups);
        godot3Chat = new Routed(198_326_032, 1, RemoteCall.of(NodeRef.cached(1), "send_message", sentence, usec, 17L));

        sendMessageBytes = godot4.encode(sendMessage);
        receiveMessageBytes = godot4.encode(receiveMessage);
        worldChangedBytes = godot4.encode(worldChanged);
        updatePoseBytes = godot4.encode(updatePose);
        receiveStateBytes = godot4.encode(receiveState);
        godot3ChatBytes = godot3.encode(godot3Chat);
    }

    @Benchmark
    public byte[] encodeSendMessage() {
        return godot4.encode(sendMessage);
    }

    @Benchmark
    public Packet decodeSendMessage() {
        return godot4.decode(sendMessageBytes);
    }

    @Benchmark
    public byte[] encodeReceiveMessage() {
        return godot4.encode(receiveMessage);
    }

    @Benchmark
    public Packet decodeReceiveMessage() {
        return godot4.decode(receiveMessageBytes);
    }

    @Benchmark
    public Packet decodeWorldChanged() {
        return godot4.decode(worldChangedBytes);
    }

    @Benchmark
    public byte[] encodeUpdatePose() {
        return godot4.encode(updatePose);
    }

    @Benchmark
    public Packet decodeUpdatePose() {
        return godot4.decode(updatePoseBytes);
    }

    @Benchmark
    public byte[] encodeReceiveState200Groups() {
        return godot4.encode(receiveState);
    }

    @Benchmark
    public Packet decodeReceiveState200Groups() {
        return godot4.decode(receiveStateBytes);
    }

    @Benchmark
    public byte[] encodeGodot3Chat() {
        return godot3.encode(godot3Chat);
    }

    @Benchmark
    public Packet decodeGodot3Chat() {
        return godot3.decode(godot3ChatBytes);
    }
}

package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.server.node.AvatarsNode;
import dev.godotload.server.node.ChatNode;
import dev.godotload.server.node.FakeWorldStore;
import dev.godotload.server.node.PlazaNode;
import dev.godotload.server.node.StatsNode;
import dev.godotload.server.node.WorldNode;
import dev.godotload.server.transport.Timers;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.Vector3;
import dev.godotload.world.World;

import ch.qos.logback.classic.Level;
import io.netty.buffer.ByteBuf;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generative fuzzing of both multiplayer layers through their public entry points (the
 * {@link TransportListener} calls the transport makes): a fuzzing peer sends a sequence of messages
 * made from valid ones and then mutated (bit flips, truncation, bytes appended, a length, id or count
 * overwritten, one byte replaced), in any order, leaves and comes back, while timers fire and a
 * bystander chats. The Godot 4 server also serves the plaza's spawner, so every peer gets a player
 * and the fuzzer's replication packets (its own synchronizer's, the bystander's, spawns) meet it.
 * Whatever the sequence:
 * <ul>
 * <li>no exception escapes the layer, and nothing is logged at ERROR or with a stack trace;</li>
 * <li>only the documented refusals happen: every WARN line names the fuzzing peer, and the only
 * disconnect is Godot 4's of a peer that failed or never finished authentication;</li>
 * <li>the bystander is never disconnected, and every {@code edit_applied} anyone got is committed;</li>
 * <li>afterwards a newcomer completes a chat round trip the bystander also receives, and its merge
 * is acknowledged; no buffer leaked.</li>
 * </ul>
 * This is property-based, not coverage-guided: jqwik draws the sequences at random (a new seed each
 * run; a failure prints its seed and shrinks the sequence). Tries: jqwik's default, 1,000 a property;
 * {@code -Djqwik.tries.default=N} or the {@code fuzz} profile for a longer run (architecture.md).
 */
class LayerFuzzProperties {
    private static final Contract CONTRACT = Contract.bundled();
    private static final NodeSpec CHAT = CONTRACT.node("Main/Chat");
    private static final NodeSpec WORLD = CONTRACT.node("Main/World");
    private static final NodeSpec STATS = CONTRACT.node("Main/Stats");
    private static final NodeSpec AVATARS = CONTRACT.node("Main/Avatars");
    private static final String TOKEN = "s3cret";
    private static final int SERVER = 1;
    /** The fuzzing peer, the bystander, the newcomer. */
    private static final int F = 2;
    private static final int B = 3;
    private static final int W = 5;
    /** Props the fuzzer's merges use; the newcomer merges others, which no one-shot mutation reaches. */
    private static final int FUZZED_PROPS = 20;
    private static final int[] NEWCOMER_PROPS = {999, 1000};
    private static final HexFormat HEX = HexFormat.of();

    // ------------------------------------------------------------------ the sequences

    /** One thing that happens to the server. */
    sealed interface Step permits Send, BystanderChats, Leave, Return, TimersFire {
    }

    /** The fuzzing peer sends {@code valid}, mutated. */
    record Send(byte[] valid, Mutation mutation) implements Step {
        byte[] bytes() {
            return mutation.apply(valid);
        }

        @Override
        public String toString() {
            return "Send[" + HEX.formatHex(valid) + " " + mutation + " = " + HEX.formatHex(bytes()) + "]";
        }
    }

    record BystanderChats() implements Step {
    }

    /** The fuzzing peer's connection ends (the transport reports it); packets on it afterwards are late. */
    record Leave() implements Step {
    }

    /** The fuzzing peer connects again with the same id, as a new connection. */
    record Return() implements Step {
    }

    /** Every timer due fires: the auth timeout among them. */
    record TimersFire() implements Step {
    }

    /** What is done to a valid message; positions wrap around its length. */
    sealed interface Mutation permits Keep, FlipBit, Truncate, Append, Overwrite32, SetByte {
        byte[] apply(byte[] m);
    }

    record Keep() implements Mutation {
        public byte[] apply(byte[] m) {
            return m.clone();
        }
    }

    record FlipBit(int bit) implements Mutation {
        public byte[] apply(byte[] m) {
            byte[] out = m.clone();
            if (out.length > 0) {
                int b = Math.floorMod(bit, out.length * 8);
                out[b / 8] ^= (byte) (1 << (b % 8));
            }
            return out;
        }
    }

    record Truncate(int keep) implements Mutation {
        public byte[] apply(byte[] m) {
            return Arrays.copyOf(m, m.length == 0 ? 0 : Math.floorMod(keep, m.length));
        }
    }

    record Append(byte[] tail) implements Mutation {
        public byte[] apply(byte[] m) {
            byte[] out = Arrays.copyOf(m, m.length + tail.length);
            System.arraycopy(tail, 0, out, m.length, tail.length);
            return out;
        }

        @Override
        public String toString() {
            return "Append[" + HEX.formatHex(tail) + "]";
        }
    }

    /** A length, count, id or offset field made wrong: little-endian, as Godot writes them. */
    record Overwrite32(int at, int value) implements Mutation {
        public byte[] apply(byte[] m) {
            byte[] out = m.clone();
            if (out.length >= 4) {
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.floorMod(at, out.length - 3), value);
            }
            return out;
        }
    }

    record SetByte(int at, byte value) implements Mutation {
        public byte[] apply(byte[] m) {
            byte[] out = m.clone();
            if (out.length > 0) {
                out[Math.floorMod(at, out.length)] = value;
            }
            return out;
        }
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 4096);
        Arbitrary<Integer> wrongField = Arbitraries.of(0, -1, 1, 2, 4, 8, 64, 0x7f, 0x80, 0xff, 0xffff, 0x10000,
                Integer.MAX_VALUE, Integer.MIN_VALUE);
        return Arbitraries.frequencyOf(
                weight(3, Arbitraries.just(new Keep())),
                weight(3, position.map(FlipBit::new)),
                weight(2, position.map(Truncate::new)),
                weight(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16).map(Append::new)),
                weight(2, Combinators.combine(position, wrongField).as(Overwrite32::new)),
                weight(2, Combinators.combine(position, Arbitraries.bytes()).as((at, value) -> new SetByte(at, value))));
    }

    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> weight(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static Arbitrary<List<Step>> steps(List<byte[]> corpus) {
        Arbitrary<Step> send = Combinators.combine(Arbitraries.of(corpus), mutations()).as(Send::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                weight(20, send),
                weight(2, Arbitraries.just(new BystanderChats())),
                weight(1, Arbitraries.just(new Leave())),
                weight(1, Arbitraries.just(new Return())),
                weight(1, Arbitraries.just(new TimersFire())));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    /** A Godot 4 server's settings and a sequence for it, made from valid packets of its line. */
    record Godot4Case(ServerSettings settings, List<Step> steps) {
    }

    @Provide
    Arbitrary<Godot4Case> godot4() {
        Arbitrary<ServerSettings> settings = Combinators.combine(
                Arbitraries.of(GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4),
                Arbitraries.of(false, true), Arbitraries.of(true, true, false))
                .as((v, auth, relay) -> {
                    ServerSettings s = ServerSettings.defaults(CONTRACT).withVersion(v).withServerRelay(relay);
                    return auth ? s.withAuthToken(TOKEN) : s;
                });
        return settings.flatMap(s -> steps(godot4Corpus(s)).map(steps -> new Godot4Case(s, steps)));
    }

    private static List<byte[]> godot4Corpus(ServerSettings s) {
        Godot4Packets codec = Godot4Packets.of(s.version());
        List<Packet> packets = new ArrayList<>();
        NodeRef chat = NodeRef.path("Main/Chat");
        NodeRef world = NodeRef.path("Main/World");
        packets.add(Rpc.of(chat, CHAT.methodId("send_message"), List.of("hello", 123L, 1L)));
        packets.add(Rpc.of(NodeRef.cached(1), CHAT.methodId("send_message"), List.of("by id", 124L, 2L)));
        packets.add(Rpc.of(chat, CHAT.methodId("receive_message"), List.of(1L, "forged", 1L, 1L)));
        packets.add(new SimplifyPath(1, "Main/Chat", CHAT.methodsMd5()));
        packets.add(new SimplifyPath(2, "Main/World", WORLD.methodsMd5()));
        packets.add(new SimplifyPath(3, "Main/Nowhere", CHAT.methodsMd5()));
        packets.add(new SimplifyPath(1, "Main/Chat", WORLD.methodsMd5()));
        packets.add(new ConfirmPath(true, s.version().confirmsPathById() ? NodeRef.cached(1) : chat));
        packets.add(new ConfirmPath(false, s.version().confirmsPathById() ? NodeRef.cached(2) : world));
        for (long op = 1; op <= 3; op++) {
            packets.add(Rpc.of(world, WORLD.methodId("merge_world"),
                    List.of(op, new PackedInt32Array(new int[] {(int) op, (int) op + 1, FUZZED_PROPS}))));
        }
        packets.add(Rpc.of(NodeRef.cached(2), WORLD.methodId("merge_world"), List.of(4L, new PackedInt32Array(new int[] {5, 6}))));
        packets.add(Rpc.of(world, WORLD.methodId("request_state"), List.of()));
        packets.add(Rpc.of(NodeRef.path("Main/Stats"), STATS.methodId("request_stats"), List.of()));
        packets.add(Rpc.of(NodeRef.path("Main/Avatars"), AVATARS.methodId("update_pose"),
                List.of(new Transform3D(new Basis(new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1)),
                        new Vector3(1, 2, 3)), 7L)));
        packets.add(new Auth(TOKEN.getBytes(StandardCharsets.UTF_8)));
        packets.add(Auth.COMPLETE);
        packets.add(new AddPeer(9));
        packets.add(new DelPeer(B));
        packets.add(new Raw(new byte[] {1, 2, 3}));
        for (int to : new int[] {B, 0, -1, -B, SERVER, F, 99}) {
            packets.add(new Relay(to, Rpc.of(chat, CHAT.methodId("send_message"), List.of("relayed", 1L, 1L))));
        }
        packets.add(new Relay(0, new Raw(new byte[] {9})));
        String noRpcs = SceneReplication.NO_RPCS_MD5;
        packets.add(new SimplifyPath(4, PlazaNode.playerPath(F) + "/Sync", noRpcs));
        packets.add(new SimplifyPath(5, PlazaNode.playerPath(B) + "/Sync", noRpcs));
        packets.add(new SimplifyPath(6, PlazaNode.SPAWNER, noRpcs));
        Vector3 v = new Vector3(1, 2, 3);
        Sync own = new Sync(7, List.of(new SyncState(0x8000_0004, List.of(v, v, 9L))));
        packets.add(own);
        packets.add(new Sync(8, List.of(new SyncState(0x8000_0005, List.of(v, v, 9L)), new SyncState(3, List.of(v)))));
        packets.add(new Delta(List.of(new DeltaState(0x8000_0004, 1, List.of("happy")))));
        packets.add(new Delta(List.of(new DeltaState(0x8000_0005, 2, List.of("sly")))));
        packets.add(new Sync(9, List.of(new SyncState(0x8000_0004, List.of(v)), new SyncState(0x8000_0004, List.of()))));
        packets.add(new Delta(List.of(new DeltaState(0x8000_0004, 3, List.of("a", "b")))));
        packets.add(Spawn.ofScene(0, 6, 1, "x", List.of(), List.of()));
        packets.add(new Despawn(1));
        packets.add(new Relay(0, own));
        packets.add(new Relay(B, own));
        return packets.stream().map(codec::encode).toList();
    }

    /** A Godot 3 sequence, made from valid messages of the 3.2.3 session's kinds. */
    @Provide
    Arbitrary<List<Step>> godot3() {
        return steps(godot3Corpus());
    }

    private static List<byte[]> godot3Corpus() {
        List<Routed> messages = new ArrayList<>();
        NodeRef chat = NodeRef.path("Main/Chat");
        NodeRef world = NodeRef.path("Main/World");
        List<Packet> packets = List.of(
                RemoteCall.of(chat, "send_message", "hello", 123L, 1L),
                RemoteCall.of(NodeRef.cached(1), "send_message", "by id", 124L, 2L),
                RemoteCall.of(chat, "receive_message", 1L, "forged", 1L, 1L),
                RemoteCall.of(chat, "no_such_method"),
                RemoteCall.of(world, "merge_world", 1L, new PackedInt32Array(new int[] {1, 2, FUZZED_PROPS})),
                RemoteCall.of(world, "merge_world", 2L, new PackedInt32Array(new int[] {3, 4})),
                RemoteCall.of(world, "request_state"),
                RemoteCall.of(NodeRef.path("Main/Stats"), "request_stats"),
                new RemoteSet(chat, "anything", 5L),
                SimplifyPath.godot3(1, "Main/Chat"),
                SimplifyPath.godot3(2, "Main/Nowhere"),
                new ConfirmPath(true, chat),
                new Raw(new byte[] {1, 2, 3}));
        for (Packet p : packets) {
            messages.add(new Routed(F, SERVER, p));
        }
        for (int to : new int[] {0, B, -B, F, -F, 99}) {
            messages.add(new Routed(F, to, RemoteCall.of(chat, "send_message", "routed", 1L, 1L)));
        }
        messages.add(new Routed(B, SERVER, RemoteCall.of(chat, "send_message", "as B", 1L, 1L)));
        return messages.stream().map(Godot3Packets.INSTANCE::encode).toList();
    }

    // ------------------------------------------------------------------ the properties

    @Property(edgeCases = EdgeCasesMode.NONE)
    void godot4LayerTakesAnySequence(@ForAll("godot4") Godot4Case c) {
        Godot4Packets codec = Godot4Packets.of(c.settings().version());
        run(c.settings(), c.steps(), nodes -> new SceneMultiplayerServer(c.settings(), nodes.timers,
                        withPlaza(nodes.list), List.of(PlazaNode.PLAYERS)), new Godot4Client(codec, c.settings()));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void godot3LayerTakesAnySequence(@ForAll("godot3") List<Step> steps) {
        ServerSettings settings = ServerSettings.defaults(CONTRACT).withVersion(GodotVersion.GODOT_3);
        run(settings, steps, nodes -> new Godot3MultiplayerServer(settings, nodes.timers, nodes.list), new Godot3Client());
    }

    private static List<ServerNode> withPlaza(List<ServerNode> nodes) {
        List<ServerNode> out = new ArrayList<>(nodes);
        out.add(new PlazaNode());
        return out;
    }

    /** What differs between the lines for the bystander and the newcomer. */
    interface Client {
        /** Messages that admit a peer that just connected (auth), if any. */
        List<byte[]> admission(int id);

        byte[] chat(int id, String text);

        byte[] merge(int id, long opId, int[] glued);

        /** The RPC in {@code message}, if it is one: (method name, args), else null. */
        Call call(byte[] message);
    }

    record Call(String method, List<Object> args) {
    }

    record Godot4Client(Godot4Packets codec, ServerSettings settings) implements Client {
        @Override
        public List<byte[]> admission(int id) {
            return settings.requiresAuth()
                    ? List.of(codec.encode(new Auth(TOKEN.getBytes(StandardCharsets.UTF_8))), codec.encode(Auth.COMPLETE))
                    : List.of();
        }

        @Override
        public byte[] chat(int id, String text) {
            return codec.encode(Rpc.of(NodeRef.path("Main/Chat"), CHAT.methodId("send_message"), List.of(text, 1L, 1L)));
        }

        @Override
        public byte[] merge(int id, long opId, int[] glued) {
            return codec.encode(Rpc.of(NodeRef.path("Main/World"), WORLD.methodId("merge_world"),
                    List.of(opId, new PackedInt32Array(glued))));
        }

        /** Method ids are per node and a compact RPC does not say which; the argument shapes here do. */
        @Override
        public Call call(byte[] message) {
            Packet p;
            try {
                p = codec.decode(message);
            } catch (WireFormatException relayedUnread) {
                return null; // the server forwards a relay's bytes unread, as Godot does
            }
            if (!(p instanceof Rpc r)) {
                return null;
            }
            if (r.methodId() == CHAT.methodId("receive_message") && r.args().size() == 4 && r.args().get(1) instanceof String) {
                return new Call("receive_message", r.args());
            }
            if (r.methodId() == WORLD.methodId("edit_applied") && r.args().size() == 2
                    && r.args().get(0) instanceof Long && r.args().get(1) instanceof Long) {
                return new Call("edit_applied", r.args());
            }
            return null;
        }
    }

    record Godot3Client() implements Client {
        @Override
        public List<byte[]> admission(int id) {
            return List.of();
        }

        @Override
        public byte[] chat(int id, String text) {
            return Godot3Packets.INSTANCE.encode(new Routed(id, SERVER, RemoteCall.of(NodeRef.path("Main/Chat"),
                    "send_message", text, 1L, 1L)));
        }

        @Override
        public byte[] merge(int id, long opId, int[] glued) {
            return Godot3Packets.INSTANCE.encode(new Routed(id, SERVER, RemoteCall.of(NodeRef.path("Main/World"),
                    "merge_world", opId, new PackedInt32Array(glued))));
        }

        @Override
        public Call call(byte[] message) {
            try {
                Routed routed = Godot3Packets.INSTANCE.decode(message);
                // A peer's message the server forwarded may say anything; only the server's own count.
                if (routed.from() == SERVER && routed.packet() instanceof RemoteCall rc) {
                    return new Call(rc.method(), rc.args());
                }
            } catch (WireFormatException relayedUnread) {
                // forwarded byte for byte, as Godot 3 does
            }
            return null;
        }
    }

    /** The social game's nodes, as {@code ReferenceServer} lists them, on a store and timers the run drives. */
    static final class Nodes {
        final SteppedTimers timers = new SteppedTimers();
        final FakeWorldStore store = new FakeWorldStore(World.DEFAULT_PROPS);
        final WorldNode world = new WorldNode(store.load(), store, 0, () -> 0.5);
        final List<ServerNode> list = List.of(new ChatNode(true), world, new AvatarsNode(),
                new StatsNode(world::version, () -> 0L));
    }

    private static void run(ServerSettings settings, List<Step> steps, Function<Nodes, TransportListener> layer,
                            Client client) {
        Nodes nodes = new Nodes();
        TransportListener server = layer.apply(nodes);
        List<FakeLink> links = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            // WARN and above are what is checked; formatting every DEBUG line would triple the cost of a try.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.godotload.server")).setLevel(Level.INFO);
            FakeLink bystander = connect(server, links, B);
            admit(server, bystander, client);
            FakeLink fuzzer = connect(server, links, F);
            boolean fuzzerConnected = true;
            boolean fuzzerDropped = false;
            for (Step step : steps) {
                if (step instanceof Send s) {
                    server.packetReceived(fuzzer, s.bytes()); // after a Leave: a late packet on the old connection
                } else if (step instanceof BystanderChats) {
                    server.packetReceived(bystander, client.chat(B, "bystander"));
                } else if (step instanceof Leave && fuzzerConnected) {
                    server.peerDisconnected(fuzzer);
                    fuzzerConnected = false;
                } else if (step instanceof Return && !fuzzerConnected) {
                    fuzzer = connect(server, links, F);
                    fuzzerConnected = true;
                } else if (step instanceof TimersFire) {
                    nodes.timers.fire(true);
                }
                nodes.store.commit();
                nodes.timers.fire(false);
                if (fuzzer.closed() && fuzzerConnected) {
                    // What the transport does after a close: it reports the disconnect.
                    fuzzerDropped = true;
                    server.peerDisconnected(fuzzer);
                    fuzzerConnected = false;
                }
                assertThat(bystander.closed()).as("the bystander is never disconnected").isFalse();
            }

            assertThat(log.lines(Level.ERROR)).as("nothing at ERROR").isEmpty();
            assertThat(log.anyThrowable()).as("no stack trace logged").isFalse();
            String named = "(?s).*\\bpeer " + F + "\\b.*";
            assertThat(log.lines(Level.WARN)).as("every WARN line names the fuzzing peer").allMatch(l -> l.matches(named));
            if (fuzzerDropped) {
                assertThat(settings.requiresAuth()).as("only authentication disconnects").isTrue();
                assertThat(log.lines(Level.WARN)).as("the disconnect's reason").anyMatch(l ->
                        l.equals("WARN peer " + F + " failed authentication")
                                || l.equals("WARN peer " + F + " did not authenticate within 3000 ms; disconnected"));
            }
            assertEveryAcknowledgedMergeCommitted(links, client, nodes.store);

            FakeLink newcomer = connect(server, links, W);
            admit(server, newcomer, client);
            bystander.sent.clear();
            server.packetReceived(newcomer, client.chat(W, "after the fuzz"));
            Predicate<Call> line = call -> call.method().equals("receive_message") && "after the fuzz".equals(call.args().get(1));
            assertThat(calls(newcomer, client)).as("the newcomer's own line back").anyMatch(line);
            assertThat(calls(bystander, client)).as("the newcomer's line to the bystander").anyMatch(line);
            server.packetReceived(newcomer, client.merge(W, 77, NEWCOMER_PROPS));
            nodes.store.commit();
            nodes.timers.fire(false);
            assertThat(calls(newcomer, client)).as("the newcomer's merge acknowledged")
                    .anyMatch(call -> call.method().equals("edit_applied") && Long.valueOf(77).equals(call.args().get(0)));
            assertEveryAcknowledgedMergeCommitted(links, client, nodes.store);
        }
        for (FakeLink l : links) {
            for (ByteBuf b : l.buffers) {
                assertThat(b.refCnt()).as("refCnt of a buffer sent to %s", l).isZero();
            }
        }
    }

    private static FakeLink connect(TransportListener server, List<FakeLink> links, int id) {
        FakeLink link = new FakeLink(id);
        links.add(link);
        server.peerConnected(link);
        return link;
    }

    private static void admit(TransportListener server, FakeLink link, Client client) {
        for (byte[] m : client.admission(link.id)) {
            server.packetReceived(link, m);
        }
    }

    private static List<Call> calls(FakeLink link, Client client) {
        return link.sent.stream().map(client::call).filter(c -> c != null).toList();
    }

    private static void assertEveryAcknowledgedMergeCommitted(List<FakeLink> links, Client client, FakeWorldStore store) {
        Set<Long> committed = store.committed.stream().map(m -> m.version()).collect(Collectors.toSet());
        for (FakeLink l : links) {
            for (Call c : calls(l, client)) {
                if (c.method().equals("edit_applied")) {
                    assertThat(committed).as("version of %s to peer %d", c, l.id).contains((Long) c.args().get(1));
                }
            }
        }
    }

    /** Timers the run fires: the game loop's "later" tasks after every step, the delayed ones when a step says so. */
    static final class SteppedTimers implements Timers {
        private static final class Task implements Cancellable {
            final Duration delay;
            final Runnable run;
            boolean done;

            Task(Duration delay, Runnable run) {
                this.delay = delay;
                this.run = run;
            }

            @Override
            public void cancel() {
                done = true;
            }
        }

        private final List<Task> tasks = new ArrayList<>();

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Task t = new Task(delay, task);
            tasks.add(t);
            return t;
        }

        /** Runs what is due, in order, and what those schedule; {@code delayedToo}: the delayed ones as well. */
        void fire(boolean delayedToo) {
            for (int round = 0; round < 100; round++) {
                List<Task> due = tasks.stream().filter(t -> !t.done && (delayedToo || t.delay.isZero())).toList();
                if (due.isEmpty()) {
                    tasks.removeIf(t -> t.done);
                    return;
                }
                for (Task t : due) {
                    t.done = true;
                    t.run.run();
                }
            }
            throw new AssertionError("timers keep scheduling timers");
        }
    }
}

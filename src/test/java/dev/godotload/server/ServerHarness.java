package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

import dev.godotload.contract.Contract;
import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

/** A {@link SceneMultiplayerServer} driven by fake links and timers, plus the packets tests send it. */
final class ServerHarness {
    static final Contract CONTRACT = Contract.bundled();
    static final String CHAT = "Main/Chat";
    static final String CHAT_MD5 = "9873620e1a4cd5f998277279495460f3";
    /** Method ids of Main/Chat: names sorted. */
    static final int RECEIVE_MESSAGE = 0;
    static final int SEND_MESSAGE = 1;

    final ServerSettings settings;
    final Godot4Packets codec;
    final FakeTimers timers = new FakeTimers();
    final ChatNode chat;
    final SceneMultiplayerServer server;
    private final Map<Integer, FakeLink> links = new LinkedHashMap<>();
    private final List<FakeLink> everyLink = new ArrayList<>();

    ServerHarness(ServerSettings settings, ServerNode... extra) {
        this.settings = settings;
        this.codec = Godot4Packets.of(settings.version());
        this.chat = new ChatNode(settings.stressMode());
        List<ServerNode> nodes = new ArrayList<>();
        nodes.add(chat);
        nodes.addAll(Arrays.asList(extra));
        this.server = new SceneMultiplayerServer(settings, timers, nodes);
    }

    static ServerHarness defaults() {
        return new ServerHarness(ServerSettings.defaults(CONTRACT));
    }

    static ServerHarness version(GodotVersion v) {
        return new ServerHarness(ServerSettings.defaults(CONTRACT).withVersion(v));
    }

    FakeLink connect(int id) {
        FakeLink link = new FakeLink(id);
        links.put(id, link);
        everyLink.add(link);
        server.peerConnected(link);
        return link;
    }

    void disconnect(FakeLink link) {
        links.remove(link.id);
        server.peerDisconnected(link);
    }

    void receive(FakeLink from, byte[] message) {
        server.packetReceived(from, message);
    }

    void receive(FakeLink from, Packet packet) {
        server.packetReceived(from, codec.encode(packet));
    }

    void receiveHex(FakeLink from, String hex) {
        server.packetReceived(from, GoldenData.hex(hex));
    }

    String hex(Packet p) {
        return GoldenData.hex(codec.encode(p));
    }

    /** Forgets what every link received so far. */
    void clearSent() {
        for (FakeLink l : everyLink) {
            l.take();
        }
    }

    // ---------------------------------------------------------------- packets a client sends

    static Rpc sendMessage(NodeRef node, String text, long usec, long seq) {
        return Rpc.of(node, SEND_MESSAGE, List.of(text, usec, seq));
    }

    static Rpc sendMessage(String text, long usec, long seq) {
        return sendMessage(NodeRef.path(CHAT), text, usec, seq);
    }

    static SimplifyPath announceChat(int id) {
        return new SimplifyPath(id, CHAT, CHAT_MD5);
    }

    /** receive_message(from, text, usec, seq) on {@code node}, as Godot lays it out. */
    static Rpc receiveMessage(NodeRef node, int from, String text, long usec, long seq) {
        return Rpc.of(node, RECEIVE_MESSAGE, List.of((long) from, text, usec, seq));
    }

    /** Every buffer any link was handed has been released: nothing leaked. */
    void assertAllReleased() {
        for (FakeLink l : everyLink) {
            for (ByteBuf b : l.buffers) {
                assertThat(b.refCnt()).as("refCnt of a buffer sent to %s", l).isZero();
            }
        }
    }
}

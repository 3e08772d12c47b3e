package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.godotload.contract.Contract;
import dev.godotload.server.node.ChatNode;
import dev.godotload.server.node.PlazaNode;
import dev.godotload.testing.FakeTimers;
import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/** A {@link SceneMultiplayerServer} driven by fake links and timers, plus the packets tests send it. */
public final class ServerHarness {
    public static final Contract CONTRACT = Contract.bundled();
    public static final String CHAT = "Main/Chat";
    public static final String CHAT_MD5 = "9873620e1a4cd5f998277279495460f3";
    /** Method ids of Main/Chat: names sorted. */
    public static final int RECEIVE_MESSAGE = 0;
    public static final int SEND_MESSAGE = 1;

    public final ServerSettings settings;
    public final Godot4Packets codec;
    public final FakeTimers timers = new FakeTimers();
    public final ChatNode chat;
    public final SceneMultiplayerServer server;
    private final Map<Integer, FakeLink> links = new LinkedHashMap<>();
    private final List<FakeLink> everyLink = new ArrayList<>();

    /** Main/Chat and {@code extra}. */
    public ServerHarness(ServerSettings settings, ServerNode... extra) {
        this(settings, new ChatNode(settings.stressMode()), List.of(), extra);
    }

    /** {@code chat} (if any), then {@code extra}, with {@code spawners}. */
    private ServerHarness(ServerSettings settings, ChatNode chat, List<Spawner> spawners, ServerNode... extra) {
        this.settings = settings;
        this.codec = Godot4Packets.of(settings.version());
        this.chat = chat;
        List<ServerNode> nodes = new ArrayList<>();
        if (chat != null) {
            nodes.add(chat);
        }
        nodes.addAll(Arrays.asList(extra));
        this.server = new SceneMultiplayerServer(settings, timers, nodes, spawners);
    }

    /** The plaza: {@link PlazaNode} and its spawner, no Main/Chat ({@link #chat} is null). */
    public static ServerHarness plaza(ServerSettings settings) {
        return new ServerHarness(settings, null, List.of(PlazaNode.PLAYERS), new PlazaNode());
    }

    public static ServerHarness defaults() {
        return new ServerHarness(ServerSettings.defaults(CONTRACT));
    }

    public static ServerHarness version(GodotVersion v) {
        return new ServerHarness(ServerSettings.defaults(CONTRACT).withVersion(v));
    }

    public FakeLink connect(int id) {
        FakeLink link = new FakeLink(id);
        links.put(id, link);
        everyLink.add(link);
        server.peerConnected(link);
        return link;
    }

    public void disconnect(FakeLink link) {
        links.remove(link.id);
        server.peerDisconnected(link);
    }

    public void receive(FakeLink from, byte[] message) {
        server.packetReceived(from, message);
    }

    public void receive(FakeLink from, Packet packet) {
        server.packetReceived(from, codec.encode(packet));
    }

    public void receiveHex(FakeLink from, String hex) {
        server.packetReceived(from, GoldenData.hex(hex));
    }

    public String hex(Packet p) {
        return GoldenData.hex(codec.encode(p));
    }

    /** Forgets what every link received so far. */
    public void clearSent() {
        for (FakeLink l : everyLink) {
            l.take();
        }
    }

    // ---------------------------------------------------------------- packets a client sends

    public static Rpc sendMessage(NodeRef node, String text, long usec, long seq) {
        return Rpc.of(node, SEND_MESSAGE, List.of(text, usec, seq));
    }

    public static Rpc sendMessage(String text, long usec, long seq) {
        return sendMessage(NodeRef.path(CHAT), text, usec, seq);
    }

    public static SimplifyPath announceChat(int id) {
        return new SimplifyPath(id, CHAT, CHAT_MD5);
    }

    /** receive_message(from, text, usec, seq) on {@code node}, as Godot lays it out. */
    public static Rpc receiveMessage(NodeRef node, int from, String text, long usec, long seq) {
        return Rpc.of(node, RECEIVE_MESSAGE, List.of((long) from, text, usec, seq));
    }

    /** Every buffer any link was handed has been released: nothing leaked. */
    public void assertAllReleased() {
        for (FakeLink l : everyLink) {
            for (ByteBuf b : l.buffers) {
                assertThat(b.refCnt()).as("refCnt of a buffer sent to %s", l).isZero();
            }
        }
    }
}

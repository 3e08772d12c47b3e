package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.godotload.contract.Contract;
import dev.godotload.server.node.ChatNode;
import dev.godotload.testing.FakeTimers;
import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.SimplifyPath;

import io.netty.buffer.ByteBuf;

/** A {@link Godot3MultiplayerServer} driven by fake links and timers, plus the messages tests send it. */
public final class Godot3Harness {
    public static final Contract CONTRACT = Contract.bundled();
    public static final String CHAT = "Main/Chat";
    public static final int SERVER = 1;
    /** The two peers of the real 3.2.3 session (godot3.md §7). */
    public static final int A = 1564095456;
    public static final int B = 198326032;
    public static final Godot3Packets CODEC = Godot3Packets.INSTANCE;

    public final ServerSettings settings;
    public final FakeTimers timers = new FakeTimers();
    public final ChatNode chat;
    public final Godot3MultiplayerServer server;
    private final List<FakeLink> everyLink = new ArrayList<>();

    public Godot3Harness(ServerSettings settings, ServerNode... extra) {
        this.settings = settings;
        this.chat = new ChatNode(settings.stressMode());
        List<ServerNode> nodes = new ArrayList<>();
        nodes.add(chat);
        nodes.addAll(Arrays.asList(extra));
        this.server = new Godot3MultiplayerServer(settings, timers, nodes);
    }

    public static ServerSettings settings() {
        return ServerSettings.defaults(CONTRACT).withVersion(GodotVersion.GODOT_3);
    }

    public static Godot3Harness defaults() {
        return new Godot3Harness(settings());
    }

    public FakeLink connect(int id) {
        FakeLink link = new FakeLink(id);
        everyLink.add(link);
        server.peerConnected(link);
        return link;
    }

    public void disconnect(FakeLink link) {
        server.peerDisconnected(link);
    }

    /** A data message from {@code from} (its own id in the header) to {@code to}. */
    public void receive(FakeLink from, int to, Packet packet) {
        server.packetReceived(from, CODEC.encode(new Routed(from.id, to, packet)));
    }

    /** A message for the server ({@code to = 1}). */
    public void receive(FakeLink from, Packet packet) {
        receive(from, SERVER, packet);
    }

    public void receiveHex(FakeLink from, String hex) {
        server.packetReceived(from, GoldenData.hex(hex.replace(" ", "")));
    }

    /** Forgets what every link received so far. */
    public void clearSent() {
        for (FakeLink l : everyLink) {
            l.take();
        }
    }

    /** A peer that announced Main/Chat as id 1 and confirmed the server's Main/Chat (after a first broadcast). */
    public void confirmChat(FakeLink... links) {
        for (FakeLink l : links) {
            receive(l, new ConfirmPath(true, NodeRef.path(CHAT)));
        }
    }

    // ---------------------------------------------------------------- messages

    public static String hex(int from, int to, Packet packet) {
        return GoldenData.hex(CODEC.encode(new Routed(from, to, packet)));
    }

    /** What the server sends {@code to} (from 1). */
    public static String fromServer(int to, Packet packet) {
        return hex(SERVER, to, packet);
    }

    public static RemoteCall sendMessage(NodeRef node, String text, long usec, long seq) {
        return new RemoteCall(node, "send_message", List.of(text, usec, seq));
    }

    public static RemoteCall sendMessage(String text, long usec, long seq) {
        return sendMessage(NodeRef.path(CHAT), text, usec, seq);
    }

    public static RemoteCall receiveMessage(NodeRef node, int from, String text, long usec, long seq) {
        return new RemoteCall(node, "receive_message", List.of((long) from, text, usec, seq));
    }

    public static SimplifyPath announceChat(int id) {
        return SimplifyPath.godot3(id, CHAT);
    }

    /** Every buffer any link was handed, and every buffer beneath one, has been released: nothing leaked. */
    public void assertAllReleased() {
        for (FakeLink l : everyLink) {
            for (ByteBuf b : l.buffers) {
                assertThat(b.refCnt()).as("refCnt of a buffer sent to %s", l).isZero();
            }
        }
    }
}

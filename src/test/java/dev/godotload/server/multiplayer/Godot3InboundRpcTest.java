package dev.godotload.server.multiplayer;

import static dev.godotload.server.multiplayer.Godot3Harness.A;
import static dev.godotload.server.multiplayer.Godot3Harness.B;
import static dev.godotload.server.multiplayer.Godot3Harness.CHAT;
import static dev.godotload.server.multiplayer.Godot3Harness.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.contract.RpcMode;
import dev.godotload.testing.LogCapture;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.variant.PackedInt32Array;

import ch.qos.logback.classic.Level;

/**
 * REMOTE_CALL and REMOTE_SET as Godot 3's {@code MultiplayerAPI} takes them: methods by name, the
 * {@code remote}/{@code puppet} modes of a Godot 3 script ({@code _can_call_mode}), typed arguments;
 * whatever is refused is logged in one line, dropped, and the caller stays.
 */
class Godot3InboundRpcTest {
    private final LogCapture log = new LogCapture();
    private final Recorder world = new Recorder();
    private final Godot3Harness h = new Godot3Harness(Godot3Harness.settings(), world);
    private final FakeLink a = h.connect(A);
    private final FakeLink b = h.connect(B);

    @AfterEach
    void nothingLeaked() {
        log.close();
        h.assertAllReleased();
    }

    @Test
    void aRemoteMethodIsCalledByNameWithTheCallersIdAndItsArguments() {
        h.receive(b, new RemoteCall(NodeRef.path("Main/World"), "merge_world",
                List.of(42L, new PackedInt32Array(new int[] {1, 2}))));

        assertThat(world.calls).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(B);
            assertThat(c.node()).isEqualTo("Main/World");
            assertThat(c.method()).isEqualTo("merge_world");
            assertThat(c.longArg(0)).isEqualTo(42);
        });
        assertThat(h.server.counters().callsDispatched()).isEqualTo(1);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void aClientCallingAnAuthorityMethodIsRefusedAsAPuppetMethodOnTheMasterIs() {
        h.clearSent();
        h.receive(b, Godot3Harness.receiveMessage(NodeRef.path(CHAT), B, "I am the server", 1, 1));

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + ": RPC 'receive_message' is not allowed "
                + "on node Main/Chat: mode is 3 (puppet), master is 1");
        assertThat(h.server.counters().callsRejected()).isEqualTo(1);
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertStillServed();
    }

    @Test
    void aMethodTheScriptDoesNotDeclareHasNoModeAndIsRefused() {
        h.receive(b, new RemoteCall(NodeRef.path(CHAT), "_ready", List.of()));

        assertThat(log.lines(Level.WARN)).containsExactly("WARN peer " + B + ": RPC '_ready' is not allowed "
                + "on node Main/Chat: mode is 0 (disabled), master is 1");
        assertStillServed();
    }

    @Test
    void wrongArgumentsAreRefusedAsTheTypedMethodWouldRefuseThem() {
        h.receive(b, new RemoteCall(NodeRef.path(CHAT), "send_message", List.of("two args", 1L)));
        h.receive(b, new RemoteCall(NodeRef.path(CHAT), "send_message", List.of(7L, 1L, 2L)));

        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer " + B + " called Main/Chat.send_message takes 3 arguments, got 2",
                "WARN peer " + B + " called Main/Chat.send_message argument 1 must be String, got int");
        assertThat(h.chat.accepted()).isZero();
        assertStillServed();
    }

    @Test
    void aNodeTheServerDoesNotServeIsRefused() {
        h.receive(b, new RemoteCall(NodeRef.path("Main/Avatars"), "update_pose", List.of()));

        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer " + B + " called node Main/Avatars, which this server does not serve");
        assertStillServed();
    }

    @Test
    void remoteSetIsRefusedTheContractHasNoRemoteVariables() {
        h.receiveHex(b, "001037d20b0100000001010000006e69636b6e616d65000400000003000000626f6200"); // session #27
        h.receive(b, new RemoteSet(NodeRef.path(CHAT), "nickname", "bob"));

        assertThat(log.lines(Level.WARN)).containsExactly(
                "WARN peer " + B + " named cache ID 1, which it never announced",
                "WARN peer " + B + ": RSET 'nickname' is not allowed on node Main/Chat: mode is 0 (disabled), master is 1");
        assertThat(h.server.counters().packetsIn(ServerCounters.Kind.REMOTE_SET)).isEqualTo(2);
        assertStillServed();
    }

    @Test
    void rawBytesAreIgnored() {
        h.clearSent();
        h.receiveHex(b, "001037d20b0100000004010203"); // session #35

        assertThat(log.lines(Level.WARN)).isEmpty();
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
    }

    @Test
    void malformedPacketsAreLoggedCountedDroppedAndEveryoneIsStillServed() {
        String header = "00" + "1037d20b" + "01000000";
        String[] garbage = {
            header,                                      // no MultiplayerAPI command
            header + "05",                               // unknown command
            header + "0024000080" + "73656e64",          // a call cut short in its method name
            header + "0001000000" + "6100" + "01" + "ff000000", // unknown Variant type
            header + "02" + "01000000" + "4d61696e",     // SIMPLIFY_PATH without its NUL
        };
        h.clearSent();
        for (String hex : garbage) {
            h.receiveHex(b, hex);
        }

        assertThat(h.server.counters().malformed()).isEqualTo(garbage.length);
        assertThat(log.lines(Level.WARN)).hasSize(garbage.length).allSatisfy(
                line -> assertThat(line).matches("WARN peer " + B + " sent a malformed packet: offset \\d+: .+"));
        assertThat(log.anyThrowable()).isFalse();
        assertThat(a.take()).isEmpty();
        assertThat(b.take()).isEmpty();
        assertStillServed();
    }

    @Test
    void aNodeThatThrowsIsLoggedAndTheLoopCarriesOn() {
        world.failWith = new IllegalStateException("boom");
        h.receive(b, new RemoteCall(NodeRef.path("Main/World"), "request_state", List.of()));

        assertThat(log.anyThrowable()).isTrue();
        assertThat(log.lines(Level.ERROR)).containsExactly("ERROR Main/World.request_state failed on a call from peer " + B);
        assertStillServed();
    }

    @Test
    void contractModesMapToGodot3Keywords() {
        assertThat(Godot3RpcMode.of(RpcMode.ANY_PEER)).isEqualTo(Godot3RpcMode.REMOTE);
        assertThat(Godot3RpcMode.of(RpcMode.AUTHORITY)).isEqualTo(Godot3RpcMode.PUPPET);
        assertThat(Godot3RpcMode.of(RpcMode.DISABLED)).isEqualTo(Godot3RpcMode.DISABLED);
        // _can_call_mode, on the master (the server) and on a puppet, for a call from the master (1) or a peer (7)
        assertThat(Godot3RpcMode.REMOTE.canCall(true, 7, 1)).isTrue();
        assertThat(Godot3RpcMode.REMOTESYNC.canCall(false, 7, 1)).isTrue();
        assertThat(Godot3RpcMode.MASTER.canCall(true, 7, 1)).isTrue();
        assertThat(Godot3RpcMode.MASTERSYNC.canCall(false, 1, 1)).isFalse();
        assertThat(Godot3RpcMode.PUPPET.canCall(true, 7, 1)).isFalse();
        assertThat(Godot3RpcMode.PUPPET.canCall(false, 7, 1)).isFalse();
        assertThat(Godot3RpcMode.PUPPETSYNC.canCall(false, 1, 1)).isTrue();
        assertThat(Godot3RpcMode.DISABLED.canCall(true, 1, 1)).isFalse();
        assertThat(Godot3RpcMode.PUPPET.engineValue()).isEqualTo(3);
        assertThat(Godot3RpcMode.PUPPETSYNC.engineValue()).isEqualTo(6);
    }

    /** Main/World, recording every call it gets; throws when told to. */
    private static final class Recorder implements ServerNode {
        final List<NodeCall> calls = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public String path() {
            return "Main/World";
        }

        @Override
        public void call(NodeCall call) {
            if (failWith != null) {
                throw failWith;
            }
            calls.add(call);
        }
    }

    private void assertStillServed() {
        assertThat(b.closed()).isFalse();
        long before = h.chat.accepted();
        h.receive(b, sendMessage("still served", 1, 1));
        assertThat(h.chat.accepted()).isEqualTo(before + 1);
    }
}

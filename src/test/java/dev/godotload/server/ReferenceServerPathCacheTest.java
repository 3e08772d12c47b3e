package dev.godotload.server;

import static dev.godotload.server.WirePeer.CHAT;
import static dev.godotload.server.WirePeer.CHAT_MD5;
import static dev.godotload.server.WirePeer.RECEIVE_MESSAGE;
import static dev.godotload.server.WirePeer.SEND_MESSAGE;
import static dev.godotload.server.WirePeer.hex;
import static dev.godotload.server.WirePeer.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

/**
 * Both halves of the node-path cache on the real {@link ReferenceServer} (godot4.md §4, §5.1), for
 * both CONFIRM_PATH forms: by id (4.3+, the default) and by echoing the path (4.0–4.2).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerPathCacheTest {
    private static final String WRONG_MD5 = "0123456789abcdef0123456789abcdef";
    /** "Main/Chat" and its NUL, as appended to full-path RPCs and echoed by a 4.0–4.2 CONFIRM_PATH. */
    private static final String CHAT_Z = hex((CHAT + "\0").getBytes(StandardCharsets.UTF_8));

    private RunningServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private static ServerSettings godot40() {
        return RunningServer.settings().withVersion(GodotVersion.GODOT_4_0);
    }

    // ------------------------------------------------------------------ client -> server

    @Test
    void aClientsSimplifyPathIsConfirmedByIdOnA43Server() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();

        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));
        a.expect("02 01 01 00 00 00");
        a.send(new SimplifyPath(300, CHAT, CHAT_MD5));
        a.expect("02 01 2c 01 00 00");
        a.expectNothing();
    }

    @Test
    void theSimplifyPathSentIsGodotsByteForByte() throws Exception {
        // godot4.md §10.4 example 3, as a client sends it; the server confirms it as in example 4
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        String example3 = "01 39 38 37 33 36 32 30 65 31 61 34 63 64 35 66 39 39 38 32 37 37 32 37 39 34 39 35 34 36"
                + " 30 66 33 00 01 00 00 00 4D 61 69 6E 2F 43 68 61 74 00";
        assertThat(hex(a.codec.encode(new SimplifyPath(1, CHAT, CHAT_MD5))))
                .isEqualToIgnoringCase(example3.replace(" ", ""));

        a.send(example3);

        a.expect("02 01 01 00 00 00");
    }

    @Test
    void aClientsSimplifyPathIsConfirmedWithThePathOnA40Server() throws Exception {
        s = RunningServer.start(godot40());
        WirePeer a = s.join();

        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));

        a.expect("02 01" + CHAT_Z);
        a.expectNothing();
    }

    @Test
    void aWrongMd5IsStillConfirmedButWithValidZero() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();

        a.send(new SimplifyPath(4, CHAT, WRONG_MD5));

        a.expect("02 00 04 00 00 00");
    }

    @Test
    void aWrongMd5IsConfirmedWithValidZeroOnA40ServerToo() throws Exception {
        s = RunningServer.start(godot40());
        WirePeer a = s.join();

        a.send(new SimplifyPath(4, CHAT, WRONG_MD5));

        a.expect("02 00" + CHAT_Z);
    }

    @Test
    void aNodeTheServerDoesNotHaveIsNotConfirmed() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();

        a.send(new SimplifyPath(1, "Main/Nope", CHAT_MD5));

        a.expectNothing();
        assertThat(a.closed()).isFalse();
    }

    @Test
    void aReusedCacheIdIsNotConfirmedAgainOnA43Server() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));
        a.expect("02 01 01 00 00 00");

        a.send(new SimplifyPath(1, CHAT, CHAT_MD5)); // Godot 4.3+: "Duplicate remote cache ID"

        a.expectNothing();
        // the first announcement still holds
        a.send(Rpc.of(NodeRef.cached(1), SEND_MESSAGE, List.of("still 1", 1L, 1L)));
        a.expectChat(a.id, "still 1", 1L, 1L);
    }

    @Test
    void aReusedCacheIdIsConfirmedAgainOnA40Server() throws Exception {
        s = RunningServer.start(godot40());
        WirePeer a = s.join();
        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));
        a.expect("02 01" + CHAT_Z);

        a.send(new SimplifyPath(1, CHAT, CHAT_MD5)); // 4.0–4.2 overwrite the entry

        a.expect("02 01" + CHAT_Z);
    }

    @Test
    void fullPathAndCompactInboundRpcsBothProduceTheRebroadcast() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();

        byte[] fullPath = a.codec.encode(Rpc.of(NodeRef.path(CHAT), SEND_MESSAGE, List.of("by path", 1L, 1L)));
        assertThat(fullPath[0]).isEqualTo((byte) 0x20);
        a.send(fullPath);
        a.expectChat(a.id, "by path", 1L, 1L);
        b.expectChat(a.id, "by path", 1L, 1L);

        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));
        a.expect("02 01 01 00 00 00");
        byte[] compact = a.codec.encode(Rpc.of(NodeRef.cached(1), SEND_MESSAGE, List.of("by id", 2L, 2L)));
        assertThat(hex(compact)).startsWith("00010103"); // 8-bit node 1, method 1, 3 arguments
        a.send(compact);
        a.expectChat(a.id, "by id", 2L, 2L);
        b.expectChat(a.id, "by id", 2L, 2L);

        // a 16-bit cache id works the same
        a.send(new SimplifyPath(300, CHAT, CHAT_MD5));
        a.expect("02 01 2c 01 00 00");
        byte[] compact16 = a.codec.encode(Rpc.of(NodeRef.cached(300), SEND_MESSAGE, List.of("by id 300", 3L, 3L)));
        assertThat(hex(compact16)).startsWith("102c0101");
        a.send(compact16);
        a.expectChat(a.id, "by id 300", 3L, 3L);
        b.expectChat(a.id, "by id 300", 3L, 3L);
    }

    @Test
    void compactInboundRpcsWorkOnA40ServerToo() throws Exception {
        s = RunningServer.start(godot40());
        WirePeer a = s.join();

        a.send(new SimplifyPath(2, CHAT, CHAT_MD5));
        a.expect("02 01" + CHAT_Z);
        a.send(Rpc.of(NodeRef.cached(2), SEND_MESSAGE, List.of("compact 4.0", 1L, 1L)));

        a.expectChat(a.id, "compact 4.0", 1L, 1L);
    }

    @Test
    void aCacheIdIsPerClient() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        a.send(new SimplifyPath(1, CHAT, CHAT_MD5));
        a.expect("02 01 01 00 00 00");

        b.send(Rpc.of(NodeRef.cached(1), SEND_MESSAGE, List.of("b never announced 1", 1L, 1L)));

        WirePeer.expectNothing(a, b);
    }

    // ------------------------------------------------------------------ server -> client

    /** Full path until the client confirms, compact after; the announcement comes once, first. */
    private void serverAnnouncesThenSwitchesToCompactIds(boolean confirmById) throws Exception {
        WirePeer a = s.join();

        a.sendChat("one", 1L, 1L);
        SimplifyPath announce = (SimplifyPath) a.codec.decode(a.next());
        assertThat(announce.path()).isEqualTo(CHAT);
        assertThat(announce.methodsMd5()).isEqualTo(CHAT_MD5);
        int k = announce.cacheId();
        // its bytes, as godot4.md §4.2 lays them out
        String md5Hex = hex(CHAT_MD5.getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(a.codec.encode(announce))).isEqualTo("01" + md5Hex + "00" + le(k) + CHAT_Z);

        byte[] one = a.next();
        assertFullPath(one, List.of((long) a.id, "one", 1L, 1L), a);

        a.sendChat("two", 2L, 2L);
        byte[] two = a.next(); // no second SIMPLIFY_PATH, and still the full path: not confirmed yet
        assertFullPath(two, List.of((long) a.id, "two", 2L, 2L), a);

        a.send(confirmById ? "02 01" + le(k) : "02 01" + CHAT_Z);
        a.expectNothing(); // a CONFIRM_PATH is not answered

        a.sendChat("three", 3L, 3L);
        byte[] three = a.next();
        assertThat(three[0]).as("byte 0 of a compact RPC").isEqualTo((byte) 0x00);
        assertThat(three[1] & 0xff).as("the 8-bit node id").isEqualTo(k);
        assertThat(three[2]).as("method id").isEqualTo((byte) RECEIVE_MESSAGE);
        assertThat(three).isEqualTo(a.codec.encode(
                Rpc.of(NodeRef.cached(k), RECEIVE_MESSAGE, List.of((long) a.id, "three", 3L, 3L))));
        a.expectNothing();
    }

    /** Byte 0 {@code 0x20}, node field {@code 0x80000000 | offset}, "Main/Chat\0" at that offset. */
    private static void assertFullPath(byte[] rpc, List<Object> args, WirePeer to) {
        assertThat(rpc[0]).as("byte 0 of a full-path RPC").isEqualTo((byte) 0x20);
        int field = ByteBuffer.wrap(rpc, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(field & 0x8000_0000).as("path flag").isNotZero();
        int offset = field & 0x7fff_ffff;
        assertThat(offset).isEqualTo(rpc.length - CHAT_Z.length() / 2);
        assertThat(hex(rpc).substring(offset * 2)).isEqualTo(CHAT_Z);
        assertThat(rpc).isEqualTo(to.codec.encode(Rpc.of(NodeRef.path(CHAT), RECEIVE_MESSAGE, args)));
    }

    @Test
    void onA43ServerRpcsUseTheFullPathUntilTheClientConfirmsTheId() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        serverAnnouncesThenSwitchesToCompactIds(true);
    }

    @Test
    void onA40ServerRpcsUseTheFullPathUntilTheClientEchoesThePath() throws Exception {
        s = RunningServer.start(godot40());
        serverAnnouncesThenSwitchesToCompactIds(false);
    }

    @Test
    void onA43ServerAPathEchoDoesNotConfirm() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        a.sendChat("one", 1L, 1L);
        a.nextRpc();

        a.send("02 01" + CHAT_Z); // the 4.0–4.2 form: a 4.3 peer rejects it (length must be 6)
        a.sendChat("two", 2L, 2L);

        assertThat(a.next()[0]).as("still the full-path form").isEqualTo((byte) 0x20);
        assertThat(a.closed()).isFalse();
    }

    @Test
    void confirmedAndUnconfirmedTargetsOfOneBroadcastGetGodotsMixedForm() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer b = s.join();
        a.sendChat("one", 1L, 1L);
        a.nextRpc();
        b.nextRpc();
        int k = a.announcedChatId;
        assertThat(b.announcedChatId).as("one id for every client").isEqualTo(k);

        a.send("02 01" + le(k)); // a confirms, b does not
        a.barrier(); // the server has a's confirmation before b's call
        b.sendChat("two", 2L, 2L);

        // a: the 4-byte node field holding the plain id, no path; b: the path
        byte[] toA = a.next();
        List<Object> args = List.of((long) b.id, "two", 2L, 2L);
        assertThat(toA[0]).isEqualTo((byte) 0x20);
        assertThat(ByteBuffer.wrap(toA, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(k);
        assertThat(a.codec.decode(toA)).isEqualTo(new Rpc(NodeRef.cached(k), RECEIVE_MESSAGE, args,
                new dev.godotload.wire.packet.RpcLayout(4, 1, false)));
        assertFullPath(b.next(), args, b);

        b.send("02 01" + le(k)); // now everyone has confirmed: the compact form for all
        b.barrier();
        a.sendChat("three", 3L, 3L);
        for (WirePeer p : List.of(a, b)) {
            assertThat(p.next()).isEqualTo(p.codec.encode(
                    Rpc.of(NodeRef.cached(k), RECEIVE_MESSAGE, List.of((long) a.id, "three", 3L, 3L))));
        }
    }

    @Test
    void theServersIdOutlivesAClientAndANewcomerIsAnnouncedAgain() throws Exception {
        s = RunningServer.start(RunningServer.settings());
        WirePeer a = s.join();
        WirePeer witness = s.join(); // sees a leave, so c joins after the server let a go
        a.sendChat("one", 1L, 1L);
        a.nextRpc();
        witness.nextRpc();
        int k = a.announcedChatId;
        s.leave(a);

        WirePeer c = s.join();
        c.sendChat("two", 2L, 2L);
        c.expectChat(c.id, "two", 2L, 2L);
        witness.expectChat(c.id, "two", 2L, 2L);

        assertThat(c.announcedChatId).isEqualTo(k);
    }
}

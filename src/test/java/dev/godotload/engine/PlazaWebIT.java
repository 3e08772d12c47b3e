package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.godotload.engine.web.EngineSetupException;
import dev.godotload.engine.web.WebRunner;
import dev.godotload.testing.WsClient;

/**
 * A Godot 4 team's own server project, {@code godot/plaza-godot4}, which only knows
 * {@code WebSocketMultiplayerPeer.create_server(port)}, runs as the godot4-web target with nothing
 * demo-specific: the bridge is injected into its pack, the game's {@code create_server} fails in the
 * browser as expected, and SceneMultiplayer serves our raw clients through the injected peer: each
 * gets its id, the game's {@code peer_connected} spawns its player (a SPAWN naming the client's
 * id), relay reaches another client, and a leave is a DEL_PEER plus a DESPAWN. No unexpected engine
 * error. Skipped, saying why, where the engine cannot be set up (no Chromium, no npm registry).
 */
class PlazaWebIT {
    private static final Path PLAZA = Path.of("godot", "plaza-godot4");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CMD_MASK = 0x07;
    private static final int SPAWN = 4;
    private static final int DESPAWN = 5;

    @Test
    void thePlazaServesRawClientsThroughTheInjectedBridge() throws Exception {
        try {
            WebRunner.create(System.getenv(), line -> { });
        } catch (EngineSetupException e) {
            assumeTrue(false, "skipped, the Godot 4.6 web engine cannot be set up: " + e.getMessage());
        }
        Path log = Path.of("target", "plaza-it", "plaza-server.log");
        try (Godot4WebServer server = Godot4WebServer.start(new Godot4WebServer.Options(PLAZA, 1000, true, log), System.getenv())) {
            assertThat(server.injected()).isTrue();
            assertThat(server.description()).isEqualTo("Plaza on Godot 4.6");
            int port = URI.create(server.url()).getPort();

            try (WsClient a = WsClient.connect(port, "/"); WsClient b = WsClient.connect(port, "/")) {
                a.id = a.readId();
                Spawn own = awaitSpawn(a, s -> s.name().equals(String.valueOf(a.id)));
                assertThat(own.netId()).isPositive();

                b.id = b.readId();
                assertThat(await(b, m -> Arrays.equals(m, sys(1, a.id, new byte[0])))).as("ADD_PEER of A to B").isNotNull();
                Spawn ofA = awaitSpawn(b, s -> s.name().equals(String.valueOf(a.id)));
                assertThat(ofA.netId()).isEqualTo(own.netId());
                awaitSpawn(b, s -> s.name().equals(String.valueOf(b.id)));
                awaitSpawn(a, s -> s.name().equals(String.valueOf(b.id)));

                // SYS RELAY from A to B: the engine rewrites the destination into the source.
                byte[] raw = {3, 'h', 'i'};
                a.sendBinary(sys(3, b.id, raw));
                assertThat(await(b, m -> Arrays.equals(m, sys(3, a.id, raw)))).as("relayed RAW from A").isNotNull();

                a.closeNormally();
                assertThat(await(b, m -> Arrays.equals(m, sys(2, a.id, new byte[0])))).as("DEL_PEER of A").isNotNull();
                byte[] despawn = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) DESPAWN).putInt(own.netId()).array();
                assertThat(await(b, m -> Arrays.equals(m, despawn))).as("DESPAWN of A's player").isNotNull();
            }
            // The engine's lines reach us by the page's own path, which may be behind the sockets.
            String game = awaitLine(log, " left (1 here)");
            assertThat(game).contains("Plaza: cannot listen on port 9080", "Plaza: player ", " joined (2 here)",
                    EngineErrorCounter.EXPECTED_NOTE);
            assertThat(server.engineErrors().count()).as("%s", server.engineErrors().first()).isZero();
        }
    }

    private record Spawn(int netId, String name) {
    }

    /** {@code 07 <sys> <peer:i32> <packet>}: a SYS command of SceneMultiplayer. */
    private static byte[] sys(int command, int peer, byte[] packet) {
        return ByteBuffer.allocate(6 + packet.length).order(ByteOrder.LITTLE_ENDIAN).put((byte) 7).put((byte) command)
                .putInt(peer).put(packet).array();
    }

    /** SPAWN: 04 scene_id:u8 spawner:u32 net_id:u32 sync_count:u32 name_len:u32 sync_ids:u32* name (with its NUL) … */
    private static Spawn spawn(byte[] m) {
        if (m.length < 18 || (m[0] & CMD_MASK) != SPAWN) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        int netId = in.getInt(6);
        int syncs = in.getInt(10);
        int nameLength = in.getInt(14);
        int nameAt = 18 + 4 * syncs;
        return new Spawn(netId, new String(m, nameAt, nameLength - 1, StandardCharsets.UTF_8));
    }

    private static Spawn awaitSpawn(WsClient c, Predicate<Spawn> wanted) throws InterruptedException {
        byte[] m = await(c, x -> {
            Spawn s = spawn(x);
            return s != null && wanted.test(s);
        });
        assertThat(m).as("a SPAWN to client %d", c.id).isNotNull();
        return spawn(m);
    }

    /** The engine log once it holds {@code text}; fails after {@link #WAIT}. */
    private static String awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String all = Files.readString(log, StandardCharsets.UTF_8);
        while (!all.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            all = Files.readString(log, StandardCharsets.UTF_8);
        }
        assertThat(all).as("the engine log within %s", WAIT).contains(text);
        return all;
    }

    /** The first message that matches, skipping others; null when none came within {@link #WAIT}. */
    private static byte[] await(WsClient c, Predicate<byte[]> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] m = c.messages.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        return null;
    }
}

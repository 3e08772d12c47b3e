package dev.godotload.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.contract.Contract;
import dev.godotload.peer.GodotPeer;
import dev.godotload.server.Game;
import dev.godotload.server.ReferenceServer;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.server.transport.WebSocketTransport;
import dev.godotload.testing.Await;
import dev.godotload.wire.GodotVersion;

/** The sampler against the embedded reference server, and against targets that do not play along. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VitalsSamplerTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Contract CONTRACT = Contract.bundled();

    private ReferenceServer server;
    private WebSocketTransport silent;
    private VitalsSampler sampler;

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
        if (server != null) {
            server.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    private static ReferenceServer serve(ServerSettings settings) {
        return ReferenceServer.start(TransportOptions.defaults(settings.version()).withPort(0), settings,
                Game.SOCIAL, WorldOptions.inMemory(), Duration.ZERO);
    }

    private VitalsSampler sample(String url, GodotVersion version, String token) {
        return VitalsSampler.start(new VitalsSampler.Target(url, version, CONTRACT, token, null, Duration.ofSeconds(5)),
                INTERVAL, () -> 7);
    }

    private long answered() {
        return sampler.samples().stream().filter(s -> s.server() != null).count();
    }

    @Test
    void readsTheReferenceServersStatsEveryIntervalWithTheInjectorsOwn() throws Exception {
        server = serve(ServerSettings.defaults(CONTRACT));
        sampler = sample(server.url(), GodotVersion.GODOT_4_3, null);

        Await.until("five answers", () -> answered() >= 5, WAIT);
        try (Chatter chatter = Chatter.join(server.url(), GodotVersion.GODOT_4_3)) {
            chatter.say(200);
            long before = answered();
            Await.until("answers while every chat line reaches the sampler too", () -> answered() >= before + 3, WAIT);
        }
        sampler.close();

        List<Sample> samples = sampler.samples();
        assertThat(samples.get(samples.size() - 1).server()).as("the closing sample: users and injector only").isNull();
        Sample last = samples.stream().filter(s -> s.server() != null).reduce((a, b) -> b).orElseThrow();
        assertThat(last.server()).containsKeys("peers", "packets_in", "packets_out", "bytes_in", "bytes_out", "rpcs_in",
                "rpcs_out", "uptime_msec", "memory_static", "loop_lag_msec", "queued_out_bytes", "queued_out_max_bytes",
                "dropped_out");
        assertThat(last.server().get("loop_lag_msec")).isInstanceOf(Double.class);
        assertThat(last.server().get("dropped_out")).isEqualTo(0L);
        assertThat((Long) last.server().get("rpcs_out")).as("200 lines, a copy each to the chatter and to the sampler")
                .isGreaterThanOrEqualTo(400);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.users()).isEqualTo(7);
            assertThat(s.injector().heapUsedBytes()).isPositive();
        });
        assertThat(samples.get(0).atMillis()).isGreaterThanOrEqualTo(sampler.startedMillis());
        // about one sample an interval: no answer counted twice, no burst of missed ticks. A late answer's
        // interval is recorded at the next tick, beside that tick's own answer, so a loaded machine has a few more
        long intervals = (samples.get(samples.size() - 1).atMillis() - samples.get(0).atMillis()) / INTERVAL.toMillis();
        assertThat((long) samples.size()).isBetween(intervals / 3, intervals * 3 / 2 + 3);
        assertThat(sampler.note()).isNull();
    }

    @Test
    void speaksGodot3() throws Exception {
        server = serve(ServerSettings.defaults(CONTRACT).withVersion(GodotVersion.GODOT_3));
        sampler = sample(server.url(), GodotVersion.GODOT_3, null);

        Await.until("three answers", () -> answered() >= 3, WAIT);
        assertThat(sampler.samples().get(sampler.samples().size() - 1).server()).containsKey("loop_lag_msec");
    }

    @Test
    void authenticatesWithTheRunsToken() throws Exception {
        server = serve(ServerSettings.defaults(CONTRACT).withVersion(GodotVersion.GODOT_4_0).withAuthToken("t0ken"));
        sampler = sample(server.url(), GodotVersion.GODOT_4_0, "t0ken");

        Await.until("three answers", () -> answered() >= 3, WAIT);
        assertThat(sampler.note()).isNull();
    }

    @Test
    void aTargetThatNeverAnswersIsNotedOnceAndTheInjectorIsStillSampled() throws Exception {
        // a Godot 4 WebSocket server that sends its peer id and then ignores everything: no Main/Stats
        silent = WebSocketTransport.start(TransportOptions.defaults().withPort(0), new TransportListener() {
            @Override
            public void peerConnected(Connection peer) {
            }

            @Override
            public void packetReceived(Connection peer, byte[] packet) {
            }

            @Override
            public void peerDisconnected(Connection peer) {
            }
        });
        sampler = sample("ws://127.0.0.1:" + silent.port(), GodotVersion.GODOT_4_3, null);

        Await.until("the silence noted", () -> sampler.note() != null, WAIT);
        int seen = sampler.samples().size();
        Await.until("samples go on", () -> sampler.samples().size() >= seen + 2, WAIT);

        assertThat(sampler.note()).contains("did not answer Main/Stats.request_stats() " + VitalsSampler.PATIENCE + " times");
        assertThat(sampler.samples()).allSatisfy(s -> assertThat(s.server()).isNull());
    }

    @Test
    void aTargetThatStopsEndsTheServerPartAndTheSamplerStopsAtOnce() throws Exception {
        server = serve(ServerSettings.defaults(CONTRACT));
        sampler = sample(server.url(), GodotVersion.GODOT_4_3, null);
        Await.until("two answers", () -> answered() >= 2, WAIT);

        server.close();
        Await.until("the end noted", () -> sampler.note() != null, WAIT);
        int seen = sampler.samples().size();
        Await.until("samples go on", () -> sampler.samples().size() >= seen + 2, WAIT);
        long answeredThen = answered();
        long t = System.nanoTime();
        sampler.close();

        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
        assertThat(sampler.note()).contains("closed the connection").endsWith("server vitals end here");
        assertThat(answered()).isEqualTo(answeredThen);
    }

    @Test
    void aTargetNobodyListensOnIsNotedAndNothingHangs() throws Exception {
        sampler = VitalsSampler.start(new VitalsSampler.Target("ws://127.0.0.1:9", GodotVersion.GODOT_4_3, CONTRACT, null,
                null, Duration.ofMillis(500)), INTERVAL, () -> 0);

        Await.until("the failure noted", () -> sampler.note() != null, WAIT);
        assertThat(sampler.note()).startsWith("could not connect to ws://127.0.0.1:9");
    }

    /** A Godot client that says chat lines, to load the server while the sampler reads. */
    private static final class Chatter implements AutoCloseable {
        private final GodotPeer peer;
        private final WebSocket socket;

        private Chatter(GodotPeer peer, WebSocket socket) {
            this.peer = peer;
            this.socket = socket;
        }

        static Chatter join(String url, GodotVersion version) throws Exception {
            GodotPeer peer = GodotPeer.of(version, CONTRACT);
            CompletableFuture<Void> id = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                            byte[] b = new byte[data.remaining()];
                            data.get(b);
                            synchronized (peer) {
                                peer.receive(b); // whole messages: they are small
                                if (peer.hasId()) {
                                    id.complete(null);
                                }
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            id.get(5, TimeUnit.SECONDS);
            return new Chatter(peer, ws);
        }

        void say(int lines) throws Exception {
            for (int i = 0; i < lines; i++) {
                byte[] message;
                synchronized (peer) {
                    message = peer.rpc("Main/Chat", "send_message", List.of("line " + i, 1L, (long) i));
                }
                socket.sendBinary(ByteBuffer.wrap(message), true).get(5, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}

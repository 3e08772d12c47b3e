package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.gatling.Godot;

class GodotTargetTest {
    /** Vitals off unless a test asks: they would be written into the build's own report folder. */
    private static GodotTarget target(Map<String, String> props) {
        Map<String, String> p = new HashMap<>(props);
        p.putIfAbsent("godot.vitals", "off");
        return GodotTarget.of(new LoadProperties(p::get));
    }

    @Test
    void withoutAUrlItStartsTheEmbeddedServerOnLoopbackAndStopsIt() {
        GodotTarget t = target(Map.of("godot.version", "4.2", "godot.stressMode", "off"));
        assertThat(t.isEmbedded()).isTrue();
        assertThatThrownBy(t::url).hasMessageContaining("not started yet");
        try {
            t.start();
            assertThat(t.url()).matches("ws://127\\.0\\.0\\.1:\\d+");
            assertThat(t.description()).startsWith("the embedded reference server at " + t.url())
                    .contains("Godot 4.0-4.2 protocol").contains("stress mode off").doesNotContain("server relay");
            assertThat(TargetProbe.probe(t.url(), Duration.ofSeconds(2))).isGreaterThanOrEqualTo(2);
        } finally {
            t.close();
        }
        assertThat(t.engineErrors()).as("no engine of its own counts error lines").isEmpty();
        assertThatThrownBy(() -> TargetProbe.probe(t.url(), Duration.ofSeconds(1)))
                .isInstanceOf(TargetUnavailableException.class);
    }

    @Test
    void theLimitsReachTheEmbeddedServerAndNoOtherTarget() throws Exception {
        GodotTarget t = target(Map.of("godot.maxPeers", "50", "godot.maxMsgsPerSec", "5"));
        try {
            t.start();
            assertThat(t.description()).contains("max peers 50, max 5 msgs/s per peer");
            int port = java.net.URI.create(t.url()).getPort();
            try (dev.godotload.testing.RawClient flooder = dev.godotload.testing.RawClient.connect(port, -1)) {
                flooder.upgrade();
                for (int i = 0; i < 20; i++) {
                    flooder.sendBinary(new byte[] {0, 0, 0, 0});
                }
                dev.godotload.testing.RawClient.Frame f = flooder.readFrame();
                while (f.opcode() != 8) {
                    f = flooder.readFrame();
                }
                assertThat(f.closeCode()).isEqualTo(1008);
            }
        } finally {
            t.close();
        }
        assertThatThrownBy(() -> target(Map.of("godot.maxPeers", "0"))).hasMessage(
                "bad -Dgodot.maxPeers='0': expected a whole number from 1 to 1000000");
        assertThatThrownBy(() -> target(Map.of("godot.maxMsgsPerSec", "fast"))).hasMessage(
                "bad -Dgodot.maxMsgsPerSec='fast': expected a whole number from 1 to 1000000");
        assertThatThrownBy(() -> target(Map.of("godot.url", "ws://127.0.0.1:9", "godot.maxPeers", "5"))).hasMessage(
                "-Dgodot.maxPeers and -Dgodot.maxMsgsPerSec are for the embedded reference server, not a server at "
                        + "-Dgodot.url (serve takes --max-peers and --max-msgs-per-sec)");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot3", "godot.maxMsgsPerSec", "5"))).hasMessage(
                "-Dgodot.maxPeers and -Dgodot.maxMsgsPerSec are for the embedded reference server, not a real engine "
                        + "(serve takes --max-peers and --max-msgs-per-sec)");
    }

    @Test
    void aSubprotocolIsOfferedOnlyWhenConfiguredAsGodotRequires() {
        GodotTarget t = target(Map.of("godot.subprotocol", "godot-chat"));
        try {
            t.start();
            assertThat(TargetProbe.probe(t.url(), "godot-chat", Duration.ofSeconds(2))).isGreaterThanOrEqualTo(2);
            assertThatThrownBy(() -> TargetProbe.probe(t.url(), Duration.ofSeconds(2)))
                    .hasMessage("cannot reach " + t.url() + ": the WebSocket upgrade was refused (HTTP 400)");
        } finally {
            t.close();
        }
    }

    @Test
    void aConfiguredUrlIsCheckedNotStarted() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, String> p = new HashMap<>();
        p.put("godot.url", "ws://127.0.0.1:" + port);
        p.put("godot.connectTimeout", "1s");
        GodotTarget t = target(p);
        assertThat(t.isEmbedded()).isFalse();
        assertThat(t.url()).isEqualTo("ws://127.0.0.1:" + port);
        assertThatThrownBy(t::start).isInstanceOf(TargetUnavailableException.class)
                .hasMessage("cannot reach ws://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void badSettingsAreOneLine() {
        assertThatThrownBy(() -> target(Map.of("godot.version", "5")))
                .hasMessage("bad -Dgodot.version='5': unknown Godot version '5': use 3, 4.0, 4.1, 4.2, 4.3, 4.4 or later (e.g. 4.6)");
        assertThatThrownBy(() -> target(Map.of("godot.contract", "nope.json")))
                .hasMessage("contract nope.json: no such file or classpath resource");
        assertThatThrownBy(() -> target(Map.of("godot.inboxSize", "5")))
                .hasMessage("bad -Dgodot.inboxSize='5': expected a whole number from 100 to 10000000");
        assertThatThrownBy(() -> target(Map.of("godot.vitals", "maybe")))
                .hasMessage("bad -Dgodot.vitals='maybe': expected on or off");
        assertThatThrownBy(() -> target(Map.of("godot.vitals.interval", "10ms")))
                .hasMessage("bad -Dgodot.vitals.interval='10ms': expected a duration from 100ms to 1m, like 30s, 500ms or 2m");
    }

    @Test
    void theVitalsAreSampledFromStartAndWrittenIntoTheRunsReportFolderAtClose(@TempDir Path results) throws Exception {
        Path run = Files.createDirectories(results.resolve("chatstresssimulation-20261207010000001"));
        Files.writeString(run.resolve("simulation.log"), "x");
        String before = System.getProperty(ReportFolder.RESULTS_PROPERTY);
        System.setProperty(ReportFolder.RESULTS_PROPERTY, results.toString());
        try {
            GodotTarget t = target(Map.of("godot.vitals", "on", "godot.vitals.interval", "200ms"));
            Godot godot = t.godot();
            try {
                t.start();
                Thread.sleep(1200);
            } finally {
                t.close();
            }
            assertThat(godot.usersOnline()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.resolve("vitals.json").toFile());
            assertThat(json.get("target").asText()).startsWith("the embedded reference server at ws://127.0.0.1:");
            assertThat(json.get("intervalMillis").asLong()).isEqualTo(200);
            assertThat(json.get("seconds").size()).isBetween(4, 9);
            assertThat(json.get("server").get("peers")).anyMatch(n -> n.asLong() == 1); // the sampler itself
            assertThat(json.get("users")).allMatch(n -> n.asInt() == 0);
            assertThat(Files.readString(run.resolve("vitals.html"))).contains("\"intervalMillis\" : 200");
        } finally {
            if (before == null) {
                System.clearProperty(ReportFolder.RESULTS_PROPERTY);
            } else {
                System.setProperty(ReportFolder.RESULTS_PROPERTY, before);
            }
        }
    }

    @Test
    void godotGameChoosesTheEmbeddedServersGameAndThePlazaHasNoWorld() throws Exception {
        GodotTarget t = target(Map.of("godot.game", "plaza"));
        try {
            t.start();
            assertThat(t.description()).startsWith("the embedded reference server at " + t.url() + " (Godot 4.3 protocol, "
                    + "the plaza: a player spawned for every peer and synchronized by it, as godot/plaza-godot4)");
            int port = java.net.URI.create(t.url()).getPort();
            try (dev.godotload.testing.WsClient client = dev.godotload.testing.WsClient.connect(port, "/")) {
                String id = Integer.toString(client.readId());
                client.next(); // SIMPLIFY_PATH of Main/PlayerSpawner
                byte[] spawn = client.next();
                assertThat(spawn[0]).as("SPAWN").isEqualTo((byte) 4);
                assertThat(new String(spawn, spawn.length - 1 - id.length(), id.length(), java.nio.charset.StandardCharsets.UTF_8))
                        .as("its player is named after it").isEqualTo(id);
            }
        } finally {
            t.close();
        }
        // a simulation's default for the embedded server, which another target leaves alone
        assertThat(target(Map.of("godot.game", "plaza", "godot.url", "ws://127.0.0.1:9")).isEmbedded()).isFalse();
        assertThatThrownBy(() -> target(Map.of("godot.game", "chess")))
                .hasMessage("bad -Dgodot.game='chess': expected social or plaza");
        assertThatThrownBy(() -> target(Map.of("godot.game", "plaza", "godot.version", "3"))).hasMessage(
                "bad -Dgodot.game=plaza: Godot 3 has no MultiplayerSpawner or MultiplayerSynchronizer; use -Dgodot.version=4.x");
        assertThatThrownBy(() -> target(Map.of("godot.game", "plaza", "godot.db", "x.db"))).hasMessage(
                "-Dgodot.db, -Dgodot.props and -Dgodot.fault set up the social game's world; -Dgodot.game=plaza has none");
    }

    @Test
    void theEmbeddedWorldTakesItsSizeFromTheSimulationUnlessGodotPropsSaysOtherwise() {
        assertThat(target(Map.of()).worldProps()).isEqualTo(1000);
        assertThat(target(Map.of()).worldProps(50_000).worldProps()).isEqualTo(50_000);
        assertThat(target(Map.of("godot.props", "700")).worldProps(50_000).worldProps()).isEqualTo(700);
        assertThatThrownBy(() -> target(Map.of("godot.props", "1")))
                .hasMessage("bad -Dgodot.props='1': expected a whole number from 2 to 1000000");
    }

    @Test
    void aBadFaultIsOneLine() {
        assertThatThrownBy(() -> target(Map.of("godot.fault", "lose-everything"))).hasMessage(
                "bad -Dgodot.fault='lose-everything': expected lose-acked-merges=F with F a fraction from 0 to 1, e.g. lose-acked-merges=0.01");
        GodotTarget t = target(Map.of("godot.fault", "lose-acked-merges=0.25", "godot.db", ":memory:"));
        try {
            t.start();
            assertThat(t.description()).contains("FAULT lose-acked-merges=0.25").contains("SQLite :memory:");
        } finally {
            t.close();
        }
    }

    @Test
    void aDatabaseThatIsNotOursStopsTheRunInOneLineAndStaysAsItWas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path notADb = dir.resolve("notes.db");
        java.nio.file.Files.writeString(notADb, "these are my notes, not a world\n");
        GodotTarget t = target(Map.of("godot.db", notADb.toString()));
        try {
            assertThatThrownBy(t::start).isInstanceOf(TargetUnavailableException.class)
                    .hasMessage("cannot start the embedded reference server: " + notADb
                            + " is not a godot-load world database: file is not a database; left untouched");
        } finally {
            t.close();
        }
        assertThat(java.nio.file.Files.readString(notADb)).isEqualTo("these are my notes, not a world\n");
    }

    @Test
    void theTargetSwitchIsCheckedInOneLine() {
        assertThat(target(Map.of()).server()).isInstanceOf(EmbeddedReferenceServer.class);
        assertThat(target(Map.of("godot.url", "ws://127.0.0.1:9")).server()).isInstanceOf(RemoteServer.class);
        assertThat(target(Map.of("godot.target", "godot3")).server()).isInstanceOf(Godot3Engine.class);
        assertThat(target(Map.of("godot.target", "godot4-web")).server()).isInstanceOf(Godot4WebEngine.class);
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot5"))).hasMessage("bad -Dgodot.target='godot5': expected "
                + "reference (the embedded reference server), godot3 (the real Godot 3 engine) or godot4-web (the real Godot 4.6 in headless Chromium)");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot4-web", "godot.version", "4.2"))).hasMessage(
                "bad -Dgodot.version='4.2': -Dgodot.target=godot4-web runs Godot 4.6, which speaks the 4.3+ protocol");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot3", "godot.url", "ws://127.0.0.1:9"))).hasMessage(
                "-Dgodot.url and -Dgodot.target=godot3 both choose the target; give one (godot.url drives a server that is already running)");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot3", "godot.version", "4.3"))).hasMessage(
                "bad -Dgodot.version='4.3': -Dgodot.target=godot3 runs the Godot 3 engine, which speaks Godot 3");
        assertThatThrownBy(() -> target(Map.of("godot.protocol", "3"))).hasMessage("-Dgodot.protocol is not a knob: the "
                + "protocol follows -Dgodot.version (3 for Godot 3, 4.0 to 4.6 for Godot 4), e.g. -Dgodot.version=3");
        assertThatThrownBy(() -> target(Map.of("godot.version", "3", "godot.authToken", "t"))).hasMessage(
                "bad -Dgodot.authToken: Godot 3 has no authentication");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot3", "godot.db", "x.db"))).hasMessage(
                "-Dgodot.db and -Dgodot.fault are for the reference server, not a real engine");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot4-web", "godot.authToken", "t"))).hasMessage(
                "-Dgodot.authToken and -Dgodot.subprotocol are not set up in godot/server-godot4");
        assertThatThrownBy(() -> target(Map.of("godot.version", "3", "godot.serverRelay", "off"))).hasMessage(
                "bad -Dgodot.serverRelay: Godot 3's WebSocket server always relays");
        assertThatThrownBy(() -> target(Map.of("godot.target", "godot4-web", "godot.serverRelay", "off"))).hasMessage(
                "-Dgodot.serverRelay=off is for the reference server or a server of yours: the bundled GDScript servers keep "
                        + "Godot's default, server relay on");
    }

    @Test
    void aBadSettingInASimulationIsAnExceptionWithOneLineAndNoStackTraceNotAnExit() {
        LoadProperties p = new LoadProperties(Map.of("godot.version", "5")::get);
        assertThatThrownBy(() -> GodotTarget.fromSystemProperties(p)).isInstanceOf(BadSettingException.class)
                .hasMessage("godot-load: bad -Dgodot.version='5': unknown Godot version '5': use 3, 4.0, 4.1, 4.2, 4.3, 4.4 or later (e.g. 4.6)")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }
}

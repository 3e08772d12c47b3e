package dev.godotload.bench.godot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.engine.Godot3Server;

/**
 * Real Godot 3 clients ({@code bench/godot3-chat-client} in {@code godot3-server}) against the
 * reference server from the jar: each says its sentences, gets every copy, and is measured. Skipped,
 * saying why, where the engine is not installed.
 */
class Godot3ClientsIT {
    private static final Path OUT = Path.of("target", "godot3-clients-it");
    private static final String ENGINE_ERROR = "(?m)(^|[^A-Z_])(SCRIPT ERROR|ERROR):";

    @BeforeAll
    static void engineInstalled() {
        String missing = null;
        try {
            Godot3Server.binary(System.getenv());
        } catch (EngineUnavailableException e) {
            missing = e.getMessage();
        }
        assumeTrue(missing == null, missing);
    }

    @Test
    void threeClientsSayThreeSentencesAndEachGetsAllNine() {
        Godot3Clients.Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServer.jar(), OUT.resolve("serve.log"))) {
            // the clients wait for each other (wait_peers), so the counts are exact whatever the start-up times
            r = Godot3Clients.run(server.port(), 3, 3, Duration.ofMillis(200), Duration.ofMillis(150),
                    Duration.ofMillis(1000), OUT.resolve("clients"));
        }

        List<ClientLine> lines = ClientLine.readAll(OUT.resolve("clients"));
        assertThat(lines).as("one result line per client").hasSize(3);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.sent()).as("sent by peer %d", l.peer()).isEqualTo(3);
            assertThat(l.received()).as("copies at peer %d: 3 clients x 3 sentences, its own included", l.peer())
                    .isEqualTo(9);
        });
        assertThat(lines.stream().map(ClientLine::peer).distinct()).as("three distinct peers").hasSize(3);
        // an RPC the engine refused (a wrong mode or path) shows only as an error line in the log
        for (int i = 0; i < 3; i++) {
            Path log = OUT.resolve("clients").resolve(String.format("client-%04d.log", i));
            assertThat(log).content().doesNotContainPattern(ENGINE_ERROR);
        }

        assertThat(r.clients()).isEqualTo(3);
        assertThat(r.sent()).isEqualTo(9);
        assertThat(r.received()).isEqualTo(27);
        assertThat(r.everyCopyArrived()).isTrue();
        assertThat(r.meanRssMb()).as("a Godot engine's resident set, MB").isGreaterThan(10);
        assertThat(r.maxRssMb()).isGreaterThanOrEqualTo(r.meanRssMb());
        assertThat(r.totalCpuSeconds()).isGreaterThan(0);
        assertThat(r.cpuMicrosPerMessage()).isGreaterThan(0);
        // two intervals of talking, a linger of 1 s; the run's bound is 62 s
        assertThat(r.elapsedSeconds()).isBetween(1.0, 30.0);
    }

    @Test
    void aClientThatCannotConnectFailsTheRunSayingWhy() {
        // port 1 on loopback: nothing listens there, the connection is refused at once
        assertThatThrownBy(() -> Godot3Clients.run(1, 2, 1, Duration.ofMillis(100), Duration.ZERO,
                Duration.ZERO, OUT.resolve("refused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status 1")
                .hasMessageContaining("godot3-client: cannot connect to ws://127.0.0.1:1/");
    }
}

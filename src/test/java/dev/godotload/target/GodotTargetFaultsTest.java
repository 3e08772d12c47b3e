package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code -Dgodot.faults} in front of each kind of target a test can start: the embedded server and a URL. */
@Timeout(60)
class GodotTargetFaultsTest {
    private static GodotTarget target(Map<String, String> props) {
        return GodotTarget.of(new LoadProperties(props::get));
    }

    private static long probeMillis(String url) {
        long start = System.nanoTime();
        TargetProbe.probe(url, Duration.ofSeconds(5));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aFractionOfUsersConnectsThroughTheProxyWhichStopsWithTheTarget() {
        GodotTarget t = target(Map.of("godot.faults", "latency:100ms", "godot.faults.users", "0.5"));
        String proxied;
        try {
            t.start();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                urls.add(t.userUrl());
            }
            proxied = urls.get(1);
            assertThat(urls).containsExactly(t.url(), proxied, t.url(), proxied);
            assertThat(proxied).matches("ws://127\\.0\\.0\\.1:\\d+").isNotEqualTo(t.url());
            // the upgrade goes up and its answer comes down: at least 2 x 100 ms, where the direct probe is a few ms
            probeMillis(proxied);
            assertThat(probeMillis(proxied)).isGreaterThanOrEqualTo(195L);
            assertThat(t.description()).contains(", with network faults latency:100ms for 50% of the users (spread evenly "
                    + "over the order they connect) through the proxy at " + proxied);
            assertThat(t.faultsSummary()).startsWith("godot-load: network faults latency:100ms on 2 of 4 users (50%); "
                    + "the proxy carried 2 connections, ");
        } finally {
            t.close();
        }
        assertThatThrownBy(() -> TargetProbe.probe(proxied, Duration.ofSeconds(1)))
                .isInstanceOf(TargetUnavailableException.class).hasMessageEndingWith("connection refused");
    }

    @Test
    void theProxyStandsInFrontOfAServerGivenByUrl() {
        GodotTarget server = target(Map.of());
        try {
            server.start();
            GodotTarget remote = target(Map.of("godot.url", server.url(), "godot.faults", "down.latency:100ms"));
            try {
                remote.start();
                String through = remote.userUrl();
                assertThat(through).isNotEqualTo(server.url());
                probeMillis(through);
                assertThat(probeMillis(through)).isGreaterThanOrEqualTo(98L);
                assertThat(remote.userUrl()).as("every user, by default").isEqualTo(through);
            } finally {
                remote.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void withoutFaultsUsersConnectStraightToTheTarget() {
        GodotTarget t = target(Map.of());
        try {
            t.start();
            assertThat(t.userUrl()).isEqualTo(t.url());
            assertThat(t.faultsSummary()).isNull();
            assertThat(t.description()).doesNotContain("network faults");
        } finally {
            t.close();
        }
    }

    @Test
    void aBadSpecStopsTheRunWithOneLine() {
        assertThatThrownBy(() -> target(Map.of("godot.faults", "latency:80"))).hasMessage(
                "bad -Dgodot.faults 'latency:80': '80' needs its unit: expected a duration like 80ms or 2s");
    }
}

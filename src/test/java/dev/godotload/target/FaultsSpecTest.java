package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.faults.Direction;
import dev.godotload.faults.Faults;
import dev.godotload.faults.Toxic;

class FaultsSpecTest {
    private static Faults read(Map<String, String> props) {
        return FaultsSpec.read(new LoadProperties(props::get));
    }

    @Test
    void theIssuesExampleReadsAsTwoToxicsBothWays() {
        Faults f = read(Map.of("godot.faults", "latency:80ms:20ms,bandwidth:256kbps"));
        assertThat(f.toxics()).containsExactly(
                new Toxic.Latency(Direction.BOTH, Duration.ofMillis(80), Duration.ofMillis(20)),
                new Toxic.Bandwidth(Direction.BOTH, 256_000));
        assertThat(((Toxic.Bandwidth) f.toxics().get(1)).bytesPerSecond()).as("kilobits, not kilobytes").isEqualTo(32_000);
        assertThat(f.users()).isEqualTo(1.0);
        assertThat(read(Map.of())).isNull();
    }

    @Test
    void everyToxicWithItsUnitsAndDirection() {
        assertThat(FaultsSpec.parse("up.latency:1.5s, down.slicer:64b:16b:1ms ,slicer:1kb,DOWN.Reset_Peer:2s,"
                + "timeout:0s,up.limit_data:2mb,down.bandwidth:1.5mbps")).containsExactly(
                        new Toxic.Latency(Direction.UP, Duration.ofMillis(1500), Duration.ZERO),
                        new Toxic.Slicer(Direction.DOWN, 64, 16, Duration.ofMillis(1)),
                        new Toxic.Slicer(Direction.BOTH, 1024, 0, Duration.ZERO),
                        new Toxic.ResetPeer(Direction.DOWN, Duration.ofSeconds(2)),
                        new Toxic.Timeout(Direction.BOTH, Duration.ZERO),
                        new Toxic.LimitData(Direction.UP, 2 * 1024 * 1024),
                        new Toxic.Bandwidth(Direction.DOWN, 1_500_000));
        assertThat(read(Map.of("godot.faults", "down.latency:80ms", "godot.faults.users", "0.2")).users()).isEqualTo(0.2);
    }

    @Test
    void aBadToxicIsOneLineNamingItAndItsForm() {
        assertThatThrownBy(() -> FaultsSpec.parse("latency:80")).hasMessage(
                "bad -Dgodot.faults 'latency:80': '80' needs its unit: expected a duration like 80ms or 2s");
        assertThatThrownBy(() -> FaultsSpec.parse("latency:80ms,lag:5ms")).hasMessage("bad -Dgodot.faults 'lag:5ms': "
                + "unknown toxic 'lag': expected latency, bandwidth, slicer, reset_peer, timeout or limit_data, each with "
                + "an optional up. or down. prefix");
        assertThatThrownBy(() -> FaultsSpec.parse("latency")).hasMessage(
                "bad -Dgodot.faults 'latency': expected latency:<delay>[:<jitter>], like latency:80ms:20ms");
        assertThatThrownBy(() -> FaultsSpec.parse("latency:80ms:100ms")).hasMessage(
                "bad -Dgodot.faults 'latency:80ms:100ms': expected a jitter from 0ms to 80ms");
        assertThatThrownBy(() -> FaultsSpec.parse("bandwidth:256kb")).hasMessage("bad -Dgodot.faults 'bandwidth:256kb': "
                + "'256kb' is not a rate: expected bits a second with a unit, like 256kbps or 2mbps");
        assertThatThrownBy(() -> FaultsSpec.parse("slicer:64")).hasMessage("bad -Dgodot.faults 'slicer:64': "
                + "'64' is not a size: expected bytes with a unit, like 64b or 1kb");
        assertThatThrownBy(() -> FaultsSpec.parse("limit_data:1kb:2")).hasMessage(
                "bad -Dgodot.faults 'limit_data:1kb:2': expected limit_data:<size>, like limit_data:1kb");
        assertThatThrownBy(() -> FaultsSpec.parse("timeout:2x")).hasMessage(
                "bad -Dgodot.faults 'timeout:2x': '2x' is not a duration like 30s, 500ms or 2m");
        assertThatThrownBy(() -> FaultsSpec.parse("sideways.latency:5ms")).hasMessageStartingWith(
                "bad -Dgodot.faults 'sideways.latency:5ms': unknown toxic 'sideways.latency'");
        assertThatThrownBy(() -> FaultsSpec.parse("latency:5ms,,timeout:1s")).hasMessage(
                "bad -Dgodot.faults='latency:5ms,,timeout:1s': an empty toxic between commas");
    }

    @Test
    void aBadUsersFractionIsOneLine() {
        assertThatThrownBy(() -> read(Map.of("godot.faults", "latency:5ms", "godot.faults.users", "0")))
                .hasMessage("bad -Dgodot.faults.users='0': expected a fraction of users above 0 and at most 1, like 0.2");
        assertThatThrownBy(() -> read(Map.of("godot.faults", "latency:5ms", "godot.faults.users", "20%")))
                .hasMessage("bad -Dgodot.faults.users='20%': expected a fraction of users above 0 and at most 1, like 0.2");
        assertThatThrownBy(() -> read(Map.of("godot.faults.users", "0.2"))).hasMessage("bad -Dgodot.faults.users='0.2': "
                + "it needs -Dgodot.faults to say which faults, e.g. -Dgodot.faults=latency:80ms");
    }
}

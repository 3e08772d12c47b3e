package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.wire.GodotVersion;

class TransportOptionsTest {

    @Test
    void defaultsAreGodots() {
        TransportOptions options = TransportOptions.defaults();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9080);
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.maxMessageBytes()).isEqualTo(65535);
        assertThat(options.outboundBufferBytes()).isEqualTo(65535);
        assertThat(options.subprotocols()).isEmpty();
    }

    @Test
    void godot3DefaultsAre323s() {
        TransportOptions options = TransportOptions.defaults(GodotVersion.GODOT_3);

        assertThat(options.dialect()).isEqualTo(TransportDialect.GODOT_3);
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(options.maxMessageBytes()).isEqualTo(GodotVersion.GODOT_3.maxMessageBytes()).isEqualTo(65535);
        assertThat(options.outboundBufferBytes()).isEqualTo(65535);
        assertThat(options.withPort(0).withHost("::1").dialect()).as("withers keep the dialect")
                .isEqualTo(TransportDialect.GODOT_3);
        for (GodotVersion v : List.of(GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4)) {
            assertThat(TransportOptions.defaults(v)).isEqualTo(TransportOptions.defaults());
        }
        assertThat(TransportOptions.defaults().dialect()).isEqualTo(TransportDialect.GODOT_4);
    }

    @Test
    void theDialectsDifferWhereTheEnginesDo() {
        assertThat(TransportDialect.of(GodotVersion.GODOT_3)).isEqualTo(TransportDialect.GODOT_3);
        assertThat(TransportDialect.of(GodotVersion.GODOT_4_3)).isEqualTo(TransportDialect.GODOT_4);
        assertThat(TransportDialect.GODOT_4.writesPeerIdFirst()).isTrue();
        assertThat(TransportDialect.GODOT_3.writesPeerIdFirst()).isFalse();
        assertThat(TransportDialect.GODOT_4.answersRefusals()).isTrue();
        assertThat(TransportDialect.GODOT_3.answersRefusals()).isFalse();
        assertThat(TransportDialect.GODOT_4.echoesCloseReason()).isFalse();
        assertThat(TransportDialect.GODOT_3.echoesCloseReason()).isTrue();
        assertThat(TransportDialect.GODOT_4.closeAboveBytes(65535)).isEqualTo(65535);
        assertThat(TransportDialect.GODOT_3.closeAboveBytes(65535)).isEqualTo(65536);
        assertThat(TransportDialect.GODOT_3.closeAboveBytes(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void withersChangeOneField() {
        TransportOptions options = TransportOptions.defaults()
                .withHost("0.0.0.0").withPort(0).withHandshakeTimeout(Duration.ofMillis(250))
                .withMaxMessageBytes(100).withOutboundBufferBytes(200).withSubprotocols(List.of("godot"));

        assertThat(options).isEqualTo(new TransportOptions("0.0.0.0", 0, Duration.ofMillis(250), 100, 200,
                List.of("godot")));
        assertThat(options.withDialect(TransportDialect.GODOT_3)).isEqualTo(new TransportOptions("0.0.0.0", 0,
                Duration.ofMillis(250), 100, 200, List.of("godot"), TransportDialect.GODOT_3, ConnectionLimits.NONE));
        assertThat(options.withLimits(new ConnectionLimits(5, 7)).limits()).isEqualTo(new ConnectionLimits(5, 7));
        assertThat(options.withLimits(new ConnectionLimits(5, 7)).withPort(1).limits().maxPeers())
                .as("the other withers keep the limits").isEqualTo(5);
    }

    @Test
    void limitsAreOffByDefaultAndRefuseNegativesAndHugeValues() {
        assertThat(TransportOptions.defaults().limits()).isEqualTo(ConnectionLimits.NONE);
        assertThat(TransportOptions.defaults(dev.godotload.wire.GodotVersion.GODOT_3).limits()).isEqualTo(ConnectionLimits.NONE);
        assertThatThrownBy(() -> new ConnectionLimits(-1, 0))
                .hasMessage("max peers must be 1 to 1000000 (0: no limit), got -1");
        assertThatThrownBy(() -> new ConnectionLimits(0, 1_000_001))
                .hasMessage("max messages per second must be 1 to 1000000 (0: no limit), got 1000001");
        assertThat(new ConnectionLimits(500, 100).describe()).isEqualTo("max peers 500, max 100 msgs/s per peer");
        assertThat(new ConnectionLimits(0, 100).describe()).isEqualTo("max 100 msgs/s per peer");
        assertThat(ConnectionLimits.NONE.describe()).isEmpty();
    }

    @Test
    void subprotocolsAreCopied() {
        List<String> protocols = new ArrayList<>(List.of("a"));
        TransportOptions options = TransportOptions.defaults().withSubprotocols(protocols);

        protocols.add("b");

        assertThat(options.subprotocols()).containsExactly("a");
    }

    @Test
    void nonsenseIsRefused() {
        TransportOptions defaults = TransportOptions.defaults();
        assertThatThrownBy(() -> defaults.withPort(65536)).hasMessageContaining("port 65536");
        assertThatThrownBy(() -> defaults.withHost(" ")).hasMessageContaining("host");
        assertThatThrownBy(() -> defaults.withHandshakeTimeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> defaults.withMaxMessageBytes(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> defaults.withOutboundBufferBytes(-1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> defaults.withSubprotocols(List.of("a,b"))).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> defaults.withSubprotocols(List.of("a b"))).hasMessageContaining("'a b'");
    }
}

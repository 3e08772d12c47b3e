package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void withersChangeOneField() {
        TransportOptions options = TransportOptions.defaults()
                .withHost("0.0.0.0").withPort(0).withHandshakeTimeout(Duration.ofMillis(250))
                .withMaxMessageBytes(100).withOutboundBufferBytes(200).withSubprotocols(List.of("godot"));

        assertThat(options).isEqualTo(new TransportOptions("0.0.0.0", 0, Duration.ofMillis(250), 100, 200,
                List.of("godot")));
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

package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

class OpenConnectionsTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final TransportCounters counters = new TransportCounters();

    private WebSocketConnection peer(int id) {
        return new WebSocketConnection(id, channel, TransportOptions.defaults(), counters);
    }

    @Test
    void aTakenIdIsDrawnAgain() {
        Iterator<Integer> draws = List.of(5, 5, 5, 7).iterator();
        OpenConnections registry = new OpenConnections(draws::next);

        WebSocketConnection first = registry.register(this::peer);
        WebSocketConnection second = registry.register(this::peer);

        assertThat(first.id()).isEqualTo(5);
        assertThat(second.id()).isEqualTo(7);
        assertThat(registry.peers()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRemovedIdIsFreeAgain() {
        Iterator<Integer> draws = List.of(9, 9).iterator();
        OpenConnections registry = new OpenConnections(draws::next);
        WebSocketConnection first = registry.register(this::peer);

        registry.remove(first);

        assertThat(registry.register(this::peer).id()).isEqualTo(9);
    }

    @Test
    void defaultIdsAreInGodotsRange() {
        OpenConnections registry = new OpenConnections();

        for (int i = 0; i < 1000; i++) {
            assertThat(registry.register(this::peer).id()).isBetween(2, Integer.MAX_VALUE);
        }
        assertThat(registry.peers()).hasSize(1000);
    }

    @Test
    void aBrokenSourceOfIdsFailsInsteadOfSpinning() {
        OpenConnections ones = new OpenConnections(() -> 1);
        assertThatThrownBy(() -> ones.register(this::peer)).hasMessageContaining("ids start at 2");

        OpenConnections constant = new OpenConnections(() -> 3);
        constant.register(this::peer);
        assertThatThrownBy(() -> constant.register(this::peer)).hasMessageContaining("no free peer id");
    }
}

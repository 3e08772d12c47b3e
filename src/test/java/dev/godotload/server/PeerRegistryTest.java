package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRegistryTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Counters counters = new Counters();

    private Peer peer(int id) {
        return new Peer(id, channel, TransportOptions.defaults(), counters);
    }

    @Test
    void aTakenIdIsDrawnAgain() {
        Iterator<Integer> draws = List.of(5, 5, 5, 7).iterator();
        PeerRegistry registry = new PeerRegistry(draws::next);

        Peer first = registry.register(this::peer);
        Peer second = registry.register(this::peer);

        assertThat(first.id()).isEqualTo(5);
        assertThat(second.id()).isEqualTo(7);
        assertThat(registry.peers()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRemovedIdIsFreeAgain() {
        Iterator<Integer> draws = List.of(9, 9).iterator();
        PeerRegistry registry = new PeerRegistry(draws::next);
        Peer first = registry.register(this::peer);

        registry.remove(first);

        assertThat(registry.register(this::peer).id()).isEqualTo(9);
    }

    @Test
    void defaultIdsAreInGodotsRange() {
        PeerRegistry registry = new PeerRegistry();

        for (int i = 0; i < 1000; i++) {
            assertThat(registry.register(this::peer).id()).isBetween(2, Integer.MAX_VALUE);
        }
        assertThat(registry.peers()).hasSize(1000);
    }

    @Test
    void aBrokenSourceOfIdsFailsInsteadOfSpinning() {
        PeerRegistry ones = new PeerRegistry(() -> 1);
        assertThatThrownBy(() -> ones.register(this::peer)).hasMessageContaining("ids start at 2");

        PeerRegistry constant = new PeerRegistry(() -> 3);
        constant.register(this::peer);
        assertThatThrownBy(() -> constant.register(this::peer)).hasMessageContaining("no free peer id");
    }
}

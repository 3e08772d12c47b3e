package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendCacheTest {
    private final SendCache cache = new SendCache();

    @Test
    void itCountsThePeersThatConfirmedAPathUntilTheyAreForgotten() {
        int id = cache.id("Main/Chat");
        assertThat(cache.confirmId(2, id)).as("never announced to peer 2: Godot ignores it").isNull();
        assertThat(cache.confirmedPeers("Main/Chat")).isZero();
        cache.markAnnounced(2, "Main/Chat");
        cache.markAnnounced(3, "Main/Chat");
        cache.markAnnounced(3, "Main/World");
        cache.confirmId(2, id);
        cache.confirmId(2, id);
        cache.confirmPath(3, "Main/Chat");
        cache.confirmPath(3, "Main/World");
        assertThat(cache.confirmedPeers("Main/Chat")).as("a repeated confirmation counts once").isEqualTo(2);
        assertThat(cache.confirmedPeers("Main/World")).isEqualTo(1);
        cache.forget(3);
        assertThat(cache.confirmedPeers("Main/Chat")).isEqualTo(1);
        assertThat(cache.confirmedPeers("Main/World")).isZero();
        cache.forget(3);
        assertThat(cache.confirmedPeers("Main/Chat")).as("forgetting twice takes nothing more").isEqualTo(1);
        assertThat(cache.isConfirmed(2, "Main/Chat")).isTrue();
    }
}

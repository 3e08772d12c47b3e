package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendCacheTest {
    private final SendCache cache = new SendCache();

    @Test
    void thePathsAPeerWasToldButNeverConfirmedAreListedInIdOrder() {
        cache.markAnnounced(2, "Main/World");
        cache.markAnnounced(2, "Main/Chat");
        cache.markAnnounced(3, "Main/Chat");
        assertThat(cache.unconfirmed(2)).containsExactly("Main/World", "Main/Chat");
        cache.confirmPath(2, "Main/World");
        assertThat(cache.unconfirmed(2)).containsExactly("Main/Chat");
        cache.confirmId(2, cache.id("Main/Chat"));
        assertThat(cache.unconfirmed(2)).isEmpty();
        assertThat(cache.unconfirmed(3)).containsExactly("Main/Chat");
        assertThat(cache.unconfirmed(4)).as("a peer never told anything").isEmpty();
    }
}

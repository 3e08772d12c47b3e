package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveCacheTest {
    private final ReceiveCache cache = new ReceiveCache();

    @Test
    void keepsEveryAnnouncedIdAndRefusesADuplicateWhereGodotDoes() {
        assertThat(cache.path(1)).isNull();
        assertThat(cache.store(1, "Main/Players/7/Sync", true)).isTrue();
        assertThat(cache.store(4, "Main/Chat", true)).isTrue();
        assertThat(cache.store(9, "Main/World", true)).isTrue();
        assertThat(cache.path(1)).isEqualTo("Main/Players/7/Sync");
        assertThat(cache.path(4)).isEqualTo("Main/Chat");
        assertThat(cache.path(9)).isEqualTo("Main/World");
        assertThat(cache.path(2)).isNull();
        assertThat(cache.size()).isEqualTo(3);

        assertThat(cache.store(1, "Main/Other", true)).as("4.3+: a duplicate id is refused").isFalse();
        assertThat(cache.store(4, "Main/Other", true)).isFalse();
        assertThat(cache.path(1)).isEqualTo("Main/Players/7/Sync");

        assertThat(cache.store(1, "Main/Other", false)).as("4.0-4.2: it overwrites").isTrue();
        assertThat(cache.store(4, "Main/Again", false)).isTrue();
        assertThat(cache.path(1)).isEqualTo("Main/Other");
        assertThat(cache.path(4)).isEqualTo("Main/Again");
        assertThat(cache.size()).isEqualTo(3);
    }
}

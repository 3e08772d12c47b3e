package dev.godotload.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnnouncedPeersTest {
    private final PeerDirectory directory = new PeerDirectory();

    @Test
    void addRemoveAndCountAsASetWould() {
        AnnouncedPeers a = new AnnouncedPeers(directory);
        assertThat(a.add(2_000_000_001)).isTrue();
        assertThat(a.add(2_000_000_001)).as("announced twice counts once").isFalse();
        assertThat(a.add(7)).isTrue();
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.contains(7)).isTrue();
        assertThat(a.contains(8)).isFalse();
        assertThat(a.remove(8)).as("a peer never announced").isFalse();
        assertThat(a.remove(7)).isTrue();
        assertThat(a.remove(7)).isFalse();
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.contains(7)).isFalse();
        assertThat(a.contains(2_000_000_001)).isTrue();
    }

    @Test
    void usersOfARunShareOneIndexAndEachKeepsItsOwnBits() {
        AnnouncedPeers a = new AnnouncedPeers(directory);
        AnnouncedPeers b = new AnnouncedPeers(directory);
        for (int id = 100; id < 10_100; id++) {
            a.add(id);
        }
        b.add(10_099);
        assertThat(directory.size()).as("each id once for the run").isEqualTo(10_000);
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.contains(100)).isFalse();
        assertThat(b.contains(10_099)).isTrue();
        assertThat(a.size()).isEqualTo(10_000);
        for (int id = 100; id < 10_100; id += 2) {
            a.remove(id);
        }
        assertThat(a.size()).isEqualTo(5_000);
        assertThat(a.contains(101)).isTrue();
        assertThat(a.contains(102)).isFalse();
    }
}

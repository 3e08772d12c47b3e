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

    @Test
    void theAudienceIsTheAnnouncedPeersThatAreUsersOfThisInjector() {
        AnnouncedPeers a = new AnnouncedPeers(directory);
        for (int id = 2; id < 100_002; id++) { // indexes past the first 65,536-bit page of local bits
            a.add(id);
        }
        for (int id = 2; id < 100_002; id += 3) {
            directory.connected(directory.connecting(), id);
        }
        Audience settled = a.audience();
        assertThat(settled.decided()).as("nobody is connecting: every other peer is another injector's").isTrue();
        assertThat(settled.local()).isEqualTo(33_334);

        long ticket = directory.connecting(); // one of ours is on its way; it may be any peer not yet local
        Audience open = a.audience();
        assertThat(open.decided()).isFalse();
        assertThat(open.local()).isEqualTo(33_334);
        assertThat(open.undecided()).hasSize(100_000 - 33_334);
        assertThat(open.resolve(directory, false)).as("undecided while the ticket is open").isEqualTo(-1);
        directory.connected(ticket, 99_999); // 99,999 - 2 is not a multiple of 3: it was undecided
        assertThat(open.resolve(directory, false)).isEqualTo(33_335);
        assertThat(a.audience().decided()).isTrue();
    }

    @Test
    void aTicketGivenUpSettlesAndTheLastResolutionDoesNotWait() {
        AnnouncedPeers a = new AnnouncedPeers(directory);
        a.add(5);
        long ticket = directory.connecting();
        Audience open = a.audience();
        assertThat(open.resolve(directory, true)).as("at the end every user has connected or never will").isZero();
        directory.gaveUp(ticket);
        assertThat(open.resolve(directory, false)).isZero();
    }
}

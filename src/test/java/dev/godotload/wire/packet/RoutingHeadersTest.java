package dev.godotload.wire.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;

/** The headers a server routes on without decoding the rest: Godot 4's SYS RELAY and Godot 3's peer header. */
class RoutingHeadersTest {
    private final Godot4Packets godot4 = Godot4Packets.of(GodotVersion.GODOT_4_4);

    @Test
    void aRelayIsRoutedOnItsSixByteHeaderAndReachesItsReceiversWithTheSenderInThePeerField() {
        byte[] relay = godot4.encode(new Relay(-7, new Raw(new byte[] {9, 8})));
        assertThat(RelayRouting.isRelay(relay)).isTrue();
        assertThat(RelayRouting.destination(relay)).isEqualTo(-7);

        byte[] forwarded = RelayRouting.withSource(relay, 0x01020304);
        assertThat(godot4.decode(forwarded)).isEqualTo(new Relay(0x01020304, new Raw(new byte[] {9, 8})));
        assertThat(RelayRouting.destination(relay)).as("the received message is left as it was").isEqualTo(-7);
        assertThat(godot4.decode(RelayRouting.inner(relay))).isEqualTo(new Raw(new byte[] {9, 8}));
    }

    @Test
    void aBareRelayHeaderOrAnotherSysCommandIsNotRouted() {
        assertThat(RelayRouting.isRelay(new byte[] {7, 3, 2, 0, 0, 0})).isFalse();
        assertThat(RelayRouting.isRelay(godot4.encode(new AddPeer(5)))).isFalse();
        assertThat(RelayRouting.isRelay(new byte[] {7})).isFalse();
    }

    @Test
    void godot3sPeerHeaderIsReadAsTheServerWritesIt() {
        byte[] header = Godot3Packets.dataHeader(1, 1234567);
        assertThat(header).hasSize(Godot3Packets.PEER_HEADER_BYTES);
        assertThat(Godot3PeerHeader.read(header)).isEqualTo(new Godot3PeerHeader(0, 1, 1234567));
        assertThat(Godot3PeerHeader.read(header).isData()).isTrue();
        assertThat(Godot3PeerHeader.read(new byte[] {3, 1, 0, 0, 0, 9, 0, 0, 0}).isData()).isFalse();
        assertThatThrownBy(() -> Godot3PeerHeader.read(new byte[8])).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("8 bytes, shorter than the 9-byte peer header");
    }

    @Test
    void clientIdsAreDrawnFromTwoToTheLargestInt() {
        assertThat(PeerId.randomClientId(new FixedDraw(0))).isEqualTo(2);
        assertThat(PeerId.randomClientId(new FixedDraw(Integer.MAX_VALUE - 2))).isEqualTo(Integer.MAX_VALUE);
    }

    /** A generator whose bounded draws return one value (checked against the bound). */
    private record FixedDraw(int value) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nextInt(int bound) {
            assertThat(value).isLessThan(bound);
            return value;
        }
    }

    @Test
    void wrappingAnEncodedPacketIsEncodingItsRelay() {
        Godot4Packets codec = Godot4Packets.of(dev.godotload.wire.GodotVersion.GODOT_4_4);
        Sync sync = new Sync(3, java.util.List.of(new SyncState(0x8000_0001, java.util.List.of(5L))));
        for (int to : new int[] {2, 1218438767, -5, 0}) {
            assertThat(RelayRouting.wrap(codec.encode(sync), to)).isEqualTo(codec.encode(new Relay(to, sync)));
        }
    }
}

package dev.godotload.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NodeSpecPeerTest {
    @Test
    void thePeerIdFillingThePlaceholderIsReadFromAConcretePath() {
        assertThat(NodeSpec.peerIdAt("Main/Players/{peer}/Sync", "Main/Players/42/Sync")).isEqualTo(42);
        assertThat(NodeSpec.peerIdAt("Main/Players/{peer}", "Main/Players/2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(NodeSpec.peerIdAt("Main/Players/{peer}", "Main/Players/1")).as("the server's node").isEqualTo(1);
        for (String other : List.of("Main/Players/42/Sync", "Main/Players/x", "Main/Players/042", "Main/Players/0",
                "Main/Players/2147483648", "Main/Players", "Main/Others/42", "Main/Players/")) {
            assertThat(NodeSpec.peerIdAt("Main/Players/{peer}", other)).as(other).isZero();
        }
        assertThat(NodeSpec.peerIdAt("Main/Chat", "Main/Chat")).as("no placeholder, no id").isZero();
        NodeSpec player = new NodeSpec("Main/Players/{peer}", List.of());
        assertThat(player.isAt("Main/Players/42")).isTrue();
        assertThat(player.isAt("Main/Players/{peer}")).isTrue();
        assertThat(player.isAt("Main/Players/4x")).isFalse();
    }
}

package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAtTest {
    @Test
    void aClientsNodeGivesItsIdTheServersAndOthersGiveNone() {
        assertThat(Godot.clientAt("Main/Players/{peer}", "Main/Players/1218438767"))
                .isEqualTo(1218438767);
        assertThat(Godot.clientAt("Main/Players/{peer}", "Main/Players/1")).as("peer 1 is the server").isZero();
        assertThat(Godot.clientAt("Main/Players/{peer}/Sync", "Main/Players/5/Sync")).isEqualTo(5);
        assertThat(Godot.clientAt("Main/Players/{peer}/Sync", "Main/Players/5")).isZero();
        assertThat(Godot.forPeer("Main/Players/{peer}/Sync", 5)).isEqualTo("Main/Players/5/Sync");
    }
}

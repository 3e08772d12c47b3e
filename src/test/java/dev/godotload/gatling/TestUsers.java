package dev.godotload.gatling;

import java.util.Map;

import dev.godotload.contract.Contract;
import dev.godotload.peer.GodotPeer;
import dev.godotload.wire.GodotVersion;

/** Virtual users for tests outside the DSL's package: a Godot 4.3 peer that already has its id. */
public final class TestUsers {
    private TestUsers() {
    }

    public static GodotUser withId(int id) {
        GodotUser u = new GodotUser(GodotPeer.of(GodotVersion.GODOT_4_3, Contract.bundled()), id, Map.of());
        u.onFrame(new byte[] {(byte) id, (byte) (id >> 8), 0, 0}, 0, null);
        return u;
    }
}

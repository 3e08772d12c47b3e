package dev.godotload.contract;

import java.util.Locale;

/**
 * When a {@code MultiplayerSynchronizer} sends a property: Godot's
 * {@code SceneReplicationConfig.ReplicationMode}, in Godot's order.
 */
public enum ReplicationMode {
    /** {@code never}: only in the SPAWN packet, if the property is a spawn property. */
    NEVER,
    /** {@code always}: in every SYNC packet, at the synchronizer's replication interval. */
    ALWAYS,
    /** {@code on_change} (the editor's "watch"): in a DELTA packet, when its value changed, at the delta interval. */
    ON_CHANGE;

    /** The keyword used in the contract JSON. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReplicationMode ofKeyword(String keyword) {
        for (ReplicationMode m : values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown replication mode '" + keyword + "': use always, on_change or never");
    }
}

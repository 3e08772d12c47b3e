package dev.godotload.wire.packet;

import java.util.List;

/**
 * SYNC with the delta flag (Godot 4.1+, "on change" properties): reliable, no time field; each
 * entry names which of the synchronizer's watched properties changed.
 */
public record Delta(List<DeltaState> states) implements Replication {
    public Delta {
        states = List.copyOf(states);
    }
}

package dev.godotload.wire.packet;

import java.util.Arrays;

/** {@code send_bytes} payload (Godot 4 command 3, Godot 3 command 4); never empty. */
public record Raw(byte[] data) implements Packet {
    public Raw {
        if (data.length == 0) {
            throw new IllegalArgumentException("a RAW packet carries at least one byte");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Raw r && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Raw[" + Bytes.hex(data) + "]";
    }
}

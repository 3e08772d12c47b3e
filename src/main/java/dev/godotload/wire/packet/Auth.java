package dev.godotload.wire.packet;

import java.util.Arrays;

/**
 * Godot 4 SYS AUTH ({@code 07 00 data}): authentication data both ways while a peer is pending;
 * empty data ({@code 07 00}) means "I completed authentication".
 */
public record Auth(byte[] data) implements Packet {
    public static final Auth COMPLETE = new Auth(new byte[0]);

    public Auth {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isCompletion() {
        return data.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Auth a && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Auth[" + Bytes.hex(data) + "]";
    }
}

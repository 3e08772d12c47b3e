package dev.godotload.wire.packet;

import java.util.random.RandomGenerator;

/**
 * The id the server gives a new peer: Godot 4's first message (4 bytes), Godot 3's SYS_ID.
 * Godot ids are 2 … 2^31-1; the server is always 1.
 */
public record PeerId(int id) implements Packet {
    /** The server's id on every line. */
    public static final int SERVER = 1;
    /** The smallest id a client can get. */
    public static final int FIRST_CLIENT = 2;

    /** An id as a Godot server draws one: anything from 2 to 2^31-1 (uniqueness is the caller's). */
    public static int randomClientId(RandomGenerator random) {
        return FIRST_CLIENT + random.nextInt(Integer.MAX_VALUE - FIRST_CLIENT + 1);
    }
}

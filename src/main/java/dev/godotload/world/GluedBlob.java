package dev.godotload.world;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A merge's prop ids as the store keeps them: 4 bytes each, little-endian, in the order sent, the
 * layout of Godot's PackedInt32Array. Exact for every int and half the size of their text.
 */
final class GluedBlob {
    static final int BYTES_PER_ID = Integer.BYTES;

    private GluedBlob() {
    }

    static byte[] encode(int[] glued) {
        ByteBuffer b = ByteBuffer.allocate(glued.length * BYTES_PER_ID).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(glued);
        return b.array();
    }

    /** @throws IllegalArgumentException when the length is not a whole number of ids */
    static int[] decode(byte[] blob) {
        if (blob.length % BYTES_PER_ID != 0) {
            throw new IllegalArgumentException("glued is " + blob.length + " bytes, not a whole number of 4-byte prop ids");
        }
        int[] glued = new int[blob.length / BYTES_PER_ID];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(glued);
        return glued;
    }
}

package dev.godotload.wire;

/**
 * The one exception a decoder throws: the bytes are not what a Godot peer would send or accept.
 * It names the byte offset where decoding stopped and why, e.g.
 * {@code offset 12: String length 4096 exceeds the 8 bytes left}.
 */
public final class WireFormatException extends RuntimeException {
    private final int offset;
    private final String reason;

    public WireFormatException(int offset, String reason) {
        super("offset " + offset + ": " + reason, null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    /** Byte offset into the decoded message where the problem was found. */
    public int offset() {
        return offset;
    }

    /** The reason without the offset prefix. */
    public String reason() {
        return reason;
    }
}

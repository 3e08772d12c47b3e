package dev.godotload.wire.packet;

import java.util.HexFormat;

/** Hex for toString of packets that carry bytes. */
final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}

package dev.godotload.wire.variant;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;

/**
 * Godot's {@code encode_variant} / {@code decode_variant} for one protocol generation: a 4-byte
 * header (type in the low byte, flags above), a little-endian body, everything padded to 4 bytes.
 */
public interface VariantCodec {

    /** Nesting deeper than this is refused, as Godot's {@code MAX_RECURSION_DEPTH}. */
    int MAX_DEPTH = 1024;

    GodotVersion version();

    /** Reads one Variant at the reader's position. */
    Object read(WireReader in);

    /** Writes one Variant. @throws dev.godotload.wire.WireEncodingException for a value Godot cannot carry */
    void write(WireWriter out, Object value);

    /** {@code bytes_to_var}: exactly one Variant filling {@code bytes}. */
    default Object decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        Object value = read(in);
        in.expectEnd("the Variant");
        return value;
    }

    /** {@code var_to_bytes}. */
    default byte[] encode(Object value) {
        WireWriter out = new WireWriter();
        write(out, value);
        return out.toByteArray();
    }

    static VariantCodec of(GodotVersion version) {
        return version.isGodot3() ? Godot3Variants.INSTANCE : Godot4Variants.of(version);
    }
}

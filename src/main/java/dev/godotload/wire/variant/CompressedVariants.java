package dev.godotload.wire.variant;

import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;

/**
 * Godot 4's RPC argument form ({@code MultiplayerAPI::encode_and_compress_variant}): an int is a
 * meta byte (type 2, width in the top two bits) and 1, 2, 4 or 8 bytes; a bool is one byte,
 * {@code 0x01} or {@code 0x81}; everything else is a plain Variant, whose first header byte
 * doubles as the meta byte. Only top-level arguments are compressed, never container elements.
 */
public final class CompressedVariants {
    private static final int META_TYPE_MASK = 0x3F;
    private static final int BOOL_FALSE = VariantType.BOOL.id();
    private static final int BOOL_TRUE = VariantType.BOOL.id() | 0x80;

    private final Godot4Variants variants;

    public CompressedVariants(Godot4Variants variants) {
        this.variants = variants;
    }

    public Godot4Variants variants() {
        return variants;
    }

    public Object read(WireReader in) {
        int at = in.offset();
        int meta = in.peekU8("argument");
        int type = meta & META_TYPE_MASK;
        if (type == VariantType.BOOL.id()) {
            in.u8("bool argument");
            if (meta != BOOL_FALSE && meta != BOOL_TRUE) {
                throw in.errorAt(at, String.format("bool argument with meta byte 0x%02x (Godot writes 0x01 or 0x81)", meta));
            }
            return meta == BOOL_TRUE;
        }
        if (type == VariantType.INT.id()) {
            in.u8("int argument");
            return switch (meta >>> 6) {
                case 0 -> (long) (byte) in.u8("int8 argument");
                case 1 -> (long) (short) in.u16("int16 argument");
                case 2 -> (long) in.i32("int32 argument");
                default -> in.i64("int64 argument");
            };
        }
        return variants.read(in);
    }

    public void write(WireWriter out, Object value) {
        if (value instanceof Boolean b) {
            out.u8(b ? BOOL_TRUE : BOOL_FALSE);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            int intType = VariantType.INT.id();
            if (v == (byte) v) {
                out.u8(intType).u8((int) v);
            } else if (v == (short) v) {
                out.u8(intType | 1 << 6).u16((int) v);
            } else if (v == (int) v) {
                out.u8(intType | 2 << 6).i32((int) v);
            } else {
                out.u8(intType | 3 << 6).i64(v);
            }
        } else {
            variants.write(out, value);
        }
    }
}

package dev.godotload.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian buffer that refuses to grow past a size limit, so an encoder fails
 * with a clear message instead of building a message the receiver would drop.
 */
public final class WireWriter {
    private final int maxBytes;
    private final String limitName;
    private byte[] buf;
    private int pos;

    /** A writer without a message-size limit (bounded only by Java arrays). */
    public WireWriter() {
        this(64, Integer.MAX_VALUE - 8, "the largest Java array");
    }

    public WireWriter(int initialCapacity, int maxBytes, String limitName) {
        this.buf = new byte[Math.max(16, Math.min(initialCapacity, maxBytes))];
        this.maxBytes = maxBytes;
        this.limitName = limitName;
    }

    /** A writer for one WebSocket message of {@code version}: at most its {@link GodotVersion#maxMessageBytes()}. */
    public static WireWriter forMessage(GodotVersion version) {
        return new WireWriter(64, version.maxMessageBytes(),
                "Godot " + version.label() + "'s limit of " + version.maxMessageBytes() + " bytes per message");
    }

    public int position() {
        return pos;
    }

    private void ensure(int n) {
        long needed = (long) pos + n;
        if (needed > maxBytes) {
            throw new WireEncodingException("message would be at least " + needed + " bytes, over " + limitName);
        }
        if (needed > buf.length) {
            long grown = Math.max(needed, Math.min((long) maxBytes, (long) buf.length * 2));
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    public WireWriter i32(int v) {
        ensure(4);
        putI32(pos, v);
        pos += 4;
        return this;
    }

    /** Overwrites 4 bytes already written at {@code at}, e.g. a length or offset known only later. */
    public void patchI32(int at, int v) {
        if (at < 0 || at + 4 > pos) {
            throw new IndexOutOfBoundsException("patch at " + at + " beyond " + pos);
        }
        putI32(at, v);
    }

    private void putI32(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    public WireWriter i64(long v) {
        i32((int) v);
        return i32((int) (v >>> 32));
    }

    public WireWriter f32(float v) {
        return i32(Float.floatToRawIntBits(v));
    }

    public WireWriter f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    public WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Zero bytes up to the next multiple of 4 after {@code length} bytes. */
    public WireWriter pad4(int length) {
        int pad = (4 - (length & 3)) & 3;
        ensure(pad);
        for (int i = 0; i < pad; i++) {
            buf[pos++] = 0;
        }
        return this;
    }

    /** UTF-8 and a NUL terminator. */
    public WireWriter cString(String s) {
        byte[] b = utf8(s, "C string");
        return bytes(b).u8(0);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /**
     * UTF-8 bytes of a String Godot can carry: valid Unicode (no lone surrogates) and no U+0000,
     * which Godot cannot hold in a String (its encoder turns it into U+FFFD).
     */
    public static byte[] utf8(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new WireEncodingException(what + " contains U+0000 at index " + i
                        + ", which a Godot String cannot hold");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new WireEncodingException(what + " has a lone surrogate at index " + i + " (not valid Unicode)");
                }
                i++;
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.godotload.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one received message. Every read checks the bytes left first, so a
 * length field is never trusted before it is compared with what remains; every failure is a
 * {@link WireFormatException} naming the offset from the start of the message.
 */
public final class WireReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    public WireReader(byte[] message) {
        this(message, 0, message.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + buf.length);
        }
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Offset of the next byte, counted from the start of the message. */
    public int offset() {
        return pos - start;
    }

    /** Length of the whole message. */
    public int length() {
        return end - start;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** A reader over the next {@code n} bytes whose offsets keep counting from this message's start. */
    public WireReader limit(int n, String what) {
        require(n, what);
        WireReader sub = new WireReader(buf, start, pos - start + n);
        sub.pos = pos;
        return sub;
    }

    /** Moves to an offset counted from the start of the message. */
    public void seek(int messageOffset) {
        if (messageOffset < 0 || messageOffset > end - start) {
            throw error("offset " + messageOffset + " is outside the " + (end - start) + "-byte message");
        }
        pos = start + messageOffset;
    }

    public void require(long n, String what) {
        if (n > remaining()) {
            throw error(what + " needs " + n + " bytes, " + remaining() + " left");
        }
    }

    public WireFormatException error(String reason) {
        return new WireFormatException(offset(), reason);
    }

    public WireFormatException errorAt(int messageOffset, String reason) {
        return new WireFormatException(messageOffset, reason);
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw error(remaining() + " unexpected bytes after " + what);
        }
    }

    public int u8(String what) {
        require(1, what);
        return buf[pos++] & 0xFF;
    }

    public int peekU8(String what) {
        require(1, what);
        return buf[pos] & 0xFF;
    }

    public int u16(String what) {
        require(2, what);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int i32(String what) {
        require(4, what);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long u32(String what) {
        return i32(what) & 0xFFFF_FFFFL;
    }

    public long i64(String what) {
        require(8, what);
        long lo = i32(what) & 0xFFFF_FFFFL;
        long hi = i32(what) & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    public float f32(String what) {
        return Float.intBitsToFloat(i32(what));
    }

    public double f64(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    public byte[] bytes(int n, String what) {
        require(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** The rest of the message. */
    public byte[] rest() {
        return bytes(remaining(), "rest");
    }

    public void skip(int n, String what) {
        require(n, what);
        pos += n;
    }

    /** Skips the zero padding Godot writes after {@code length} bytes to reach a multiple of 4. */
    public void skipPad4(int length, String what) {
        int pad = (4 - (length & 3)) & 3;
        skip(pad, "padding of " + what);
    }

    /**
     * Reads a u32 element count and checks that the bytes left can back it, at
     * {@code minBytesEach} bytes an element, before anything is allocated for it. An error names
     * the offset of the count field.
     */
    public int count(int minBytesEach, String what) {
        int at = offset();
        return checkCount(u32(what + " count"), minBytesEach, what, at);
    }

    /** Like {@link #count} for Array and Dictionary sizes, whose bit 31 Godot ignores. */
    public int containerCount(int minBytesEach, String what) {
        int at = offset();
        return checkCount(u32(what + " count") & 0x7FFF_FFFFL, minBytesEach, what, at);
    }

    /** Checks a count already read from offset {@code at}. */
    public int checkCount(long declared, int minBytesEach, String what, int at) {
        if (declared * (long) minBytesEach > remaining() || declared > Integer.MAX_VALUE) {
            throw errorAt(at, what + " count " + declared + " needs at least " + declared * (long) minBytesEach
                    + " bytes, " + remaining() + " left");
        }
        return (int) declared;
    }

    /** Reads a u32 byte length and checks it against the bytes left; an error names the length field. */
    public int byteLength(String what) {
        int at = offset();
        long declared = u32(what + " length");
        if (declared > remaining()) {
            throw errorAt(at, what + " length " + declared + " exceeds the " + remaining() + " bytes left");
        }
        return (int) declared;
    }

    /** {@code n} bytes of strict UTF-8 (invalid sequences are an error, as in Godot). */
    public String utf8(int n, String what) {
        require(n, what);
        int from = pos;
        pos += n;
        return decodeUtf8(from, n, what);
    }

    /** UTF-8 up to a NUL byte, which is consumed; the NUL must be present. */
    public String cString(String what) {
        int from = pos;
        int nul = indexOfNul(from);
        if (nul < 0) {
            throw error(what + " has no terminating NUL in the " + remaining() + " bytes left");
        }
        pos = nul + 1;
        return decodeUtf8(from, nul - from, what);
    }

    /** Index (absolute) of the first NUL at or after {@code from}, or -1. */
    private int indexOfNul(int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Message offset of the first NUL in the next {@code n} bytes, or -1. */
    public int nulWithin(int n) {
        int limit = Math.min(end, pos + n);
        for (int i = pos; i < limit; i++) {
            if (buf[i] == 0) {
                return i - start;
            }
        }
        return -1;
    }

    private String decodeUtf8(int from, int n, String what) {
        boolean ascii = true;
        for (int i = from; i < from + n; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, n, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(buf, from, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw errorAt(from - start, what + " is not valid UTF-8");
        }
    }
}

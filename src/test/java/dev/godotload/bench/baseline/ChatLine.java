package dev.godotload.bench.baseline;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * The payload of one chat message: sender index, sequence number, wall-clock micros at sending,
 * and text up to {@value #SIZE} bytes, about what our {@code receive_message(from, text, sent_usec,
 * seq)} line weighs on the wire.
 */
final class ChatLine {
    static final int SIZE = 72;
    private static final byte[] TEXT = "the quick brown fox jumps over the lazy dog, twice over again and again"
            .substring(0, SIZE - 16).getBytes(StandardCharsets.US_ASCII);

    private ChatLine() {
    }

    static void write(ByteBuf out, int sender, int seq, long sentMicros) {
        out.writeInt(sender).writeInt(seq).writeLong(sentMicros).writeBytes(TEXT);
    }

    static long sentMicros(ByteBuf line) {
        return line.getLong(line.readerIndex() + 8);
    }
}

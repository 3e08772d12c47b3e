package dev.godotload.bench.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A server-to-client binary WebSocket frame (RFC 6455 §5.2), encoded once per message: frames from
 * a server are not masked, so every recipient gets the same bytes and the fan-out writes duplicates
 * of this one buffer, past Netty's per-frame encoder.
 */
final class ServerFrame {
    private static final int FIN_BINARY = 0x82;

    private ServerFrame() {
    }

    static ByteBuf binary(ByteBufAllocator alloc, ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf frame = alloc.directBuffer(10 + length);
        frame.writeByte(FIN_BINARY);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        return frame.writeBytes(payload, payload.readerIndex(), length);
    }
}

package dev.godotload.server;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import dev.godotload.testing.Shared;

/**
 * A transport peer that keeps a copy of every message the server sends it, releases each buffer
 * as a real transport would, and remembers the buffers so a test can prove none leaked.
 */
final class FakeLink implements PeerLink {
    final int id;
    final List<byte[]> sent = new ArrayList<>();
    /** The backing array of each sent buffer: the same array for two targets means one encoding. */
    final List<byte[]> backing = new ArrayList<>();
    final List<ByteBuf> buffers = new ArrayList<>();
    boolean accepts = true;
    int closes;

    FakeLink(int id) {
        this.id = id;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:" + (40000 + id % 20000);
    }

    @Override
    public boolean send(ByteBuf packet) {
        sent.add(ByteBufUtil.getBytes(packet));
        backing.add(packet.hasArray() ? packet.array() : null);
        buffers.add(packet);
        packet.release();
        return accepts;
    }

    @Override
    public void close() {
        closes++;
    }

    boolean closed() {
        return closes > 0;
    }

    /** Everything sent so far, as hex, and forgets it. */
    List<String> take() {
        List<String> out = new ArrayList<>();
        for (byte[] b : sent) {
            out.add(Shared.hex(b));
        }
        sent.clear();
        backing.clear();
        return out;
    }

    @Override
    public String toString() {
        return "link " + id;
    }
}

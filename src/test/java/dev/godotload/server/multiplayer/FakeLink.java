package dev.godotload.server.multiplayer;

import java.util.ArrayList;
import java.util.List;

import dev.godotload.server.transport.Connection;
import dev.godotload.testing.GoldenData;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;

/**
 * A transport peer that keeps a copy of every message the server sends it, releases each buffer
 * as a real transport would, and remembers the buffers so a test can prove none leaked.
 */
public final class FakeLink implements Connection {
    public final int id;
    public final List<byte[]> sent = new ArrayList<>();
    /**
     * The backing array of each sent buffer (of its last part, the body, when it is a header in front
     * of a body): the same array for two targets means one encoding.
     */
    public final List<byte[]> backing = new ArrayList<>();
    /** Every buffer handed over, and the buffers underneath (a body behind a header), for leak checks. */
    public final List<ByteBuf> buffers = new ArrayList<>();
    boolean accepts = true;
    int closes;

    public FakeLink(int id) {
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
        backing.add(backingArray(packet));
        buffers.add(packet);
        addRoots(packet, buffers);
        packet.release();
        return accepts;
    }

    @Override
    public void close() {
        closes++;
    }

    private static ByteBuf root(ByteBuf b) {
        ByteBuf r = b;
        while (r.unwrap() != null) {
            r = r.unwrap();
        }
        return r;
    }

    /** The buffers {@code b} derives from; their reference counts are the ones that must reach zero. */
    private static void addRoots(ByteBuf b, List<ByteBuf> out) {
        ByteBuf r = root(b);
        if (r instanceof CompositeByteBuf c) {
            for (int i = 0; i < c.numComponents(); i++) {
                addRoots(c.component(i), out);
            }
        }
        if (r != b) {
            out.add(r);
        }
    }

    private static byte[] backingArray(ByteBuf b) {
        if (b.hasArray()) {
            return b.array();
        }
        if (root(b) instanceof CompositeByteBuf c && c.numComponents() > 0) {
            ByteBuf body = c.component(c.numComponents() - 1);
            return body.hasArray() ? body.array() : null;
        }
        return null;
    }

    public boolean closed() {
        return closes > 0;
    }

    /** Everything sent so far, as hex, and forgets it. */
    public List<String> take() {
        List<String> out = new ArrayList<>();
        for (byte[] b : sent) {
            out.add(GoldenData.hex(b));
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

package dev.godotload.engine.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a format-3 pack back, the way {@code PackedSourcePCK::try_open_pack} of Godot 4.6 does, keeping
 * every raw field so tests can check them. Bounds-checked: a malformed pack throws.
 */
record PckReader(int magic, int formatVersion, int major, int minor, int patch, int flags, long fileBase, long dirOffset,
                 byte[] reserved, List<Entry> entries, long directoryEnd) {

    /** One directory entry: the stored path length (padding included), the path without the padding, ... */
    record Entry(int storedLength, byte[] storedName, String path, long offset, long size, byte[] md5, int flags, byte[] content) {
    }

    static PckReader read(byte[] pck) {
        ByteBuffer b = ByteBuffer.wrap(pck).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        int version = b.getInt();
        int major = b.getInt();
        int minor = b.getInt();
        int patch = b.getInt();
        int flags = b.getInt();
        long fileBase = b.getLong();
        long dirOffset = b.getLong();
        byte[] reserved = new byte[64];
        b.get(reserved);
        if (dirOffset < 0 || dirOffset > pck.length - 4) {
            throw new IllegalArgumentException("directory offset " + dirOffset + " outside the pack");
        }
        b.position((int) dirOffset);
        int count = b.getInt();
        if (count < 0 || count > 1_000_000) {
            throw new IllegalArgumentException("file count " + count);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int sl = b.getInt();
            if (sl < 0 || sl > b.remaining()) {
                throw new IllegalArgumentException("path length " + sl);
            }
            byte[] stored = new byte[sl];
            b.get(stored);
            int end = 0;
            while (end < sl && stored[end] != 0) {
                end++;
            }
            String path = new String(stored, 0, end, StandardCharsets.UTF_8);
            long ofs = b.getLong();
            long size = b.getLong();
            byte[] md5 = new byte[16];
            b.get(md5);
            int fileFlags = b.getInt();
            long start = fileBase + ofs;
            if (start < 0 || size < 0 || start + size > pck.length) {
                throw new IllegalArgumentException(path + ": bytes " + start + "+" + size + " outside the pack");
            }
            entries.add(new Entry(sl, stored, path, ofs, size, md5, fileFlags,
                    Arrays.copyOfRange(pck, (int) start, (int) (start + size))));
        }
        return new PckReader(magic, version, major, minor, patch, flags, fileBase, dirOffset, reserved, entries, b.position());
    }

    List<String> paths() {
        return entries.stream().map(Entry::path).toList();
    }

    Entry entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + paths()));
    }
}

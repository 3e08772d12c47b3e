package dev.godotload.engine.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Extracts named regular files from a {@code .tar.gz} (ustar, as {@code npm pack} writes it). Bounded:
 * at most {@value #MAX_ENTRIES} entries and {@value #MAX_ENTRY_BYTES} bytes per entry; a header that
 * does not parse is refused.
 */
final class TarGz {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Writes each wanted entry (by its name in the archive) to its target file; returns the sizes written.
     *
     * @throws IOException when the archive is damaged or a wanted entry is missing
     */
    static Map<String, Long> extract(Path archive, Map<String, Path> wanted) throws IOException {
        Map<String, Long> written = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 64 * 1024)) {
            byte[] header = new byte[BLOCK];
            for (int entries = 0; entries < MAX_ENTRIES; entries++) {
                if (!readBlock(in, header)) {
                    break; // end of the stream without the two zero blocks: tolerated, as GNU tar does
                }
                if (isZero(header)) {
                    break;
                }
                if (!checksumOk(header)) {
                    throw new IOException(archive.getFileName() + ": damaged tar header at entry " + entries);
                }
                String name = name(header);
                long size = octal(header, 124, 12);
                if (size < 0 || size > MAX_ENTRY_BYTES) {
                    throw new IOException(archive.getFileName() + ": entry " + name + " declares " + size + " bytes");
                }
                char type = (char) header[156];
                Path target = wanted.get(name);
                if (target != null && (type == '0' || type == '\0')) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    written.put(name, size);
                } else {
                    skip(in, size);
                }
                skip(in, (BLOCK - size % BLOCK) % BLOCK);
            }
        }
        Set<String> missing = new TreeSet<>(wanted.keySet());
        missing.removeAll(written.keySet());
        if (!missing.isEmpty()) {
            throw new IOException(archive.getFileName() + " has no " + String.join(", ", missing));
        }
        return written;
    }

    static String name(byte[] h) {
        String name = field(h, 0, 100);
        boolean ustar = field(h, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** An octal number field; -1 when it is not one. */
    static long octal(byte[] h, int off, int len) {
        long v = 0;
        boolean digits = false;
        for (int i = off; i < off + len; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7' || v > (Long.MAX_VALUE >> 3)) {
                return -1;
            }
            v = (v << 3) + (b - '0');
            digits = true;
        }
        return digits ? v : -1;
    }

    private static boolean checksumOk(byte[] h) {
        long expected = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return expected == sum;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("truncated tar header");
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        long left = size;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            left -= n;
        }
    }
}

package dev.godotload.engine.web;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts named regular files from a {@code .tar.gz} such as {@code npm pack} writes. Commons Compress
 * reads the tar format (ustar, and the PAX and GNU headers that carry long names); this class keeps the
 * limits a downloaded archive needs:
 * <ul>
 * <li>an entry's name is only compared with the wanted names, never turned into a path, and a name that
 * is absolute or climbs out with {@code ..} makes the whole archive refused;</li>
 * <li>only regular files are written: a wanted name that is a symbolic or hard link is refused, and the
 * target file is opened without following a link;</li>
 * <li>at most {@value #MAX_ENTRIES} entries, {@value #MAX_ENTRY_BYTES} bytes per entry and
 * {@value #MAX_TOTAL_BYTES} bytes unpacked in all (headers included, so a gzip bomb or a huge long-name
 * header stops there too).</li>
 * </ul>
 */
final class TarGz {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;

    /** The bounds of one extraction; tests shrink them. */
    record Limits(int entries, long entryBytes, long totalBytes) {
        static final Limits DEFAULT = new Limits(MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES);
    }

    private TarGz() {
    }

    /**
     * Writes each wanted entry (by its name in the archive) to its target file; returns the sizes written.
     * When a name occurs twice, the later entry wins, as with {@code tar -x}.
     *
     * @throws IOException when the archive is damaged, breaks a limit, or lacks a wanted entry
     */
    static Map<String, Long> extract(Path archive, Map<String, Path> wanted) throws IOException {
        return extract(archive, wanted, Limits.DEFAULT);
    }

    static Map<String, Long> extract(Path archive, Map<String, Path> wanted, Limits limits) throws IOException {
        String name = archive.getFileName().toString();
        Map<String, Long> written = new HashMap<>();
        // The JDK's gzip reader is enough; Commons Compress takes over at the tar layer.
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(
                        new Capped(new GZIPInputStream(file, 64 * 1024), limits.totalBytes(), name), 64 * 1024),
                        StandardCharsets.UTF_8.name())) {
            int count = 0;
            for (TarArchiveEntry entry = next(tar, name, count); entry != null; entry = next(tar, name, ++count)) {
                if (count >= limits.entries()) {
                    throw new IOException(name + " has more than " + limits.entries() + " entries");
                }
                check(entry, name, limits);
                Path target = wanted.get(entry.getName());
                if (target != null) {
                    written.put(entry.getName(), write(tar, entry, target, name));
                }
            }
        }
        Set<String> missing = new TreeSet<>(wanted.keySet());
        missing.removeAll(written.keySet());
        if (!missing.isEmpty()) {
            throw new IOException(name + " has no " + String.join(", ", missing));
        }
        return written;
    }

    /** The next entry; a header that does not parse or whose checksum is wrong is "damaged". */
    private static TarArchiveEntry next(TarArchiveInputStream tar, String archive, int index) throws IOException {
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException e) {
            if (e instanceof LimitException) {
                throw e;
            }
            throw new IOException(archive + ": damaged tar header at entry " + index + " (" + e.getMessage() + ")", e);
        }
        if (entry != null && !entry.isCheckSumOK()) {
            throw new IOException(archive + ": damaged tar header at entry " + index + " (checksum mismatch)");
        }
        return entry;
    }

    private static void check(TarArchiveEntry entry, String archive, Limits limits) throws IOException {
        String name = entry.getName();
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("(?s)(.*[/\\\\])?\\.\\.([/\\\\].*)?")) {
            throw new IOException(archive + ": entry " + name + " points outside the archive's folder");
        }
        if (entry.getSize() < 0 || entry.getSize() > limits.entryBytes()) {
            throw new IOException(archive + ": entry " + name + " declares " + entry.getSize() + " bytes");
        }
    }

    private static long write(TarArchiveInputStream tar, TarArchiveEntry entry, Path target, String archive) throws IOException {
        byte flag = entry.getLinkFlag();
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw new IOException(archive + ": " + entry.getName() + " is a " + (entry.isSymbolicLink() ? "symbolic" : "hard")
                    + " link to " + entry.getLinkName() + ", not a file");
        }
        if ((flag != TarConstants.LF_NORMAL && flag != TarConstants.LF_OLDNORM) || entry.isSparse()) {
            throw new IOException(archive + ": " + entry.getName() + " is not a regular file (type '" + (char) flag + "')");
        }
        long copied;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            copied = tar.transferTo(out);
        } catch (LimitException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(archive + ": entry " + entry.getName() + ": " + e.getMessage(), e);
        }
        if (copied != entry.getSize()) {
            throw new IOException(archive + ": entry " + entry.getName() + " is truncated (" + copied + " of "
                    + entry.getSize() + " bytes)");
        }
        return copied;
    }

    /** A limit, not damage: passed through as it is. */
    private static final class LimitException extends IOException {
        LimitException(String message) {
            super(message);
        }
    }

    /** Fails once more than {@code cap} bytes came through: the bound on everything the archive unpacks to. */
    private static final class Capped extends FilterInputStream {
        private final long cap;
        private final String archive;
        private long count;

        Capped(InputStream in, long cap, String archive) {
            super(in);
            this.cap = cap;
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > cap) {
                throw new LimitException(archive + " unpacks to more than " + cap + " bytes");
            }
        }
    }
}

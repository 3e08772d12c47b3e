package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
    @TempDir
    Path dir;

    /** A ustar header as npm writes it; {@code sizeField} overrides the size's octal text. */
    static byte[] header(String name, long size, char type, String sizeField) {
        byte[] h = new byte[512];
        String prefix = "";
        if (name.length() > 100) {
            int cut = name.lastIndexOf('/', 155);
            prefix = name.substring(0, cut);
            name = name.substring(cut + 1);
        }
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, sizeField != null ? sizeField : String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static void entry(OutputStream out, String name, byte[] content) throws IOException {
        out.write(header(name, content.length, '0', null));
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private Path tgz(byte[] tar) throws IOException {
        Path p = dir.resolve("t.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(tar);
        }
        return p;
    }

    @Test
    void extractsTheWantedEntriesAndSkipsTheRest() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("package/godot", 0, '5', null));
        entry(tar, "package/README.md", "readme".getBytes(StandardCharsets.UTF_8));
        entry(tar, "package/godot/index.js", "var Engine;".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[70_000];
        big[69_999] = 42;
        entry(tar, "package/godot/index.wasm", big);
        String longName = "package/" + "d".repeat(120) + "/long.txt";
        entry(tar, longName, "long".getBytes(StandardCharsets.UTF_8));
        tar.write(new byte[1024]);
        Map<String, Long> sizes = TarGz.extract(tgz(tar.toByteArray()), Map.of(
                "package/godot/index.js", dir.resolve("js"), "package/godot/index.wasm", dir.resolve("wasm"),
                longName, dir.resolve("long")));
        assertThat(sizes).containsEntry("package/godot/index.wasm", 70_000L);
        assertThat(Files.readString(dir.resolve("js"))).isEqualTo("var Engine;");
        assertThat(Files.readAllBytes(dir.resolve("wasm"))).isEqualTo(big);
        assertThat(Files.readString(dir.resolve("long"))).isEqualTo("long");
    }

    @Test
    void aMissingEntryIsAnError() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/a", new byte[] {1});
        assertThatThrownBy(() -> TarGz.extract(tgz(tar.toByteArray()), Map.of("package/b", dir.resolve("b"))))
                .isInstanceOf(IOException.class).hasMessage("t.tgz has no package/b");
    }

    @Test
    void damagedHeadersAreRefused() throws Exception {
        byte[] h = header("package/a", 1, '0', null);
        h[0] ^= 1; // the checksum no longer matches
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(h);
        assertThatThrownBy(() -> TarGz.extract(tgz(tar.toByteArray()), Map.of("package/a", dir.resolve("a"))))
                .isInstanceOf(IOException.class).hasMessageContaining("damaged tar header");
    }

    @Test
    void absurdSizesAreRefusedBeforeReading() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("package/a", 0, '0', "77777777777"));
        assertThatThrownBy(() -> TarGz.extract(tgz(tar.toByteArray()), Map.of("package/a", dir.resolve("a"))))
                .isInstanceOf(IOException.class).hasMessageContaining("declares 8589934591 bytes");
    }

    @Test
    void aTruncatedEntryIsAnError() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("package/a", 5000, '0', null));
        tar.write(new byte[100]);
        assertThatThrownBy(() -> TarGz.extract(tgz(tar.toByteArray()), Map.of("package/a", dir.resolve("a"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aSizeThatIsNotOctalIsADamagedHeader() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("package/a", 0, '0', "0009")); // checksum right, size field not a number
        assertThatThrownBy(() -> TarGz.extract(tgz(tar.toByteArray()), Map.of("package/a", dir.resolve("a"))))
                .isInstanceOf(IOException.class).hasMessageContaining("t.tgz: damaged tar header at entry 0");
    }

    /** A tar written by Commons Compress itself: PAX headers for long names, links. */
    private Path tgz(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(tar);
        }
        return tgz(bytes.toByteArray());
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, byte type, String to) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(to);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    @Test
    void namesLongerThanUstarHoldComeThroughPaxHeaders() throws Exception {
        String name = "package/" + "n".repeat(180) + ".js"; // one component over 155: no ustar prefix split fits
        Path archive = tgz(tar -> file(tar, name, "long".getBytes(StandardCharsets.UTF_8)));
        assertThat(TarGz.extract(archive, Map.of(name, dir.resolve("long")))).containsEntry(name, 4L);
        assertThat(Files.readString(dir.resolve("long"))).isEqualTo("long");
    }

    @Test
    void aWantedLinkIsRefusedAndAnUnwantedOneIgnored() throws Exception {
        Path archive = tgz(tar -> {
            link(tar, "package/godot/index.js", TarConstants.LF_SYMLINK, "/etc/passwd");
            link(tar, "package/hard", TarConstants.LF_LINK, "package/godot/index.js");
            file(tar, "package/a", new byte[] {7});
        });
        assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/godot/index.js", dir.resolve("js"))))
                .isInstanceOf(IOException.class)
                .hasMessage("t.tgz: package/godot/index.js is a symbolic link to /etc/passwd, not a file");
        assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/hard", dir.resolve("hard"))))
                .hasMessage("t.tgz: package/hard is a hard link to package/godot/index.js, not a file");
        assertThat(dir.resolve("js")).doesNotExist();
        assertThat(TarGz.extract(archive, Map.of("package/a", dir.resolve("a")))).containsEntry("package/a", 1L);
    }

    @Test
    void aNameOutsideTheArchivesFolderRefusesTheArchive() throws Exception {
        for (String bad : new String[] {"package/../../evil", "../evil", "/etc/evil", "package/..", "a\\..\\b"}) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream(); // raw headers: Commons Compress's writer would tidy the names
            entry(tar, bad, new byte[] {1});
            entry(tar, "package/a", new byte[] {1});
            Path archive = tgz(tar.toByteArray());
            assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/a", dir.resolve("a")))).as(bad)
                    .isInstanceOf(IOException.class).hasMessageEndingWith(" points outside the archive's folder");
        }
        Path fine = tgz(tar -> file(tar, "package/a..b/..c", new byte[] {1}));
        assertThat(TarGz.extract(fine, Map.of("package/a..b/..c", dir.resolve("c")))).hasSize(1);
    }

    @Test
    void theTargetIsNotFollowedWhenItIsALink() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "keep");
        Path target = Files.createSymbolicLink(dir.resolve("js"), elsewhere);
        Path archive = tgz(tar -> file(tar, "package/a", "overwrite".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/a", target))).isInstanceOf(IOException.class);
        assertThat(Files.readString(elsewhere)).isEqualTo("keep");
    }

    @Test
    void theEntryCountIsBounded() throws Exception {
        Path archive = tgz(tar -> {
            for (int i = 0; i < 3; i++) {
                file(tar, "package/" + i, new byte[] {1});
            }
        });
        assertThat(TarGz.extract(archive, Map.of("package/2", dir.resolve("2")), new TarGz.Limits(3, 10, 1 << 20))).hasSize(1);
        assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/2", dir.resolve("2")), new TarGz.Limits(2, 10, 1 << 20)))
                .isInstanceOf(IOException.class).hasMessage("t.tgz has more than 2 entries");
    }

    @Test
    void theUnpackedTotalIsBoundedEvenForEntriesNobodyWants() throws Exception {
        Path archive = tgz(tar -> {
            file(tar, "package/skipped", new byte[20_000]); // compresses to almost nothing
            file(tar, "package/a", new byte[] {1});
        });
        assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/a", dir.resolve("a")), new TarGz.Limits(10, 1 << 20, 16_384)))
                .isInstanceOf(IOException.class).hasMessage("t.tgz unpacks to more than 16384 bytes");
        assertThat(TarGz.extract(archive, Map.of("package/a", dir.resolve("a")), new TarGz.Limits(10, 1 << 20, 1 << 20))).hasSize(1);
    }
}

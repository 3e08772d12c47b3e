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
    void octalFields() {
        byte[] h = new byte[20];
        put(h, 0, "  0017 \0");
        assertThat(TarGz.octal(h, 0, 8)).isEqualTo(15);
        put(h, 8, "0009");
        assertThat(TarGz.octal(h, 8, 4)).isEqualTo(-1);
        assertThat(TarGz.octal(new byte[12], 0, 12)).isEqualTo(-1);
    }
}

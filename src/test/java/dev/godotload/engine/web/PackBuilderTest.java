package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackBuilderTest {
    @TempDir
    Path dir;

    private Path write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private GodotProject project() throws Exception {
        write("project.godot", "config_version=5\n\n[application]\n\nrun/main_scene=\"res://main.tscn\"\n");
        write("main.tscn", "[gd_scene format=3]\n\n[node name=\"Main\" type=\"Node\"]\n");
        write("main.gd", "extends Node\n");
        write("lib/greeter.gd", "class_name Greeter\nextends RefCounted\n");
        write("lib/deep/er/x.txt", "x");
        write("empty.txt", "");
        write("ünïcode name.tres", "[gd_resource format=3]\n");
        write(".godot/editor/cache.bin", "editor state");
        write(".godot/imported/a.ctex", "imported");
        write(".git/HEAD", "ref: refs/heads/main");
        write(".hidden", "dot file");
        write("lib/.secret.gd", "extends Node");
        return GodotProject.open(dir);
    }

    private static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    @Test
    void theHeaderIsGodot46sFormat3() throws Exception {
        byte[] pck = PackBuilder.fromProject(project()).build();
        PckReader r = PckReader.read(pck);
        assertThat(new String(pck, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GDPC");
        assertThat(r.magic()).isEqualTo(0x43504447);
        assertThat(r.formatVersion()).isEqualTo(3);
        assertThat(new int[] {r.major(), r.minor(), r.patch()}).containsExactly(4, 6, 0);
        assertThat(r.flags()).as("PACK_REL_FILEBASE, not encrypted").isEqualTo(2);
        assertThat(r.fileBase()).as("the 104-byte header padded to 16").isEqualTo(112);
        assertThat(r.reserved()).containsOnly(0);
        for (int i = 104; i < 112; i++) {
            assertThat(pck[i]).as("padding byte %d", i).isZero();
        }
        assertThat(r.dirOffset() % 16).isZero();
        assertThat(r.directoryEnd()).as("the directory is the pack's end").isEqualTo(pck.length);
    }

    @Test
    void everyVisibleFileIsThereWithItsMd5AndNoHiddenOnes() throws Exception {
        PckReader r = PckReader.read(PackBuilder.fromProject(project()).build());
        assertThat(r.paths()).containsExactly(".godot/global_script_class_cache.cfg", "empty.txt", "lib/deep/er/x.txt",
                "lib/greeter.gd", "main.gd", "main.tscn", "project.godot", "ünïcode name.tres");
        for (PckReader.Entry e : r.entries()) {
            assertThat(e.path()).doesNotStartWith("res://");
            assertThat(e.md5()).as(e.path()).isEqualTo(md5(e.content()));
            assertThat(e.flags()).isZero();
            if (!e.path().startsWith(".godot/")) {
                assertThat(e.content()).as(e.path()).isEqualTo(Files.readAllBytes(dir.resolve(e.path())));
            }
        }
        assertThat(r.entry("empty.txt").size()).isZero();
    }

    @Test
    void filesAreSixteenByteAlignedAndPaddedWithZeros() throws Exception {
        byte[] pck = PackBuilder.fromProject(project()).build();
        PckReader r = PckReader.read(pck);
        long expected = 0;
        for (PckReader.Entry e : r.entries()) {
            assertThat(e.offset()).as(e.path()).isEqualTo(expected);
            assertThat((r.fileBase() + e.offset()) % 16).isZero();
            long end = r.fileBase() + e.offset() + e.size();
            long padded = (end + 15) / 16 * 16;
            for (long i = end; i < padded; i++) {
                assertThat(pck[(int) i]).isZero();
            }
            expected = (e.offset() + e.size() + 15) / 16 * 16;
        }
        assertThat(r.dirOffset()).isEqualTo(r.fileBase() + expected);
    }

    @Test
    void pathsArePaddedToFourBytesWithTheLengthCountingThePadding() throws Exception {
        PckReader r = PckReader.read(PackBuilder.fromProject(project()).build());
        for (PckReader.Entry e : r.entries()) {
            byte[] utf8 = e.path().getBytes(StandardCharsets.UTF_8);
            assertThat(e.storedLength()).as(e.path()).isEqualTo((utf8.length + 3) / 4 * 4);
            for (int i = utf8.length; i < e.storedLength(); i++) {
                assertThat(e.storedName()[i]).isZero();
            }
        }
        assertThat(r.entry("main.gd").storedLength()).isEqualTo(8); // 7 bytes + 1 NUL
        assertThat(r.entry("main.tscn").storedLength()).isEqualTo(12); // 9 + 3
        assertThat(r.entry("project.godot").storedLength()).isEqualTo(16); // 13 + 3
        assertThat(r.entry("lib/greeter.gd").storedLength()).isEqualTo(16); // 14 + 2
    }

    @Test
    void theGlobalClassCacheListsTheClassNames() throws Exception {
        PckReader r = PckReader.read(PackBuilder.fromProject(project()).build());
        assertThat(new String(r.entry(".godot/global_script_class_cache.cfg").content(), StandardCharsets.UTF_8))
                .isEqualTo("list=[{\n\"base\": &\"RefCounted\",\n\"class\": &\"Greeter\",\n\"icon\": \"\",\n"
                        + "\"is_abstract\": false,\n\"is_tool\": false,\n\"language\": &\"GDScript\",\n"
                        + "\"path\": \"res://lib/greeter.gd\"\n}]\n");
    }

    @Test
    void anEmptyPackIsStillValid() {
        byte[] pck = new PackBuilder().build();
        PckReader r = PckReader.read(pck);
        assertThat(r.entries()).isEmpty();
        assertThat(r.dirOffset()).isEqualTo(112);
        assertThat(pck).hasSize(116);
    }

    @Test
    void addedFilesReplaceAndSortByPath() {
        PckReader r = PckReader.read(new PackBuilder().add("b.txt", new byte[] {1}).add("a/z.txt", new byte[] {2})
                .add("b.txt", new byte[] {3, 4}).build());
        assertThat(r.paths()).containsExactly("a/z.txt", "b.txt");
        assertThat(r.entry("b.txt").content()).containsExactly(3, 4);
    }

    @Test
    void unusableNamesAreRefused() {
        for (String bad : new String[] {"", "/abs.gd", "res://x.gd", "a\\b.gd", "a//b.gd", "../up.gd", "a/./b.gd", "dir/"}) {
            assertThatThrownBy(() -> new PackBuilder().add(bad, new byte[0])).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unusable file name");
        }
    }

    @Test
    void theSizeIsBounded() {
        PackBuilder b = new PackBuilder();
        byte[] mib = new byte[1024 * 1024];
        for (int i = 0; i < PackBuilder.MAX_TOTAL_BYTES / mib.length; i++) {
            b.add("f" + i, mib);
        }
        assertThatThrownBy(() -> b.add("one-too-many", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the pack would exceed 512 MiB at one-too-many");
    }

    /**
     * Our reader agrees with the official exporter: the pack inside the npm package (made by the Godot
     * 4.6 editor) reads back with every md5 right. Runs when the template's tarball is in the cache.
     */
    @Test
    void theReaderReadsTheOfficialExportersPack() throws Exception {
        Path tarball = GodotWebTemplate.defaultDir(System.getenv()).resolve(GodotWebTemplate.TARBALL);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(tarball),
                "the template tarball is not cached yet (" + tarball + "); the engine tests fetch it");
        Path pck = dir.resolve("index.pck");
        TarGz.extract(tarball, Map.of("package/godot/index.pck", pck));
        PckReader r = PckReader.read(Files.readAllBytes(pck));
        assertThat(r.formatVersion()).isEqualTo(3);
        assertThat(new int[] {r.major(), r.minor(), r.patch()}).containsExactly(4, 6, 0);
        assertThat(r.flags()).isEqualTo(2);
        assertThat(r.fileBase()).isEqualTo(112);
        assertThat(r.directoryEnd()).isEqualTo(Files.size(pck));
        assertThat(r.paths()).contains("project.binary", ".godot/global_script_class_cache.cfg");
        for (PckReader.Entry e : r.entries()) {
            assertThat(e.md5()).as(e.path()).isEqualTo(md5(e.content()));
            assertThat(e.storedLength() % 4).isZero();
            assertThat((r.fileBase() + e.offset()) % 16).isZero();
        }
    }

    @Test
    void theMainSceneIsReplacedOrAdded() {
        assertThat(PackBuilder.withMainScene("config_version=5\n\n[application]\n\nconfig/name=\"x\"\nrun/main_scene=\"uid://abc\"\n"
                + "\n[autoload]\n\nGlobal=\"*res://g.gd\"\n", "res://c.tscn"))
                .isEqualTo("config_version=5\n\n[application]\n\nconfig/name=\"x\"\nrun/main_scene=\"res://c.tscn\"\n"
                        + "\n[autoload]\n\nGlobal=\"*res://g.gd\"\n");
        assertThat(PackBuilder.withMainScene("config_version=5\n[application]\nconfig/name=\"x\"\n[display]\nwindow/x=1\n", "res://c.tscn"))
                .isEqualTo("config_version=5\n[application]\nconfig/name=\"x\"\nrun/main_scene=\"res://c.tscn\"\n[display]\nwindow/x=1\n");
        assertThat(PackBuilder.withMainScene("config_version=5\n[application]\nconfig/name=\"x\"", "res://c.tscn"))
                .isEqualTo("config_version=5\n[application]\nconfig/name=\"x\"\nrun/main_scene=\"res://c.tscn\"\n");
        assertThat(PackBuilder.withMainScene("config_version=5\n", "res://c.tscn"))
                .isEqualTo("config_version=5\n\n[application]\n\nrun/main_scene=\"res://c.tscn\"\n");
        assertThat(PackBuilder.withMainScene("config_version=5\n[rendering]\nrun/main_scene=\"not this one\"\n", "res://c.tscn"))
                .contains("[rendering]\nrun/main_scene=\"not this one\"").endsWith("[application]\n\nrun/main_scene=\"res://c.tscn\"\n");
    }
}

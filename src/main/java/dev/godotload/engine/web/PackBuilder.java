package dev.godotload.engine.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds a Godot 4 pack ({@code .pck}, format 3, as Godot 4.5+ writes it) in memory.
 *
 * <p>Layout (little endian; {@code core/io/file_access_pack.cpp}, {@code PackedSourcePCK::try_open_pack}):
 * a 104-byte header {@code "GDPC"}, format 3, engine major, minor, patch, pack flags
 * ({@code PACK_REL_FILEBASE}), file base (u64), directory offset (u64), 16 reserved u32; zero padding
 * to the file base (112); each file's bytes, padded to 16; then the directory: the file count (u32)
 * and per file its path without {@code res://} (u32 length, UTF-8 padded with NULs to a multiple of 4,
 * the length counting the padding), offset from the file base (u64), size (u64), the MD5 of its bytes
 * and flags (u32, 0). Files are in path order, as the editor writes them.
 */
public final class PackBuilder {
    public static final int MAGIC = 0x43504447; // "GDPC"
    public static final int FORMAT_VERSION = 3;
    public static final int ENGINE_MAJOR = 4;
    public static final int ENGINE_MINOR = 6;
    public static final int ENGINE_PATCH = 0;
    public static final int PACK_REL_FILEBASE = 1 << 1;
    public static final int HEADER_SIZE = 104;
    public static final int ALIGNMENT = 16;
    public static final int MAX_FILES = 100_000;
    public static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private static final Pattern SECTION = Pattern.compile("^\\[[A-Za-z0-9_/ .-]+\\]\\s*$");
    private static final Pattern MAIN_SCENE = Pattern.compile("^run/main_scene\\s*=");

    private final SortedMap<String, byte[]> files = new TreeMap<>();
    private long totalBytes;

    /**
     * Every file of a project folder, except hidden ones (a name starting with '.', which leaves out
     * {@code .godot/}, {@code .git/} and the like), plus {@value GlobalClassCache#PATH} generated from
     * the scripts' {@code class_name} declarations. Text files go in as they are: Godot 4 loads a text
     * {@code project.godot}, {@code .gd}, {@code .tscn} and {@code .tres} from a pack.
     *
     * @throws IllegalArgumentException one line: too many files, too large, or an unusable file name
     */
    public static PackBuilder fromProject(GodotProject project) {
        PackBuilder b = new PackBuilder();
        Path root = project.dir().toAbsolutePath().normalize();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!hidden(file) && Files.isRegularFile(file)) {
                        String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        b.add(rel, Files.readAllBytes(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        b.add(GlobalClassCache.PATH, GlobalClassCache.text(GlobalClassCache.entries(b.files))
                .getBytes(StandardCharsets.UTF_8));
        return b;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /**
     * Adds (or replaces) a file.
     *
     * @param path its path in the pack, without {@code res://}, '/'-separated, e.g. {@code scenes/main.tscn}
     */
    public PackBuilder add(String path, byte[] content) {
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("res://") || path.contains("\\")
                || path.contains("\0") || path.endsWith("/")) {
            throw new IllegalArgumentException("unusable file name in a pack: '" + path + "'");
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("unusable file name in a pack: '" + path + "'");
            }
        }
        byte[] old = files.get(path);
        if (old == null && files.size() >= MAX_FILES) {
            throw new IllegalArgumentException("more than " + MAX_FILES + " files for one pack");
        }
        long total = totalBytes - (old == null ? 0 : old.length) + content.length;
        if (total > MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException("the pack would exceed " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB at " + path);
        }
        files.put(path, content.clone());
        totalBytes = total;
        return this;
    }

    /**
     * Makes {@code scene} (a {@code res://} path) the main scene of the pack's {@code project.godot}: the
     * release template refuses {@code --scene} on its command line, so a tool scene of ours (the script
     * check, the contract extractor) runs in the project's place this way.
     */
    public PackBuilder withMainScene(String scene) {
        byte[] projectGodot = files.get("project.godot");
        if (projectGodot == null) {
            throw new IllegalStateException("the pack has no project.godot");
        }
        return add("project.godot", withMainScene(new String(projectGodot, StandardCharsets.UTF_8), scene)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code project.godot} with {@code [application] run/main_scene} set to {@code scene}. */
    static String withMainScene(String projectGodot, String scene) {
        String setting = "run/main_scene=\"" + scene + "\"";
        List<String> lines = new ArrayList<>(List.of(projectGodot.split("\r?\n", -1)));
        int section = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (SECTION.matcher(l).matches()) {
                if (section >= 0) {
                    lines.add(i, setting); // [application] without run/main_scene: add it at its end
                    return String.join("\n", lines);
                }
                if (l.equals("[application]")) {
                    section = i;
                }
            } else if (section >= 0 && MAIN_SCENE.matcher(l).find()) {
                lines.set(i, setting);
                return String.join("\n", lines);
            }
        }
        if (section >= 0) {
            lines.add(setting);
        } else {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            lines.add("");
            lines.add("[application]");
            lines.add("");
            lines.add(setting);
        }
        return String.join("\n", lines) + "\n";
    }

    /** A file's current content, or null. */
    public byte[] get(String path) {
        byte[] b = files.get(path);
        return b == null ? null : b.clone();
    }

    /** The paths in the pack, sorted, without {@code res://}. */
    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** The pack's bytes. */
    public byte[] build() {
        long fileBase = align(HEADER_SIZE);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream dir = new ByteArrayOutputStream();
        dir.writeBytes(le32(files.size()));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] content = f.getValue();
            long offset = data.size();
            data.writeBytes(content);
            data.writeBytes(new byte[(int) (align(content.length) - content.length)]);
            byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
            int padded = (name.length + 3) / 4 * 4;
            dir.writeBytes(le32(padded));
            dir.writeBytes(name);
            dir.writeBytes(new byte[padded - name.length]);
            dir.writeBytes(le64(offset));
            dir.writeBytes(le64(content.length));
            dir.writeBytes(md5(content));
            dir.writeBytes(le32(0));
        }
        long dirOffset = fileBase + data.size();
        ByteBuffer header = ByteBuffer.allocate((int) fileBase).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(ENGINE_MAJOR).putInt(ENGINE_MINOR).putInt(ENGINE_PATCH)
                .putInt(PACK_REL_FILEBASE).putLong(fileBase).putLong(dirOffset); // then 16 reserved u32 and padding: zeros
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (dirOffset + dir.size()));
        out.writeBytes(header.array());
        out.writeBytes(data.toByteArray());
        out.writeBytes(dir.toByteArray());
        return out.toByteArray();
    }

    static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] md5(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}

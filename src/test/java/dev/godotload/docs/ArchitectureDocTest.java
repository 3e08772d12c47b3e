package dev.godotload.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package picture in docs/architecture.md is the code's: every package of src/main is drawn,
 * nothing else is, and each package imports only packages drawn on a lower line of the picture.
 */
class ArchitectureDocTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Path SOURCES = ROOT.resolve("src/main/java/dev/godotload");
    private static final String BASE = "dev.godotload.";
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.godotload\\.([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.godotload\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern BOX_NAMES = Pattern.compile("^\\s*(?:[├└]─\\s*)?([a-z][\\w.]*(?:,\\s*[a-z][\\w.]*)*)");

    @Test
    void everyPackageIsDrawnAndImportsOnlyWhatIsDrawnBelowIt() throws IOException {
        Map<String, Set<String>> imports = packagesAndImports();
        List<String> picture = picture();

        Map<String, Integer> row = new TreeMap<>();
        for (String pkg : imports.keySet()) {
            int line = lineOf(picture, pkg);
            if (line >= 0) {
                row.put(pkg, line);
            }
        }
        assertThat(imports.keySet()).as("packages of src/main missing from the picture in docs/architecture.md")
                .containsExactlyInAnyOrderElementsOf(row.keySet());

        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : imports.entrySet()) {
            for (String used : e.getValue()) {
                if (!used.equals(e.getKey()) && row.get(used) <= row.get(e.getKey())
                        && !(row.get(used).equals(row.get(e.getKey())) && sameFamily(used, e.getKey()))) {
                    upward.add(e.getKey() + " -> " + used);
                }
            }
        }
        assertThat(upward).as("imports of a package drawn on the same line or above").isEmpty();
    }

    /** {@code wire} and {@code wire.packet} drawn on one line are one box. */
    private static boolean sameFamily(String a, String b) {
        return a.split("\\.")[0].equals(b.split("\\.")[0]);
    }

    private static Map<String, Set<String>> packagesAndImports() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher p = PACKAGE.matcher(text);
                assertThat(p.find()).as("package line of %s", f).isTrue();
                Set<String> used = out.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                Matcher i = IMPORT.matcher(text);
                while (i.find()) {
                    used.add(i.group(1));
                }
            }
        }
        return out;
    }

    /** The first code block after "## The package map". */
    private static List<String> picture() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/architecture.md"));
        int heading = lines.indexOf("## The package map");
        assertThat(heading).as("docs/architecture.md has a '## The package map' section").isNotNegative();
        int open = heading + 1;
        while (!lines.get(open).startsWith("```")) {
            open++;
        }
        int close = open + 1;
        while (!lines.get(close).startsWith("```")) {
            close++;
        }
        return lines.subList(open + 1, close);
    }

    /**
     * The line whose box names {@code pkg}: a box's text starts with its package names, comma-separated
     * (after a tree branch for a subpackage), e.g. {@code │ wire, wire.packet, wire.variant} or
     * {@code │ ├─ server.node   the game's nodes}. -1 when no box names it.
     */
    private static int lineOf(List<String> picture, String pkg) {
        for (int i = 0; i < picture.size(); i++) {
            for (String cell : picture.get(i).split("│")) {
                Matcher names = BOX_NAMES.matcher(cell);
                if (names.find() && List.of(names.group(1).split(",\\s*")).contains(pkg)) {
                    return i;
                }
            }
        }
        return -1;
    }
}

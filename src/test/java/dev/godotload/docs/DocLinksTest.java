package dev.godotload.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The documentation as GitHub shows it: every relative link and image of README.md, docs/, the Godot
 * projects' and the test fixtures' READMEs reaches a file or folder of the repository (and, for
 * {@code page.md#anchor}, a heading of that page); README.md stays a front door; no table cell is an
 * essay. Runs from the project's base directory, Surefire's working directory.
 */
class DocLinksTest {
    static final int README_MAX_LINES = 210;
    static final int TABLE_CELL_MAX_CHARS = 300;

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkAndImageReachesAFileOrFolder() {
        List<String> dead = new ArrayList<>();
        for (Path doc : documents()) {
            for (Markdown.Link link : read(doc).links()) {
                problem(doc, link.target(), false)
                        .ifPresent(why -> dead.add(where(doc, link.line()) + "  (" + link.target() + "): " + why));
            }
        }
        assertThat(dead)
                .withFailMessage("%d dead relative link(s):%n  %s", dead.size(), String.join("\n  ", dead))
                .isEmpty();
    }

    /**
     * README.md and docs/ link nothing outside the repository: such a link works only in a
     * checkout that happens to have the same neighbours, never on GitHub.
     */
    @Test
    void readmeAndDocsStayInsideTheRepository() {
        List<String> outside = new ArrayList<>();
        for (Path doc : ownDocuments()) {
            for (Markdown.Link link : read(doc).links()) {
                problem(doc, link.target(), true)
                        .filter(why -> why.startsWith("leaves"))
                        .ifPresent(why -> outside.add(where(doc, link.line()) + "  (" + link.target() + "): " + why));
            }
        }
        assertThat(outside)
                .withFailMessage("%d link(s) out of the repository:%n  %s", outside.size(), String.join("\n  ", outside))
                .isEmpty();
    }

    /** docs/ci.md shows the GitHub Actions workflow whole; it must be the one in the repository. */
    @Test
    void ciPageShowsTheCommittedWorkflow() throws IOException {
        String workflow = Files.readString(ROOT.resolve(".github/workflows/load-test.yml"));
        assertThat(Files.readString(ROOT.resolve("docs/ci.md")))
                .withFailMessage("docs/ci.md must show .github/workflows/load-test.yml as it is, in a yaml block")
                .contains("```yaml\n" + workflow + "```");
    }

    @Test
    void readmeIsAFrontDoorNotTheWholeHouse() {
        int lines = read(ROOT.resolve("README.md")).lineCount();
        assertThat(lines)
                .withFailMessage("README.md has %d lines, at most %d: move the detail into docs/", lines, README_MAX_LINES)
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void noTableCellIsAnEssay() {
        List<String> essays = new ArrayList<>();
        for (Path doc : ownDocuments()) {
            for (Markdown.Cell cell : read(doc).tableCells()) {
                int length = cell.text().codePointCount(0, cell.text().length());
                if (length > TABLE_CELL_MAX_CHARS) {
                    essays.add(where(doc, cell.line()) + ": " + length + " characters: "
                            + cell.text().substring(0, 60) + "...");
                }
            }
        }
        assertThat(essays)
                .withFailMessage("%d table cell(s) longer than %d characters (use prose or a list below the table):%n  %s",
                        essays.size(), TABLE_CELL_MAX_CHARS, String.join("\n  ", essays))
                .isEmpty();
    }

    /**
     * Why {@code target}, written in {@code doc}, is dead, or empty when it is fine or not ours to
     * check: web addresses and other schemes, and anchors within the same page.
     */
    Optional<String> problem(Path doc, String target, boolean reportOutside) {
        if (target.isBlank()) {
            return Optional.of("empty link");
        }
        if (target.startsWith("#") || target.startsWith("//") || SCHEME.matcher(target).find()) {
            return Optional.empty();
        }
        String path = target;
        String fragment = null;
        int hash = path.indexOf('#');
        if (hash >= 0) {
            fragment = path.substring(hash + 1);
            path = path.substring(0, hash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String decoded = percentDecoded(path);
        Path base = decoded.startsWith("/") ? ROOT : doc.getParent();
        Path resolved = base.resolve(decoded.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(ROOT)) {
            return reportOutside ? Optional.of("leaves the repository (" + resolved + ")") : exists(resolved);
        }
        Optional<String> missing = exists(resolved);
        if (missing.isPresent()) {
            return missing;
        }
        if (fragment != null && !fragment.isEmpty() && Files.isRegularFile(resolved)
                && resolved.getFileName().toString().endsWith(".md")) {
            String id = percentDecoded(fragment);
            if (!anchors.computeIfAbsent(resolved, p -> read(p).anchors()).contains(id)) {
                return Optional.of("no heading of " + ROOT.relativize(resolved) + " makes #" + id);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> exists(Path resolved) {
        return Files.exists(resolved) ? Optional.empty()
                : Optional.of("no such file or folder: "
                        + (resolved.startsWith(ROOT) ? ROOT.relativize(resolved) : resolved));
    }

    /** README.md, docs/**.md, godot/**&#47;README.md and src/test/resources/**&#47;README.md. */
    static List<Path> documents() {
        List<Path> docs = new ArrayList<>(ownDocuments());
        docs.addAll(markdown(ROOT.resolve("godot"), true));
        docs.addAll(markdown(ROOT.resolve("src/test/resources"), true));
        return docs;
    }

    /** README.md and docs/**.md: the pages this project writes as its documentation. */
    static List<Path> ownDocuments() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        docs.addAll(markdown(ROOT.resolve("docs"), false));
        return docs;
    }

    private static List<Path> markdown(Path folder, boolean readmesOnly) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> readmesOnly ? p.getFileName().toString().equals("README.md")
                            : p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Markdown read(Path doc) {
        try {
            return Markdown.parse(Files.readString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path doc, int line) {
        return ROOT.relativize(doc) + ":" + line;
    }

    /** {@code %XX} sequences as UTF-8 bytes; unlike URLDecoder, a {@code +} stays a plus. */
    static String percentDecoded(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

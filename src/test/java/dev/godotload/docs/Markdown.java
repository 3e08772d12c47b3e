package dev.godotload.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of GitHub's Markdown to check a repository's documents: the links and images of a
 * file, the anchors its headings make, and its table cells. Code (fenced blocks and code spans) is
 * not Markdown, so nothing in it counts.
 */
final class Markdown {
    /** A link or image target as written (angle brackets and title removed), on a 1-based line. */
    record Link(int line, String target) {
    }

    /** One cell of a table row, trimmed, on a 1-based line. */
    record Cell(int line, String text) {
    }

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern INLINE_LINK = Pattern.compile(
            "!?\\[(?:\\\\.|[^\\[\\]\\\\]|\\[(?:\\\\.|[^\\[\\]\\\\])*\\])*\\]"       // [text] or ![alt], one level of nested []
            + "\\(\\s*(?:<([^<>\\n]*)>|((?:\\\\.|[^\\s()\\\\]|\\((?:\\\\.|[^\\s()\\\\])*\\))*))" // (target or (<target>
            + "(?:\\s+(?:\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|\\((?:\\\\.|[^()\\\\])*\\)))?\\s*\\)"); // "title")
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile(
            "^ {0,3}\\[(?:\\\\.|[^\\]\\\\])+\\]:[ \\t]*(?:<([^<>\\n]*)>|(\\S+))", Pattern.MULTILINE);
    private static final Pattern HTML_LINK = Pattern.compile(
            "<(?:a|img)\\b[^>]*?\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_ANCHOR = Pattern.compile(
            "<a\\b[^>]*?\\b(?:id|name)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(?:=+|-+)[ \\t]*$");
    private static final Pattern NOT_PARAGRAPH_TEXT = Pattern.compile("^ {0,3}(?:[-*+>|#]|\\d+[.)])");
    private static final Pattern TABLE_DELIMITER = Pattern.compile(
            "^ {0,3}\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$");
    private static final Pattern MARKDOWN_LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");

    private final List<String> lines;
    /** Whether each line belongs to a fenced code block, its fences included. */
    private final boolean[] code;

    private Markdown(List<String> lines) {
        this.lines = lines;
        this.code = new boolean[lines.size()];
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FENCE.matcher(lines.get(i));
            if (fence == null) {
                if (m.matches() && !(m.group(1).startsWith("`") && m.group(2).contains("`"))) {
                    fence = m.group(1);
                    code[i] = true;
                }
            } else {
                code[i] = true;
                if (m.matches() && m.group(1).charAt(0) == fence.charAt(0) && m.group(1).length() >= fence.length()
                        && m.group(2).isBlank()) {
                    fence = null;
                }
            }
        }
    }

    static Markdown parse(String text) {
        return new Markdown(text.lines().toList());
    }

    int lineCount() {
        return lines.size();
    }

    /** Every inline link, image, reference definition and HTML {@code href}/{@code src}, in order. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Block block : blocks()) {
            String text = withoutCodeSpans(block.text);
            Matcher m = INLINE_LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                links.add(new Link(block.lineAt(m.start()), target.replaceAll("\\\\(.)", "$1")));
            }
            m = REFERENCE_DEFINITION.matcher(text);
            while (m.find()) {
                links.add(new Link(block.lineAt(m.start()), m.group(1) != null ? m.group(1) : m.group(2)));
            }
            m = HTML_LINK.matcher(text);
            while (m.find()) {
                links.add(new Link(block.lineAt(m.start()), m.group(1)));
            }
        }
        links.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return links;
    }

    /**
     * The fragment ids a link to this file can name: one per heading, as GitHub makes them (see
     * {@link #slug}; a repeated slug gets {@code -1}, {@code -2}, ...), plus explicit
     * {@code <a id>}/{@code <a name>} anchors.
     */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (code[i]) {
                continue;
            }
            String heading = heading(i);
            if (heading != null) {
                String slug = slug(heading);
                String unique = slug;
                while (seen.containsKey(unique)) {
                    int n = seen.merge(slug, 1, Integer::sum);
                    unique = slug + "-" + n;
                }
                seen.putIfAbsent(unique, 0);
                anchors.add(unique);
            }
            Matcher m = HTML_ANCHOR.matcher(lines.get(i));
            while (m.find()) {
                anchors.add(m.group(1));
            }
        }
        return anchors;
    }

    /** The text of the heading on line {@code i}, or null if that line is none. */
    private String heading(int i) {
        String line = lines.get(i);
        Matcher atx = ATX_HEADING.matcher(line);
        if (atx.matches()) {
            return atx.group(1) == null ? "" : atx.group(1);
        }
        if (i > 0 && SETEXT_UNDERLINE.matcher(line).matches() && isParagraphText(i - 1)) {
            int start = i - 1;
            while (start > 0 && isParagraphText(start - 1)) {
                start--;
            }
            return String.join(" ", lines.subList(start, i)).trim();
        }
        return null;
    }

    private boolean isParagraphText(int i) {
        String line = lines.get(i);
        return !code[i] && !line.isBlank() && !NOT_PARAGRAPH_TEXT.matcher(line).find()
                && !SETEXT_UNDERLINE.matcher(line).matches();
    }

    /**
     * GitHub's id for a heading: its text as rendered (link and image syntax, code span backticks and
     * HTML tags gone), lower-cased, every character that is not a letter, digit, mark, {@code -},
     * {@code _} or space dropped, and each space turned into {@code -}.
     */
    static String slug(String heading) {
        String text = MARKDOWN_LINK_TEXT.matcher(heading).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        text = HTML_TAG.matcher(text).replaceAll("").trim().toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == ' ') {
                slug.append('-');
            } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    /** The cells of every table (header and body rows; the delimiter row is not content). */
    List<Cell> tableCells() {
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            boolean starts = !code[i] && i + 1 < lines.size() && !code[i + 1] && lines.get(i).contains("|")
                    && TABLE_DELIMITER.matcher(lines.get(i + 1)).matches() && lines.get(i + 1).contains("|");
            if (!starts) {
                i++;
                continue;
            }
            addCells(i, cells);
            i += 2;
            while (i < lines.size() && !code[i] && !lines.get(i).isBlank() && lines.get(i).contains("|")) {
                addCells(i, cells);
                i++;
            }
        }
        return cells;
    }

    private void addCells(int i, List<Cell> cells) {
        String row = lines.get(i).trim();
        List<String> parts = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int k = 0; k < row.length(); k++) {
            char c = row.charAt(k);
            if (c == '\\' && k + 1 < row.length() && row.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
            } else if (c == '|') {
                parts.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        parts.add(cell.toString());
        if (row.startsWith("|")) {
            parts.remove(0);
        }
        if (row.endsWith("|") && !row.endsWith("\\|") && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        for (String part : parts) {
            cells.add(new Cell(i + 1, part.trim()));
        }
    }

    /** Runs of lines that are neither code nor blank: a link can wrap within one, never across. */
    private List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (code[i] || lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            List<Integer> offsets = new ArrayList<>();
            while (i < lines.size() && !code[i] && !lines.get(i).isBlank()) {
                offsets.add(text.length());
                text.append(lines.get(i)).append('\n');
                i++;
            }
            blocks.add(new Block(start, text.toString(), offsets));
        }
        return blocks;
    }

    private record Block(int firstLine, String text, List<Integer> offsets) {
        int lineAt(int offset) {
            int k = 0;
            while (k + 1 < offsets.size() && offsets.get(k + 1) <= offset) {
                k++;
            }
            return firstLine + k + 1;
        }
    }

    /** {@code text} with every code span blanked out (same length, line breaks kept). */
    static String withoutCodeSpans(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '`' || (i > 0 && text.charAt(i - 1) == '\\')) {
                i++;
                continue;
            }
            int run = runOfBackticks(text, i);
            int close = i + run;
            int end = -1;
            while (close < text.length()) {
                if (text.charAt(close) == '`') {
                    int other = runOfBackticks(text, close);
                    if (other == run) {
                        end = close + other;
                        break;
                    }
                    close += other;
                } else {
                    close++;
                }
            }
            if (end < 0) {
                i += run;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    private static int runOfBackticks(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) == '`') {
            end++;
        }
        return end - from;
    }
}

package dev.godotload.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The bit of Markdown {@link DocLinksTest} relies on, on handmade pages. */
class MarkdownTest {
    private static List<String> targets(String page) {
        return Markdown.parse(page).links().stream().map(Markdown.Link::target).toList();
    }

    @Test
    void findsLinksImagesTitlesAngleBracketsAndTheirLines() {
        Markdown md = Markdown.parse("""
                # Title

                See [running](docs/running.md), ![shot](docs/a.png "the report")
                and [a page](<docs/with space.md>) or [the knobs](docs/running.md#knobs-d).
                [wrapped
                text](docs/ci.md) and [nested [brackets]](x/y.md)
                """);
        assertThat(md.links()).containsExactly(
                new Markdown.Link(3, "docs/running.md"),
                new Markdown.Link(3, "docs/a.png"),
                new Markdown.Link(4, "docs/with space.md"),
                new Markdown.Link(4, "docs/running.md#knobs-d"),
                new Markdown.Link(5, "docs/ci.md"),
                new Markdown.Link(6, "x/y.md"));
    }

    @Test
    void codeIsNotMarkdown() {
        assertThat(targets("""
                `[not](a.md)` and ``[nor](b.md) with ` inside`` but [this](c.md)

                ```
                [in a fence](d.md)
                ```

                ~~~~java
                ```
                [still in the fence](e.md)
                ~~~~
                [after](f.md)
                """)).containsExactly("c.md", "f.md");
    }

    @Test
    void findsReferenceDefinitionsAndHtml() {
        assertThat(targets("""
                Text with [a reference][ref].

                [ref]: docs/architecture.md "title"
                <img src="docs/report.png" alt="x"> <a href="../up.md">up</a>
                """)).containsExactly("docs/architecture.md", "docs/report.png", "../up.md");
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(Markdown.slug("The reference server: `godot-load.jar serve`"))
                .isEqualTo("the-reference-server-godot-loadjar-serve");
        assertThat(Markdown.slug("Knobs (`-D`, with defaults)")).isEqualTo("knobs--d-with-defaults");
        assertThat(Markdown.slug("C++ & Java")).isEqualTo("c--java");
        assertThat(Markdown.slug("Dependencies, and why each is there")).isEqualTo("dependencies-and-why-each-is-there");
        assertThat(Markdown.slug("See [the map](x.md) — `send_message`")).isEqualTo("see-the-map--send_message");
        assertThat(Markdown.slug("Größe 4.6")).isEqualTo("größe-46");
    }

    @Test
    void anchorsOfHeadingsRepeatedHeadingsAndHtml() {
        Markdown md = Markdown.parse("""
                # Running
                ## Knobs
                ### Knobs
                Setext heading
                ==============
                ```
                # not a heading
                ```
                #not-a-heading-either
                <a id="custom"></a>
                ## Knobs ##
                """);
        assertThat(md.anchors()).containsExactly("running", "knobs", "knobs-1", "setext-heading", "custom", "knobs-2");
    }

    @Test
    void tableCellsSplitOnUnescapedPipes() {
        Markdown md = Markdown.parse("""
                | a | b |
                |---|:--:|
                | `x \\| y` | two |

                ```
                | in | code |
                |---|---|
                ```
                no | table
                """);
        assertThat(md.tableCells()).extracting(Markdown.Cell::text).containsExactly("a", "b", "`x | y`", "two");
        assertThat(md.tableCells()).extracting(Markdown.Cell::line).containsExactly(1, 1, 3, 3);
    }

    @Test
    void codeSpansAreBlankedWithoutMovingAnything() {
        String text = "a `b` c ``d`e`` f\n`g\nh` i";
        String blanked = Markdown.withoutCodeSpans(text);
        assertThat(blanked).hasSameSizeAs(text).isEqualTo("a     c         f\n  \n   i");
    }

    @Test
    void percentEscapesDecodeAsUtf8AndPlusStays() {
        assertThat(DocLinksTest.percentDecoded("with%20space/C++%C3%A9.md")).isEqualTo("with space/C++é.md");
    }
}

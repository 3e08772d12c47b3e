package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GlobalClassCacheTest {
    private static Map<String, byte[]> files(String... pathThenSource) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenSource.length; i += 2) {
            m.put(pathThenSource[i], pathThenSource[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void readsTheTopLevelDeclarations() {
        GlobalClassCache.Declaration d = GlobalClassCache.parse("""
                @tool
                @icon("res://icon.svg")
                class_name Server  # the server
                extends Node

                class Inner extends RefCounted:
                \tpass

                func f() -> void:
                \tvar extends_count := 1
                """);
        assertThat(d).isEqualTo(new GlobalClassCache.Declaration("Server", "Node", null, true, false, "res://icon.svg"));
    }

    @Test
    void oneLineDeclarationsAbstractAndPaths() {
        assertThat(GlobalClassCache.parse("@abstract class_name Shape extends Node2D\n"))
                .isEqualTo(new GlobalClassCache.Declaration("Shape", "Node2D", null, false, true, ""));
        assertThat(GlobalClassCache.parse("@abstract\nclass_name Shape\nextends Node2D\n@abstract func area() -> float\n").isAbstract())
                .isTrue();
        assertThat(GlobalClassCache.parse("extends \"res://base.gd\"\nclass_name Derived\n"))
                .isEqualTo(new GlobalClassCache.Declaration("Derived", null, "res://base.gd", false, false, ""));
        assertThat(GlobalClassCache.parse("# class_name NotMe\nextends Node\n").className()).isNull();
    }

    @Test
    void theBaseFollowsGodotsRules() {
        List<GlobalClassCache.Entry> entries = GlobalClassCache.entries(files(
                "a.gd", "class_name A\nextends Node\n",
                "b.gd", "class_name B\nextends A\n",
                "c/c.gd", "class_name C\nextends \"../a.gd\"\n",
                "d.gd", "class_name D\n",
                "e.gd", "extends Node\n",
                "f.gd", "class_name F\nextends 'res://f.gd'\n",
                "readme.txt", "class_name NotAScript"));
        assertThat(entries).extracting(GlobalClassCache.Entry::className, GlobalClassCache.Entry::base,
                GlobalClassCache.Entry::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", "Node", "res://a.gd"),
                org.assertj.core.groups.Tuple.tuple("B", "A", "res://b.gd"),
                org.assertj.core.groups.Tuple.tuple("C", "Node", "res://c/c.gd"),
                org.assertj.core.groups.Tuple.tuple("D", "RefCounted", "res://d.gd"),
                org.assertj.core.groups.Tuple.tuple("F", "", "res://f.gd"));
    }

    @Test
    void theTextIsWhatTheEditorWrites() {
        String text = GlobalClassCache.text(List.of(
                new GlobalClassCache.Entry("GutUtils", "Object", "res://addons/gut/utils.gd", true, false, ""),
                new GlobalClassCache.Entry("Q\"x", "Node", "res://q.gd", false, true, "res://i.svg")));
        // The format of .godot/global_script_class_cache.cfg in the npm package's official export.
        assertThat(text).isEqualTo("""
                list=[{
                "base": &"Object",
                "class": &"GutUtils",
                "icon": "",
                "is_abstract": false,
                "is_tool": true,
                "language": &"GDScript",
                "path": "res://addons/gut/utils.gd"
                }, {
                "base": &"Node",
                "class": &"Q\\"x",
                "icon": "res://i.svg",
                "is_abstract": true,
                "is_tool": false,
                "language": &"GDScript",
                "path": "res://q.gd"
                }]
                """);
        assertThat(GlobalClassCache.text(List.of())).isEqualTo("list=[]\n");
    }
}

package dev.godotload.engine.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code .godot/global_script_class_cache.cfg}, which the editor writes on export and an
 * exported game reads to know every {@code class_name}. Without it a script that names another
 * script's class fails to parse, and the engine logs {@code ERROR: Could not load global script cache.}
 *
 * <p>We have no editor, so the declarations are read from each script's top-level lines: {@code
 * class_name X}, {@code extends Y} (or {@code extends "res://path.gd"}), {@code @tool}, {@code @icon("…")}
 * and a standalone {@code @abstract} before the class declaration. The base follows Godot's
 * {@code GDScriptLanguage::get_global_class_name}: the name after {@code extends} (its first part for
 * {@code A.Inner}), the extended script's own base for a path, {@code RefCounted} without extends.
 */
public final class GlobalClassCache {
    public static final String PATH = ".godot/global_script_class_cache.cfg";
    private static final Pattern CLASS_NAME = Pattern.compile("^(?:@abstract\\s+)?class_name\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern EXTENDS = Pattern.compile(
            "(?:^|\\s)extends\\s+(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern ICON = Pattern.compile("^@icon\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final int MAX_EXTENDS_DEPTH = 64;

    /** One script's declarations; {@code className} null when it declares none. */
    record Declaration(String className, String extendsName, String extendsPath, boolean tool, boolean isAbstract, String icon) {
    }

    /** A global class, as one entry of the cache's {@code list}. */
    public record Entry(String className, String base, String path, boolean tool, boolean isAbstract, String icon) {
    }

    private GlobalClassCache() {
    }

    /** Entries for the scripts among {@code files} (pack paths without {@code res://}), sorted by class. */
    public static List<Entry> entries(Map<String, byte[]> files) {
        Map<String, Declaration> scripts = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().endsWith(".gd")) {
                scripts.put("res://" + f.getKey(), parse(new String(f.getValue(), StandardCharsets.UTF_8)));
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Declaration> s : scripts.entrySet()) {
            Declaration d = s.getValue();
            if (d.className() != null) {
                out.add(new Entry(d.className(), base(s.getKey(), scripts), s.getKey(), d.tool(), d.isAbstract(), d.icon()));
            }
        }
        out.sort((a, b) -> a.className().equals(b.className()) ? a.path().compareTo(b.path())
                : a.className().compareTo(b.className()));
        return out;
    }

    /** The cache file's text, as Godot's ConfigFile writes it. */
    public static String text(List<Entry> entries) {
        StringBuilder b = new StringBuilder("list=[");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append(i == 0 ? "{\n" : ", {\n")
                    .append("\"base\": &").append(quote(e.base())).append(",\n")
                    .append("\"class\": &").append(quote(e.className())).append(",\n")
                    .append("\"icon\": ").append(quote(e.icon())).append(",\n")
                    .append("\"is_abstract\": ").append(e.isAbstract()).append(",\n")
                    .append("\"is_tool\": ").append(e.tool()).append(",\n")
                    .append("\"language\": &\"GDScript\",\n")
                    .append("\"path\": ").append(quote(e.path())).append("\n}");
        }
        return b.append("]\n").toString();
    }

    /** Reads the declarations from a script's unindented lines. */
    static Declaration parse(String source) {
        String className = null;
        String extendsName = null;
        String extendsPath = null;
        boolean tool = false;
        boolean isAbstract = false;
        boolean pendingAbstract = false;
        String icon = "";
        boolean declared = false;
        for (String raw : source.split("\r?\n", -1)) {
            if (raw.isEmpty() || Character.isWhitespace(raw.charAt(0))) {
                continue;
            }
            String line = stripComment(raw).strip();
            if (line.isEmpty() || line.startsWith("class ")) {
                continue; // an inner class declares its own extends
            }
            Matcher m;
            if (line.equals("@tool") || line.startsWith("@tool ")) {
                tool = true;
            }
            if (!declared && (line.equals("@abstract") || line.startsWith("@abstract class_name")
                    || line.startsWith("@abstract extends"))) {
                pendingAbstract = true;
            }
            if ((m = ICON.matcher(line)).find()) {
                icon = m.group(1);
            }
            if (className == null && (m = CLASS_NAME.matcher(line)).find()) {
                className = m.group(1);
                declared = true;
                isAbstract = pendingAbstract;
            }
            if (extendsName == null && extendsPath == null && (line.startsWith("extends") || line.contains(" extends "))
                    && (m = EXTENDS.matcher(line)).find()) {
                declared = true;
                isAbstract |= pendingAbstract;
                if (m.group(3) != null) {
                    extendsName = m.group(3);
                } else {
                    extendsPath = m.group(1) != null ? m.group(1) : m.group(2);
                }
            }
        }
        return new Declaration(className, extendsName, extendsPath, tool, isAbstract, icon);
    }

    private static String base(String path, Map<String, Declaration> scripts) {
        Set<String> seen = new HashSet<>();
        String current = path;
        for (int depth = 0; depth < MAX_EXTENDS_DEPTH && seen.add(current); depth++) {
            Declaration d = scripts.get(current);
            if (d == null) {
                return "";
            }
            if (d.extendsName() != null) {
                return d.extendsName();
            }
            if (d.extendsPath() == null) {
                return "RefCounted";
            }
            current = d.extendsPath().startsWith("res://") ? d.extendsPath() : resolve(current, d.extendsPath());
        }
        return "";
    }

    private static String resolve(String from, String relative) {
        String dir = from.substring(0, from.lastIndexOf('/') + 1);
        List<String> parts = new ArrayList<>(List.of(dir.substring("res://".length()).split("/")));
        parts.removeIf(String::isEmpty);
        for (String p : relative.split("/")) {
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return "res://" + String.join("/", parts);
    }

    private static String stripComment(String line) {
        boolean inString = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

package dev.godotload.wire.variant;

import java.util.ArrayList;
import java.util.List;

/**
 * Godot {@code NodePath}: node names, then property subnames, and whether it starts at the root.
 * {@code NodePath.parse("/root/Main/Chat:text")} has names [root, Main, Chat], subnames [text].
 */
public record NodePath(List<String> names, List<String> subnames, boolean absolute) {
    public NodePath {
        names = List.copyOf(names);
        subnames = List.copyOf(subnames);
    }

    /** Parses Godot's text form: {@code /} separates names, {@code :} starts each subname. */
    public static NodePath parse(String text) {
        boolean absolute = text.startsWith("/");
        String body = absolute ? text.substring(1) : text;
        int colon = body.indexOf(':');
        String path = colon < 0 ? body : body.substring(0, colon);
        List<String> names = new ArrayList<>();
        for (String n : path.split("/", -1)) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        List<String> subnames = new ArrayList<>();
        if (colon >= 0) {
            for (String s : body.substring(colon + 1).split(":", -1)) {
                if (!s.isEmpty()) {
                    subnames.add(s);
                }
            }
        }
        return new NodePath(names, subnames, absolute);
    }

    public boolean isEmpty() {
        return names.isEmpty() && subnames.isEmpty();
    }

    /** Godot's text form, the inverse of {@link #parse}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (absolute) {
            sb.append('/');
        }
        sb.append(String.join("/", names));
        for (String s : subnames) {
            sb.append(':').append(s);
        }
        return sb.toString();
    }
}

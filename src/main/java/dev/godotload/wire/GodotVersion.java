package dev.godotload.wire;

import java.util.Locale;

/**
 * The Godot release line a peer speaks. Every wire difference between Godot versions is decided
 * here and nowhere else.
 *
 * <p>Only the differences that reach the wire are modelled: Godot 3's 9-byte peer header and
 * methods by name; the 4.0–4.2 CONFIRM_PATH that echoes the path; the 4.3 typed Array header
 * (#78219) and PackedVector4Array; the 4.4 typed Dictionary header (#98120).
 */
public enum GodotVersion {
    /** Godot 3.x (measured on 3.2.3; 3.3–3.6 are identical on the wire). */
    GODOT_3("3.x"),
    /** Godot 4.0, 4.1 and 4.2: CONFIRM_PATH carries the path, containers are never typed. */
    GODOT_4_0("4.0-4.2"),
    /** Godot 4.3: CONFIRM_PATH carries the cache id, typed Arrays, PackedVector4Array. */
    GODOT_4_3("4.3"),
    /** Godot 4.4 and later: typed Dictionaries too. */
    GODOT_4_4("4.4+");

    /** The version a peer speaks unless told otherwise. */
    public static final GodotVersion DEFAULT = GODOT_4_3;

    private final String label;

    GodotVersion(String label) {
        this.label = label;
    }

    /** Human label, e.g. {@code 4.0-4.2}. */
    public String label() {
        return label;
    }

    public boolean isGodot3() {
        return this == GODOT_3;
    }

    /** CONFIRM_PATH is {@code 02 valid id:u32} (4.3+) rather than {@code 02 valid path 00}. */
    public boolean confirmsPathById() {
        return compareTo(GODOT_4_3) >= 0;
    }

    /** Arrays carry their element type in the Variant header (4.3+). */
    public boolean hasTypedArrays() {
        return compareTo(GODOT_4_3) >= 0;
    }

    /** Dictionaries carry their key and value types in the Variant header (4.4+). */
    public boolean hasTypedDictionaries() {
        return compareTo(GODOT_4_4) >= 0;
    }

    /** Variant type 38, PackedVector4Array, exists (4.3+). */
    public boolean hasPackedVector4Array() {
        return compareTo(GODOT_4_3) >= 0;
    }

    /**
     * The largest WebSocket message a Godot peer sends and delivers: 65,535 bytes in both lines.
     * Godot 4: {@code inbound_buffer_size} / {@code outbound_buffer_size} = 65,535. Godot 3
     * ({@code max_in_buffer_kb = 64}): wslay takes messages up to 65,536 bytes, but the packet
     * ring buffer they are copied into has 2^16 bytes and holds at most 2^16 - 1, so a 65,536-byte
     * message is dropped ("Buffer payload full! Dropping data."); its sender refuses one too
     * ({@code put_packet} fails when queued + size >= 2^16).
     */
    public int maxMessageBytes() {
        return 65_535;
    }

    /**
     * Reads a version as people write it: {@code 3}, {@code 3.2.3}, {@code 4}, {@code 4.2},
     * {@code 4.2.2}, {@code 4.3}, {@code 4.6}, {@code 4.4+}, or an enum name.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static GodotVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(usage("an empty value"));
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (GodotVersion v : values()) {
            if (t.equals(v.name().toLowerCase(Locale.ROOT)) || t.equals(v.label)) {
                return v;
            }
        }
        if (t.endsWith("+")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith(".x")) {
            t = t.substring(0, t.length() - 2);
        }
        String[] parts = t.split("\\.", -1);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            for (int i = 2; i < parts.length; i++) {
                Integer.parseInt(parts[i]);
            }
            if (major == 3 && parts.length <= 3) {
                return GODOT_3;
            }
            if (major == 4 && parts.length <= 3) {
                if (minor < 0) {
                    return DEFAULT;
                }
                if (minor <= 2) {
                    return GODOT_4_0;
                }
                return minor == 3 ? GODOT_4_3 : GODOT_4_4;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new IllegalArgumentException(usage("'" + text + "'"));
    }

    private static String usage(String got) {
        return "unknown Godot version " + got + ": use 3, 4.0, 4.1, 4.2, 4.3, 4.4 or later (e.g. 4.6)";
    }

    @Override
    public String toString() {
        return label;
    }
}

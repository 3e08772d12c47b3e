package dev.godotload.wire.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RPC method table of a Godot 4 node as SceneMultiplayer builds it: script {@code @rpc} names
 * sorted by code point get ids 0, 1, 2 …; the SIMPLIFY_PATH checksum is the lowercase hex MD5 of
 * the names concatenated in id order.
 */
public final class RpcChecksum {
    private RpcChecksum() {
    }

    /**
     * Names in method-id order (sorted as Godot sorts them: by Unicode code point, as Godot's
     * {@code str_compare} compares {@code char32_t}s; {@code String.compareTo} compares UTF-16
     * units, which puts names with characters above U+FFFF before those with U+E000…U+FFFF).
     */
    public static List<String> sortedNames(List<String> rpcNames) {
        List<String> sorted = new ArrayList<>(rpcNames);
        sorted.sort(RpcChecksum::compareCodePoints);
        return sorted;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** MD5 of the sorted names concatenated; {@code d41d8cd98f00b204e9800998ecf8427e} for a node without RPCs. */
    public static String md5(List<String> rpcNames) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        for (String name : sortedNames(rpcNames)) {
            md5.update(name.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static boolean isMd5Hex(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            // ASCII only: Character.digit also accepts fullwidth and other scripts' digits, which
            // the encoder cannot write as the one byte each the wire has.
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}

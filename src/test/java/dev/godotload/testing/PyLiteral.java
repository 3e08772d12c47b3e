package dev.godotload.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the subset of Python literals the capture tools print with {@code repr()}: dicts,
 * lists, tuples, strings (single or double quoted, with backslash escapes x, u, U and the
 * usual escapes), {@code b'..'} bytes, ints, floats, {@code True}/{@code False}/{@code None} and
 * constructor calls such as {@code Vector2(1.5, -2.0)} or {@code PackedInt32Array([3, 17])}.
 *
 * <p>Values: dict → {@link LinkedHashMap} (insertion order), list → {@link ArrayList}, tuple →
 * {@link Tuple}, str → String, bytes → byte[], int → Long (BigInteger beyond 64 bits), float →
 * Double, bool → Boolean, None → null, {@code Name(args)} → {@link Call}.
 *
 * <p>Some captures cut a long repr off mid-way. {@link #parseTruncated} accepts such input: every
 * container still open at the end of the text comes back as a {@link TruncatedList} or
 * {@link TruncatedDict} holding the complete elements read so far (a partly read element is dropped).
 */
public final class PyLiteral {

    /** A Python tuple. */
    public record Tuple(List<Object> items) {
    }

    /** A constructor call {@code name(args)}, e.g. {@code Transform3D(1.0, 0.0, ...)}. */
    public record Call(String name, List<Object> args) {
    }

    /** A list the text ended inside of: its complete elements so far. */
    public static final class TruncatedList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    /** A dict the text ended inside of: its complete entries so far. */
    public static final class TruncatedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** The text ended before the value did (only thrown inside the parser in truncated mode). */
    private static final class EndOfInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfInput() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private final boolean lenient;
    private int pos;

    private PyLiteral(String s, boolean lenient) {
        this.s = s;
        this.lenient = lenient;
    }

    /** Parses one complete literal; anything else in the text is an error. */
    public static Object parse(String text) {
        PyLiteral p = new PyLiteral(text, false);
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    /** Parses a literal that may be cut off; open containers come back as Truncated*. */
    public static Object parseTruncated(String text) {
        PyLiteral p = new PyLiteral(text, true);
        try {
            Object v = p.value();
            p.ws();
            if (p.pos != text.length()) {
                throw p.error("unexpected text after the value");
            }
            return v;
        } catch (EndOfInput e) {
            throw new IllegalArgumentException("text ends before any container opened: " + text);
        }
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " at " + pos + " in: " + s);
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            if (lenient) {
                throw new EndOfInput();
            }
            throw error("unexpected end of text");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        ws();
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private Object value() {
        ws();
        char c = peek();
        switch (c) {
            case '{':
                return dict();
            case '[':
                return sequence('[', ']', true);
            case '(':
                return tuple();
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if ((c == 'b' || c == 'B') && pos + 1 < s.length() && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
            pos++;
            return bytes();
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return nameOrCall();
        }
        throw error("unexpected character '" + c + "'");
    }

    private Map<Object, Object> dict() {
        expect('{');
        Map<Object, Object> map = new LinkedHashMap<>();
        try {
            ws();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                Object key = value();
                expect(':');
                Object v = value();
                map.put(key, v);
                ws();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
                ws();
                if (peek() == '}') { // trailing comma
                    pos++;
                    return map;
                }
            }
        } catch (EndOfInput e) {
            TruncatedDict t = new TruncatedDict();
            t.putAll(map);
            return t;
        }
    }

    /** A list ({@code [..]}) or the argument list of a call / body of a tuple. */
    private List<Object> sequence(char open, char close, boolean isList) {
        expect(open);
        List<Object> items = new ArrayList<>();
        try {
            ws();
            if (peek() == close) {
                pos++;
                return items;
            }
            while (true) {
                items.add(value());
                ws();
                char c = next();
                if (c == close) {
                    return items;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '" + close + "'");
                }
                ws();
                if (peek() == close) {
                    pos++;
                    return items;
                }
            }
        } catch (EndOfInput e) {
            if (!isList) {
                throw e;
            }
            TruncatedList t = new TruncatedList();
            t.addAll(items);
            return t;
        }
    }

    private Tuple tuple() {
        // A tuple may hold None, which List.copyOf would refuse.
        return new Tuple(Collections.unmodifiableList(new ArrayList<>(sequence('(', ')', false))));
    }

    private Object nameOrCall() {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        String name = s.substring(start, pos);
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        ws();
        if (pos < s.length() && s.charAt(pos) == '(') {
            return new Call(name, Collections.unmodifiableList(sequence('(', ')', false)));
        }
        throw error("bare name '" + name + "'");
    }

    private Object number() {
        int start = pos;
        if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
            pos++;
        }
        if (s.startsWith("inf", pos)) {
            pos += 3;
            return s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean isFloat = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isDigit(c) || c == '_') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                pos++;
                if ((c == 'e' || c == 'E') && pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos == s.length() && lenient) {
            throw new EndOfInput(); // the number may have been cut short
        }
        String text = s.substring(start, pos).replace("_", "");
        if (isFloat) {
            return Double.parseDouble(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private String string() {
        char quote = next();
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'x' -> sb.append((char) hexDigits(2));
                case 'u' -> sb.append((char) hexDigits(4));
                case 'U' -> sb.appendCodePoint(hexDigits(8));
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '0' -> sb.append('\0');
                case '\\', '\'', '"' -> sb.append(e);
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private byte[] bytes() {
        char quote = next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            char c = next();
            if (c == quote) {
                return out.toByteArray();
            }
            if (c > 0x7F) {
                throw error("non-ASCII character in a bytes literal");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'x' -> out.write(hexDigits(2));
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\', '\'', '"' -> out.write(e);
                default -> throw error("unknown bytes escape \\" + e);
            }
        }
    }

    private int hexDigits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = Character.digit(next(), 16);
            if (d < 0) {
                pos--;
                throw error("expected a hex digit");
            }
            v = v << 4 | d;
        }
        return v;
    }
}

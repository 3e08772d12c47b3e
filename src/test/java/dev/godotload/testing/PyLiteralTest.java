package dev.godotload.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTest {

    @Test
    void scalarsAndContainers() {
        Object v = PyLiteral.parse("{'cmd': 'SYS', 'n': -12, 'f': 11.299999999999999, 'e': 1e-3, 'ok': True,"
                + " 'no': False, 'nil': None, 'node': ('path', 'Main/Chat'), 'l': [1, [2, 3],], 'big': 18446744073709551616}");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.<Object>copyOf(m.keySet()))
                .isEqualTo(List.of("cmd", "n", "f", "e", "ok", "no", "nil", "node", "l", "big"));
        assertThat(m.get("n")).isEqualTo(-12L);
        assertThat(m.get("f")).isEqualTo(11.299999999999999);
        assertThat(m.get("e")).isEqualTo(0.001);
        assertThat(m.get("ok")).isEqualTo(true);
        assertThat(m.get("no")).isEqualTo(false);
        assertThat(m.get("nil")).isNull();
        assertThat(m.get("node")).isEqualTo(new PyLiteral.Tuple(List.of("path", "Main/Chat")));
        assertThat(m.get("l")).isEqualTo(List.of(1L, List.of(2L, 3L)));
        assertThat(m.get("big")).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void stringAndBytesEscapes() {
        assertThat(PyLiteral.parse("'a\\'b\\\\c\\x41\\u2713\\U0001f600\\n'")).isEqualTo("a'b\\cA\u2713\uD83D\uDE00\n");
        assertThat(PyLiteral.parse("\"it's\"")).isEqualTo("it's");
        assertThat(PyLiteral.parse("'again \u2713'")).isEqualTo("again \u2713");
        assertThat((byte[]) PyLiteral.parse("b'\\x03\\xde\\xad'")).containsExactly(3, 0xDE, 0xAD);
        assertThat((byte[]) PyLiteral.parse("b'BYE\\\\'")).containsExactly('B', 'Y', 'E', '\\');
    }

    @Test
    void constructorCalls() {
        Object v = PyLiteral.parse("[Vector2(1.5, -2.0), PackedInt32Array([3, 17]), Transform3D(1.0, 0.0)]");
        assertThat(v).isEqualTo(List.of(
                new PyLiteral.Call("Vector2", List.of(1.5, -2.0)),
                new PyLiteral.Call("PackedInt32Array", List.of(List.of(3L, 17L))),
                new PyLiteral.Call("Transform3D", List.of(1.0, 0.0))));
    }

    @Test
    void truncatedText() {
        Object v = PyLiteral.parseTruncated("{'cmd': 'REMOTE_CALL', 'args': [{'a': 1, 'b': 2.5, 'merges_a");
        assertThat(v).isInstanceOf(PyLiteral.TruncatedDict.class);
        Object args = ((Map<?, ?>) v).get("args");
        assertThat(args).isInstanceOf(PyLiteral.TruncatedList.class);
        Object stats = ((List<?>) args).get(0);
        assertThat(stats).isInstanceOf(PyLiteral.TruncatedDict.class);
        assertThat(stats).isEqualTo(Map.of("a", 1L, "b", 2.5));
        assertThat(List.copyOf(((Map<?, ?>) stats).keySet())).isEqualTo(List.of("a", "b"));
        // a number cut short is dropped, not read as a smaller number
        Object cut = PyLiteral.parseTruncated("[1, 22");
        assertThat(cut).isEqualTo(List.of(1L));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : Arrays.asList("{'a' 1}", "[1 2]", "'open", "b'\u00e9'", "foo", "[1] 2", "'\\q'")) {
            assertThatThrownBy(() -> PyLiteral.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

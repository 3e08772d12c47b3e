package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class UpgradeRequestTest {
    private static final String GODOT_REQUEST = String.join("\r\n",
            "GET /game HTTP/1.1",
            "Host: 127.0.0.1:9080",
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 13");

    private static UpgradeRequest parse(String block) throws HandshakeException {
        return UpgradeRequest.parse(block);
    }

    @Test
    void acceptsGodotsOwnRequest() throws Exception {
        UpgradeRequest request = parse(GODOT_REQUEST);

        assertThat(request.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(request.path()).isEqualTo("/game");
        assertThat(request.selectProtocol(List.of())).isNull();
    }

    @Test
    void headerNamesAndUpgradeValueAreCaseInsensitive() throws Exception {
        UpgradeRequest request = parse(String.join("\r\n",
                "GET / HTTP/1.1",
                "UPGRADE: WebSocket",
                "connection: whatever",
                "sec-websocket-key: k",
                "SEC-WEBSOCKET-VERSION: 13"));

        assertThat(request.key()).isEqualTo("k");
    }

    @Test
    void anyConnectionValueAndAnyPathAreAccepted() throws Exception {
        String block = GODOT_REQUEST.replace("GET /game ", "GET /a/b?c=d ")
                .replace("Connection: Upgrade", "Connection: keep-alive");

        assertThat(parse(block).path()).isEqualTo("/a/b?c=d");
    }

    @Test
    void refusesWhatGodotRefuses() {
        assertRefused(GODOT_REQUEST.replace("GET ", "POST "), "expected 'GET <path> HTTP/1.1'");
        assertRefused(GODOT_REQUEST.replace("HTTP/1.1", "HTTP/1.0"), "expected 'GET <path> HTTP/1.1'");
        assertRefused(GODOT_REQUEST.replace("GET /game HTTP/1.1", "GET HTTP/1.1"), "expected 'GET");
        assertRefused(GODOT_REQUEST.replace("Upgrade: websocket", "Upgrade: h2c"),
                "invalid header 'upgrade', expected 'websocket'");
        assertRefused(GODOT_REQUEST.replace("Upgrade: websocket\r\n", ""), "missing header 'upgrade'");
        assertRefused(GODOT_REQUEST.replace("Version: 13", "Version: 8"),
                "invalid header 'sec-websocket-version', expected '13'");
        assertRefused(GODOT_REQUEST.replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""),
                "missing header 'sec-websocket-key'");
        assertRefused(GODOT_REQUEST.replace("Connection: Upgrade\r\n", ""), "missing header 'connection'");
        assertRefused("GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13",
                "at least 3 headers");
        assertRefused(GODOT_REQUEST + "\r\nNoColonHere", "bad header line 'NoColonHere'");
        assertRefused(GODOT_REQUEST + "\r\nEmpty-Value:", "bad header line");
    }

    @Test
    void repeatedHeadersAreJoinedWithACommaAsInGodot() {
        // Godot joins "websocket" twice into "websocket,websocket", which is not "websocket".
        assertRefused(GODOT_REQUEST + "\r\nUpgrade: websocket", "invalid header 'upgrade'");
    }

    @Test
    void reasonsStayOnOnePrintableLine() {
        assertThatThrownBy(() -> parse("GET \u0001\u00ff HTTP/1.1\r\na: b\r\nc: d\r\ne: f"))
                .hasMessageNotContaining("\u0001")
                .hasMessageNotContaining("\n");
    }

    @Test
    void subProtocolOfferedButNoneSupportedFails() throws Exception {
        UpgradeRequest request = parse(GODOT_REQUEST + "\r\nSec-WebSocket-Protocol: chat");

        assertThatThrownBy(() -> request.selectProtocol(List.of()))
                .isInstanceOf(HandshakeException.class)
                .hasMessage("sub-protocol 'chat' offered, none supported");
    }

    @Test
    void noSubProtocolOfferedButOneRequiredFails() throws Exception {
        UpgradeRequest request = parse(GODOT_REQUEST);

        assertThatThrownBy(() -> request.selectProtocol(List.of("godot")))
                .hasMessage("no sub-protocol offered, expected one of [godot]");
    }

    @Test
    void firstOfferedSupportedProtocolWins() throws Exception {
        UpgradeRequest request = parse(GODOT_REQUEST + "\r\nSec-WebSocket-Protocol: x, b ,a");

        assertThat(request.selectProtocol(List.of("a", "b"))).isEqualTo("b");
        assertThatThrownBy(() -> request.selectProtocol(List.of("c")))
                .hasMessageContaining("none of the sub-protocols 'x, b ,a' is supported [c]");
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        assertThat(UpgradeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void responseIsGodotsByteForByte() {
        assertThat(UpgradeResponse.switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==", null)).isEqualTo(
                "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                        + "\r\n");
        assertThat(UpgradeResponse.switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==", "godot"))
                .endsWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                        + "Sec-WebSocket-Protocol: godot\r\n\r\n");
    }

    @Test
    void badRequestCarriesTheReasonWithItsLength() {
        assertThat(UpgradeResponse.badRequest("no"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Content-Length: 3\r\n")
                .endsWith("\r\n\r\nno\n");
    }

    private static void assertRefused(String block, String reason) {
        assertThatThrownBy(() -> parse(block))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining(reason);
    }
}

package dev.godotload.server.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client's HTTP upgrade request, checked the way Godot 4's server checks it
 * ({@code WSLPeer::_parse_client_request}), which is looser than RFC 6455 in some places (any path,
 * any {@code Connection} value, any key) and stricter in others (exactly {@code HTTP/1.1}, a
 * sub-protocol must match when either side has one).
 */
final class UpgradeRequest {
    /** Godot's {@code WSL_MAX_HEADER_SIZE}: the whole header block, terminating blank line included. */
    static final int MAX_HEADER_BYTES = 4096;

    private final String path;
    private final String key;
    private final String protocols;

    private UpgradeRequest(String path, String key, String protocols) {
        this.path = path;
        this.key = key;
        this.protocols = protocols;
    }

    /**
     * Parses a header block: the request line and header lines, separated by CRLF, without the
     * final blank line.
     */
    static UpgradeRequest parse(String block) throws HandshakeException {
        String[] lines = block.split("\r\n", -1);
        if (lines.length < 4) {
            throw new HandshakeException("expected a request line and at least 3 headers, got "
                    + lines.length + " line" + (lines.length == 1 ? "" : "s"));
        }
        List<String> request = new ArrayList<>();
        for (String token : lines[0].split(" ")) {
            if (!token.isEmpty()) {
                request.add(token);
            }
        }
        if (request.size() < 3 || !request.get(0).equals("GET") || !request.get(2).equals("HTTP/1.1")) {
            throw new HandshakeException("expected 'GET <path> HTTP/1.1', got '" + printable(lines[0]) + "'");
        }
        Map<String, String> headers = headers(lines);
        expect(headers, "upgrade", "websocket");
        expect(headers, "sec-websocket-version", "13");
        String key = present(headers, "sec-websocket-key");
        present(headers, "connection");
        return new UpgradeRequest(request.get(1), key, headers.get("sec-websocket-protocol"));
    }

    /** Names lower-cased but not trimmed, values trimmed, repeated headers joined with ',' (as Godot). */
    private static Map<String, String> headers(String[] lines) throws HandshakeException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new HandshakeException("bad header line '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (old, added) -> old + "," + added);
        }
        return headers;
    }

    private static void expect(Map<String, String> headers, String name, String value) throws HandshakeException {
        String actual = headers.get(name);
        if (actual == null || !actual.toLowerCase(Locale.ROOT).equals(value)) {
            throw new HandshakeException((actual == null ? "missing" : "invalid") + " header '" + name
                    + "', expected '" + value + "'");
        }
    }

    private static String present(Map<String, String> headers, String name) throws HandshakeException {
        String value = headers.get(name);
        if (value == null) {
            throw new HandshakeException("missing header '" + name + "'");
        }
        return value;
    }

    /** Keeps a reason on one short line whatever the client sent. */
    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The request path, as sent; Godot ignores it and so does this server. */
    String path() {
        return path;
    }

    /** {@code Sec-WebSocket-Key}, unchecked beyond being present (Godot does not decode it). */
    String key() {
        return key;
    }

    /**
     * The sub-protocol to answer with: the first protocol the client offers that the server
     * supports, or {@code null} when neither side has any. Anything else fails the handshake.
     */
    String selectProtocol(List<String> supported) throws HandshakeException {
        if (protocols == null) {
            if (!supported.isEmpty()) {
                throw new HandshakeException("no sub-protocol offered, expected one of " + supported);
            }
            return null;
        }
        for (String offered : protocols.split(",")) {
            String protocol = offered.trim();
            if (supported.contains(protocol)) {
                return protocol;
            }
        }
        throw new HandshakeException(supported.isEmpty()
                ? "sub-protocol '" + printable(protocols) + "' offered, none supported"
                : "none of the sub-protocols '" + printable(protocols) + "' is supported " + supported);
    }
}

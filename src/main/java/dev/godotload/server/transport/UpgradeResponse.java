package dev.godotload.server.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The server's answers to an upgrade request, byte for byte. */
final class UpgradeResponse {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private UpgradeResponse() {
    }

    /**
     * Godot's own response, header for header. {@code Connection} is exactly {@code Upgrade} because a
     * Godot client lower-cases it and compares it with "upgrade" (so "Upgrade, keep-alive" fails);
     * there is never a {@code Sec-WebSocket-Extensions}: Godot negotiates none.
     */
    static String switchingProtocols(String key, String protocol) {
        StringBuilder response = new StringBuilder(160)
                .append("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(accept(key)).append("\r\n");
        if (protocol != null) {
            response.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        }
        return response.append("\r\n").toString();
    }

    /**
     * Where Godot just drops the connection; a client learns the same (no WebSocket) and a human
     * with curl learns why.
     */
    static String badRequest(String reason) {
        return plainText("400 Bad Request", reason);
    }

    /** A well-formed upgrade the server has no room for ({@link ConnectionLimits#maxPeers()}); Godot has no such limit. */
    static String serviceUnavailable(String reason) {
        return plainText("503 Service Unavailable", reason);
    }

    private static String plainText(String status, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + reason + "\n";
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}

package dev.godotload.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.WebSocketTransport;

/** A byte-level client for what the JDK client cannot do; every read times out after 5 s. */
public final class RawClient implements AutoCloseable {
    public static final int READ_TIMEOUT_MILLIS = 5000;
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    public record Frame(int b0, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawClient connect(WebSocketTransport transport) throws IOException {
        return connect(transport, -1);
    }

    /** {@code receiveBuffer} > 0 shrinks the socket's receive buffer (set before connecting). */
    public static RawClient connect(WebSocketTransport transport, int receiveBuffer) throws IOException {
        return connect(transport.port(), receiveBuffer);
    }

    /** A plain TCP connection to 127.0.0.1:{@code port}; {@code receiveBuffer} as above. */
    public static RawClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawClient(socket);
    }

    /** A request as a Godot client writes it, plus {@code extraHeaders} (each ending in CRLF). */
    public static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads up to and including the blank line after the response headers. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 8192) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("response head longer than 8192 bytes");
    }

    /** Upgrades with a Godot-like request and returns the peer id from the first message. */
    public int upgrade() throws IOException {
        write(request("/", ""));
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new IOException("not upgraded: " + head);
        }
        Frame first = readFrame();
        return ByteBuffer.wrap(first.payload()).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frame is masked");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0, b0 & 0x0f, payload);
    }

    /** Writes one frame; {@code b0} carries FIN, RSV and opcode as they go on the wire. */
    public void writeFrame(int b0, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(b0);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(mask | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(mask | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(mask | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            frame.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        frame.writeBytes(body);
        write(frame.toByteArray());
    }

    /** Binary, final, masked: what a well-behaved client sends. */
    public void sendBinary(byte[] payload) throws IOException {
        writeFrame(0x82, payload, true);
    }

    /**
     * Milliseconds until the server ends the connection (EOF or reset), reading and discarding
     * whatever arrives; fails if it stays open for {@link #READ_TIMEOUT_MILLIS}.
     */
    public long millisUntilClosed() throws IOException {
        long start = System.nanoTime();
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (raw.read(sink) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + READ_TIMEOUT_MILLIS + " ms");
        } catch (SocketException reset) {
            // closed too
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

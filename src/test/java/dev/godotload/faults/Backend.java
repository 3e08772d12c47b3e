package dev.godotload.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP server on loopback behind the proxy under test: each accepted socket is handed to a
 * handler on its own thread (a test opens a few). What a handler learns goes to {@link #outcomes}.
 */
final class Backend implements AutoCloseable {
    interface Handler {
        void handle(Socket socket, Backend backend) throws IOException;
    }

    final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    private final ServerSocket server;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Backend(Handler handler) throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setSoTimeout(10_000);
                    Thread t = new Thread(() -> {
                        try {
                            handler.handle(s, this);
                        } catch (IOException e) {
                            outcomes.add(e);
                        }
                    }, "backend-connection");
                    t.setDaemon(true);
                    synchronized (this) {
                        sockets.add(s);
                        threads.add(t);
                    }
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "backend-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        threads.add(acceptor);
    }

    /** Echoes every byte until the peer closes. */
    static Backend echo() throws IOException {
        return new Backend((s, b) -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0;) {
                out.write(buf, 0, n);
            }
            s.close();
        });
    }

    /** Reads until the peer closes, then reports how many bytes came (or the exception that ended it). */
    static Backend counting() throws IOException {
        return new Backend((s, b) -> {
            b.outcomes.add(drain(s.getInputStream()));
            s.close();
        });
    }

    /** Bytes until end of stream. */
    static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0;) {
            total += n;
        }
        return total;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    Object outcome() throws InterruptedException {
        Object o = outcomes.poll(10, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("the backend reported nothing within 10 s");
        }
        return o;
    }

    @Override
    public void close() throws Exception {
        server.close();
        List<Thread> ts;
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
            ts = List.copyOf(threads);
        }
        for (Thread t : ts) {
            t.join(2_000);
        }
    }
}
